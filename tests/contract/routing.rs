//! Routing by content against real databases and the real server: the HTTP
//! API and the command line agree, bad input gets an answer and never an
//! error page, confident suggestions are applied and can be undone, and the
//! model learns from the coordinator's decisions and keeps them across a
//! restart.

use phanhoi::domain::{Action, AgencySuggestion, ComplaintStatus};
use phanhoi::server::services::complaints::{assign, file, receive, submit};
use phanhoi::server::services::routing::{route_received, Router, SuggestRequest};
use phanhoi::server::store::complaints::{Effect, NewComplaint, Transition};
use phanhoi::server::{seed, store, Db};

use crate::http::{get, start};
use crate::on_both_databases;
use crate::support::{agency_id, TestDb};

/// 2 March 2026, 09:00 in Vietnam.
const MONDAY_MORNING: i64 = 1_772_416_800;

fn power_cut() -> NewComplaint {
    NewComplaint {
        title: "Mất điện cả thôn từ chiều qua".into(),
        description: "Thôn 5 mất điện từ 3 giờ chiều qua đến giờ chưa có điện lại, trạm biến áp kêu to rồi tắt, \
                      gọi tổng đài điện lực không ai nghe."
            .into(),
        citizen_name: "Lê Thị Hoa".into(),
        citizen_phone: "0912345678".into(),
        is_public: true,
        ..NewComplaint::default()
    }
}

fn suggest_url(base: &str, title: &str, description: &str) -> String {
    let mut url = url::Url::parse(&format!("{base}/api/v1/routing/suggest")).unwrap();
    url.query_pairs_mut()
        .append_pair("title", title)
        .append_pair("description", description);
    url.to_string()
}

async fn suggestions(url: &str) -> Vec<AgencySuggestion> {
    let (status, body) = get(url).await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

async fn status_and_agency(db: &Db, id: i64) -> (ComplaintStatus, Option<i64>, i64) {
    let row: (String, Option<i64>, i64) =
        sqlx::query_as("SELECT status, agency_id, version FROM complaints WHERE id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await
            .unwrap();
    (ComplaintStatus::parse(&row.0).unwrap(), row.1, row.2)
}

on_both_databases!(api_routes_with_or_without_diacritics, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let server = start(&t).await;
    let with = suggestions(&suggest_url(
        &server.base,
        "Đường vào thôn 3 bị sụt lún",
        "Đoạn đường bê tông trong xóm bị sụt lún sau mưa, xe máy đi rất nguy hiểm.",
    ))
    .await;
    let without = suggestions(&suggest_url(
        &server.base,
        "duong vao thon 3 bi sut lun",
        "doan duong be tong trong xom bi sut lun sau mua, xe may di rat nguy hiem.",
    ))
    .await;
    assert_eq!(with, without);
    assert_eq!(with.len(), 5);
    assert!(with.windows(2).all(|w| w[0].confidence >= w[1].confidence));
    assert!(with.iter().all(|s| (0.0..=1.0).contains(&s.confidence)));
    assert!(!with[0].agency_name.is_empty());

    // A power cut goes to the electricity company, named as in the catalogue.
    let power = suggestions(&format!(
        "{}&limit=2",
        suggest_url(&server.base, &power_cut().title, &power_cut().description)
    ))
    .await;
    assert_eq!(power.len(), 2);
    assert_eq!(power[0].agency_code, "DL");
    assert_eq!(power[0].agency_name, "Công ty Điện lực Thanh Hóa");
    assert!(power[0].confidence > 0.5, "{power:?}");
});

on_both_databases!(api_answers_bad_input_without_error_pages, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let server = start(&t).await;
    // Nothing, or too little, to go on: an empty list.
    assert!(suggestions(&suggest_url(&server.base, "", "")).await.is_empty());
    assert!(suggestions(&suggest_url(&server.base, "a", "?")).await.is_empty());
    assert!(suggestions(&suggest_url(&server.base, "😡😡😡", "🔥🔥"))
        .await
        .is_empty());
    // HTML and emoji around real words: a best guess.
    let html = suggestions(&suggest_url(
        &server.base,
        "<script>alert(1)</script> mất nước",
        "<b>nhà tôi mất nước máy 3 ngày</b> 😡😡",
    ))
    .await;
    assert_eq!(html[0].agency_code, "CN");
    // A 20,000-character paste, sent as JSON.
    let paste = "Ổ gà trên đường, xe máy ngã liên tục. ".repeat(540);
    assert!(paste.chars().count() > 20_000);
    let response = reqwest::Client::new()
        .post(format!("{}/api/v1/routing/suggest", server.base))
        .json(&serde_json::json!({ "title": "Đường hỏng", "description": paste }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let long: Vec<AgencySuggestion> = response.json().await.unwrap();
    assert!(!long.is_empty());
    // A bad limit is a 400 with a Vietnamese message, not a crash.
    let (status, body) = get(&format!(
        "{}&limit=abc",
        suggest_url(&server.base, "mất điện", "cả xóm mất điện")
    ))
    .await;
    assert_eq!(status, 400);
    assert!(body.contains("limit phải là số"), "{body}");
});

on_both_databases!(local_matters_name_the_communes_committee, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let router = Router::load(&t.db).await.unwrap();
    let request = SuggestRequest {
        title: "Rác trong ngõ mấy ngày không ai thu gom".into(),
        description: "Ngõ nhà tôi rác chất đống đầu ngõ, bốc mùi, tổ dân phố không ai thu gom.".into(),
        category: None,
        commune: Some("phuong-ham-rong".into()),
    };
    let ranked = router.suggest(&request, 3);
    let local = ranked
        .iter()
        .find(|s| s.agency_code == "UBND_XA")
        .expect("local committee suggested");
    assert_eq!(local.agency_name, "UBND phường Hàm Rồng");
    let anywhere = router.suggest(
        &SuggestRequest {
            commune: None,
            ..request
        },
        3,
    );
    let local = anywhere.iter().find(|s| s.agency_code == "UBND_XA").unwrap();
    assert_eq!(local.agency_name, "UBND xã/phường nơi xảy ra sự việc");
});

on_both_databases!(
    confident_suggestions_are_assigned_and_can_be_undone,
    |t: TestDb| async move {
        seed::seed_reference(&t.db, 17).await.unwrap();
        let router = Router::load(&t.db).await.unwrap();

        // Auto-assignment off: the complaint waits for the coordinator.
        let (waiting, _) = submit(&t.db, &power_cut(), MONDAY_MORNING).await.unwrap();
        receive(&t.db, waiting, MONDAY_MORNING).await.unwrap();
        assert_eq!(
            route_received(&t.db, &router, waiting, None, MONDAY_MORNING)
                .await
                .unwrap(),
            None
        );
        // A threshold above any confidence: still waiting.
        assert_eq!(
            route_received(&t.db, &router, waiting, Some(1.0), MONDAY_MORNING)
                .await
                .unwrap(),
            None
        );
        assert_eq!(status_and_agency(&t.db, waiting).await.0, ComplaintStatus::Received);

        // The citizen chose an agency: routing leaves it alone.
        let chosen = NewComplaint {
            chosen_agency_id: Some(agency_id(&t.db, "SXD").await),
            ..power_cut()
        };
        let (chosen_id, _) = submit(&t.db, &chosen, MONDAY_MORNING).await.unwrap();
        receive(&t.db, chosen_id, MONDAY_MORNING).await.unwrap();
        assert_eq!(
            route_received(&t.db, &router, chosen_id, Some(0.1), MONDAY_MORNING)
                .await
                .unwrap(),
            None
        );

        // Confident enough: assigned, with the decision recorded.
        let (id, _) = submit(&t.db, &power_cut(), MONDAY_MORNING).await.unwrap();
        receive(&t.db, id, MONDAY_MORNING).await.unwrap();
        let applied = route_received(&t.db, &router, id, Some(0.3), MONDAY_MORNING + 1)
            .await
            .unwrap()
            .expect("assigned");
        assert_eq!(applied.agency_code, "DL");
        let (status, agency, version) = status_and_agency(&t.db, id).await;
        assert_eq!(status, ComplaintStatus::Assigned);
        assert_eq!(agency, Some(agency_id(&t.db, "DL").await));
        let mut conn = t.db.pool().acquire().await.unwrap();
        let events = store::complaints::events(&mut conn, id, false).await.unwrap();
        drop(conn);
        let auto = events.last().unwrap();
        assert_eq!(auto.to_status, Some(ComplaintStatus::Assigned));
        assert_eq!(auto.actor_id, None);
        assert!(
            auto.note
                .as_deref()
                .unwrap()
                .contains("tự động chuyển đến Công ty Điện lực Thanh Hóa"),
            "{auto:?}"
        );

        // The coordinator redirects it before the agency accepts.
        let sct = agency_id(&t.db, "SCT").await;
        assign(&t.db, id, version, sct, None, Some("Chuyển lại"), MONDAY_MORNING + 2)
            .await
            .unwrap();
        let (status, agency, _) = status_and_agency(&t.db, id).await;
        assert_eq!((status, agency), (ComplaintStatus::Assigned, Some(sct)));
        // Routing never overrides a complaint already assigned.
        assert_eq!(
            route_received(&t.db, &router, id, Some(0.3), MONDAY_MORNING + 3)
                .await
                .unwrap(),
            None
        );
        assert_eq!(status_and_agency(&t.db, id).await.1, Some(sct));
    }
);

on_both_databases!(filing_routes_what_the_citizen_left_open, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let router = Router::load(&t.db).await.unwrap();
    let filed = file(&t.db, &router, &power_cut(), Some(0.5), MONDAY_MORNING)
        .await
        .unwrap();
    assert_eq!(filed.routed_to.as_ref().map(|s| s.agency_code.as_str()), Some("DL"));
    let (status, agency, _) = status_and_agency(&t.db, filed.id).await;
    assert_eq!(
        (status, agency),
        (ComplaintStatus::Assigned, Some(agency_id(&t.db, "DL").await))
    );
    assert!(filed.deadline_at > MONDAY_MORNING);

    // Unsure (or switched off): received, waiting for the coordinator.
    let waiting = file(&t.db, &router, &power_cut(), None, MONDAY_MORNING).await.unwrap();
    assert_eq!(waiting.routed_to, None);
    assert_eq!(status_and_agency(&t.db, waiting.id).await.0, ComplaintStatus::Received);
});

/// Takes a complaint through submission, receipt, assignment to `code` and
/// the agency's acceptance: a decision routing learns from.
async fn confirmed(db: &Db, title: &str, description: &str, code: &str) {
    let new = NewComplaint {
        title: title.into(),
        description: description.into(),
        ..power_cut()
    };
    let (id, _) = submit(db, &new, MONDAY_MORNING).await.unwrap();
    receive(db, id, MONDAY_MORNING).await.unwrap();
    let (_, _, version) = status_and_agency(db, id).await;
    assign(db, id, version, agency_id(db, code).await, None, None, MONDAY_MORNING)
        .await
        .unwrap();
    let mut tx = db.begin_write().await.unwrap();
    let (_, version) = store::complaints::status_and_version(&mut tx, id).await.unwrap();
    let accept = Transition {
        action: Action::Accept,
        effect: Effect::None,
        actor_id: None,
        note: None,
        is_public: true,
        at: MONDAY_MORNING,
    };
    store::complaints::transition(&mut tx, id, version, &accept)
        .await
        .unwrap();
    tx.commit().await.unwrap();
}

on_both_databases!(
    learns_from_decisions_and_keeps_them_after_restart,
    |t: TestDb| async move {
        seed::seed_reference(&t.db, 17).await.unwrap();
        let router = Router::load(&t.db).await.unwrap();
        // A word nobody in the corpus used: the model cannot route it.
        let request = SuggestRequest {
            title: "Zorblat ở đâu".into(),
            description: "Báo zorblat ở đâu".into(),
            ..SuggestRequest::default()
        };
        let before = router.suggest(&request, 3);
        assert!(before.first().is_none_or(|s| s.agency_code != "KKT"), "{before:?}");

        // The coordinator keeps sending zorblat complaints to the economic zone.
        for i in 0..12 {
            confirmed(&t.db, &format!("Zorblat lần {i}"), "Đề nghị xử lý zorblat sớm", "KKT").await;
        }
        let report = router.retrain(&t.db).await.unwrap();
        assert_eq!(report.confirmed, 12);
        assert_eq!(router.confirmed_examples(), 12);
        assert_eq!(router.suggest(&request, 3)[0].agency_code, "KKT");

        // A restart rebuilds the model from the database: nothing is lost.
        let restarted = Router::load(&t.db).await.unwrap();
        assert_eq!(restarted.confirmed_examples(), 12);
        assert_eq!(restarted.suggest(&request, 3)[0].agency_code, "KKT");
    }
);

#[test]
fn command_line_prints_the_same_json_as_the_api() {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}", dir.path().join("cli.db").display());
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_phanhoi"))
        .args([
            "routing",
            "suggest",
            "--title",
            "mat dien ca xom",
            "--description",
            "xom toi mat dien tu sang, cong to chay khet",
            "--limit",
            "3",
        ])
        .env("DATABASE_URL", &url)
        .env("RUST_LOG", "error")
        .output()
        .unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let printed: Vec<AgencySuggestion> = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(printed.len(), 3);
    assert_eq!(printed[0].agency_code, "DL");

    let empty = std::process::Command::new(env!("CARGO_BIN_EXE_phanhoi"))
        .args(["routing", "suggest", "--title", "?"])
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert!(empty.status.success());
    assert_eq!(String::from_utf8_lossy(&empty.stdout).trim(), "[]");
    assert!(String::from_utf8_lossy(&empty.stderr).contains("Không đủ thông tin"));
}

/// The row and history a complaint ends up with, for comparing two ways
/// of filing it.
async fn filed_state(
    db: &Db,
    id: i64,
) -> (
    Vec<Option<String>>,
    Vec<(Option<String>, Option<String>, Option<String>, i64)>,
) {
    let row = sqlx::query(
        "SELECT status, CAST(version AS TEXT) AS version, CAST(received_at AS TEXT) AS received_at, \
                CAST(deadline_at AS TEXT) AS deadline_at, CAST(stage_due_at AS TEXT) AS stage_due_at, \
                CAST(agency_id AS TEXT) AS agency_id, CAST(submitted_at AS TEXT) AS submitted_at \
         FROM complaints WHERE id = $1",
    )
    .bind(id)
    .fetch_one(db.pool())
    .await
    .unwrap();
    use sqlx::Row;
    let columns = [
        "status",
        "version",
        "received_at",
        "deadline_at",
        "stage_due_at",
        "agency_id",
        "submitted_at",
    ]
    .iter()
    .map(|c| row.try_get::<Option<String>, _>(*c).unwrap())
    .collect();
    let mut conn = db.pool().acquire().await.unwrap();
    let events = store::complaints::events(&mut conn, id, false)
        .await
        .unwrap()
        .into_iter()
        .map(|e| {
            (
                e.from_status.map(|s| s.as_str().to_owned()),
                e.to_status.map(|s| s.as_str().to_owned()),
                e.note,
                i64::from(e.is_public),
            )
        })
        .collect();
    (columns, events)
}

on_both_databases!(filing_at_once_equals_filing_step_by_step, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let router = Router::load(&t.db).await.unwrap();
    let at = MONDAY_MORNING;
    for threshold in [None, Some(0.3), Some(1.0)] {
        let (slow, _) = submit(&t.db, &power_cut(), at).await.unwrap();
        receive(&t.db, slow, at).await.unwrap();
        route_received(&t.db, &router, slow, threshold, at).await.unwrap();
        let fast = file(&t.db, &router, &power_cut(), threshold, at).await.unwrap();
        assert_eq!(
            filed_state(&t.db, fast.id).await,
            filed_state(&t.db, slow).await,
            "threshold {threshold:?}"
        );
        assert_eq!(fast.routed_to.is_some(), threshold == Some(0.3));
    }
});
