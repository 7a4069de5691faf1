//! The staff side over HTTP against the real server: sign-in, sessions in
//! the database, the lock after repeated failures, cross-site refusal, and
//! the authorization matrix of every staff and administration server
//! function.

use chrono::NaiveDate;
use phanhoi::domain::{AgencyKind, CommuneKind, Role};
use phanhoi::server::services::workflow;
use phanhoi::server::store::{self, staff::NewStaff};

use crate::http::{start, Server};
use crate::on_both_databases;
use crate::staff::{received, seeded, staff, version, MONDAY_MORNING};
use crate::support::TestDb;
use phanhoi::server::Db;

const PASSWORD: &str = phanhoi::server::seed::DEMO_PASSWORD;

fn client() -> reqwest::Client {
    reqwest::Client::builder().cookie_store(true).build().unwrap()
}

/// POSTs a form to a server function; returns the status and body.
async fn call(client: &reqwest::Client, server: &Server, endpoint: &str, form: &[(&str, String)]) -> (u16, String) {
    let response = client
        .post(format!("{}/api/{endpoint}", server.base))
        .form(form)
        .send()
        .await
        .unwrap();
    (response.status().as_u16(), response.text().await.unwrap())
}

async fn signed_in(server: &Server, login: &str) -> reqwest::Client {
    let c = client();
    let (status, body) = call(
        &c,
        server,
        "staff/sign-in",
        &[("login", login.into()), ("password", PASSWORD.into())],
    )
    .await;
    assert_eq!(status, 200, "{login}: {body}");
    c
}

on_both_databases!(sign_out_ends_the_session, |t: TestDb| async move {
    seeded(&t.db).await;
    let one = start(&t).await;
    let c = signed_in(&one, "dieuphoi").await;
    let (status, body) = call(&c, &one, "staff/me", &[]).await;
    assert_eq!(status, 200);
    assert!(body.contains("dieuphoi"), "{body}");
    // Sign-out deletes the session row.
    let rows = |db: Db| async move {
        sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM staff_sessions")
            .fetch_one(db.pool())
            .await
            .unwrap()
    };
    assert_eq!(rows(t.db.clone()).await, 1);
    assert_eq!(call(&c, &one, "staff/sign-out", &[]).await.0, 200);
    assert_eq!(rows(t.db.clone()).await, 0);
    assert_eq!(call(&c, &one, "staff/inbox", &[]).await.0, 401);
});

on_both_databases!(the_session_cookie_works_on_every_server, |t: TestDb| async move {
    seeded(&t.db).await;
    let one = start(&t).await;
    let two = start(&t).await;
    let response = client()
        .post(format!("{}/api/staff/sign-in", one.base))
        .form(&[("login", "DieuPhoi"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
    let set_cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(set_cookie.starts_with("phanhoi_can_bo="), "{set_cookie}");
    assert!(
        set_cookie.contains("HttpOnly") && set_cookie.contains("SameSite=Lax"),
        "{set_cookie}"
    );
    let cookie = set_cookie.split(';').next().unwrap().to_owned();
    let response = reqwest::Client::new()
        .post(format!("{}/api/staff/inbox", two.base))
        .header("cookie", cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
});

on_both_databases!(repeated_failures_slow_down_then_lock, |t: TestDb| async move {
    seeded(&t.db).await;
    let server = start(&t).await;
    let c = client();
    let wrong = |c: reqwest::Client, password: &'static str| {
        let base = server.base.clone();
        async move {
            let response = c
                .post(format!("{base}/api/staff/sign-in"))
                .form(&[("login", "canbo.sxd"), ("password", password)])
                .send()
                .await
                .unwrap();
            (response.status().as_u16(), response.text().await.unwrap())
        }
    };
    let (status, body) = wrong(c.clone(), "sai").await;
    assert_eq!(status, 422);
    assert!(body.contains("Sai tên đăng nhập hoặc mật khẩu."), "{body}");
    for _ in 0..3 {
        assert_eq!(wrong(c.clone(), "sai").await.0, 422);
    }
    let started = std::time::Instant::now();
    let (_, body) = wrong(c.clone(), "sai").await;
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(900),
        "slowed down"
    );
    assert!(body.contains("tạm khóa 15 phút"), "{body}");
    // Even the right password is refused while locked.
    let (status, body) = wrong(c.clone(), PASSWORD).await;
    assert_eq!(status, 422);
    assert!(body.contains("Vui lòng thử lại sau 15 phút"), "{body}");
    // An unknown account gets the same answer as a wrong password.
    let (status, body) = call(
        &c,
        &server,
        "staff/sign-in",
        &[("login", "khongco".into()), ("password", "x".into())],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("Sai tên đăng nhập hoặc mật khẩu."), "{body}");
});

on_both_databases!(a_changed_password_ends_the_other_sessions, |t: TestDb| async move {
    seeded(&t.db).await;
    let server = start(&t).await;
    let here = signed_in(&server, "lanhdao.sxd").await;
    let elsewhere = signed_in(&server, "lanhdao.sxd").await;
    let (status, body) = call(
        &here,
        &server,
        "staff/password",
        &[
            ("current_password", PASSWORD.into()),
            ("new_password", "ngắn".into()),
            ("confirm", "ngắn".into()),
        ],
    )
    .await;
    assert_eq!(status, 422);
    assert!(body.contains("ít nhất 10 ký tự"), "{body}");
    let new = "mật khẩu mới của lãnh đạo";
    let (status, body) = call(
        &here,
        &server,
        "staff/password",
        &[
            ("current_password", PASSWORD.into()),
            ("new_password", new.into()),
            ("confirm", new.into()),
        ],
    )
    .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        call(&here, &server, "staff/inbox", &[]).await.0,
        200,
        "this session goes on"
    );
    assert_eq!(
        call(&elsewhere, &server, "staff/inbox", &[]).await.0,
        401,
        "the other one ended"
    );
    let c = client();
    let (status, _) = call(
        &c,
        &server,
        "staff/sign-in",
        &[("login", "lanhdao.sxd".into()), ("password", new.into())],
    )
    .await;
    assert_eq!(status, 200);
});

on_both_databases!(cross_site_writes_are_refused, |t: TestDb| async move {
    seeded(&t.db).await;
    let server = start(&t).await;
    let c = signed_in(&server, "dieuphoi").await;
    let response = c
        .post(format!("{}/api/staff/inbox", server.base))
        .header("origin", "https://trang-gia-mao.example")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 403);
    let response = c
        .post(format!("{}/api/staff/inbox", server.base))
        .header("origin", server.base.clone())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status().as_u16(), 200);
});

/// The state a complaint must be in for an action, or what an
/// administrator's action needs.
#[derive(Clone, Copy, Debug)]
enum Setup {
    Received,
    AssignedSxd,
    InProgressSxd,
    ExtensionPending,
    AwaitingSxd,
    /// In progress with one file attached to the answer (its id as the
    /// request id).
    AnswerFileSxd,
    /// Published, rated "rất không hài lòng", and the citizen asked to
    /// reopen it.
    ReopenPending,
    /// Nothing to prepare.
    Nothing,
    /// The agency `CQ{n}`, the category `linh-vuc-{n}`, the commune
    /// `xa-thu-{n}`, the holiday [`holiday`]`(n)` and the officer account
    /// `thu{n}` (its id is the id).
    Catalog,
    /// The same with the agency and the account deactivated.
    CatalogInactive,
}

/// A day off for call `n` (far in the future: no deadline here meets it).
fn holiday(n: usize) -> NaiveDate {
    NaiveDate::from_ymd_opt(2040, 1, 1).unwrap() + chrono::Duration::days(n as i64)
}

/// What [`Setup::Catalog`] describes; returns the account's id.
async fn catalog(db: &Db, n: usize, active: bool) -> i64 {
    let mut tx = db.begin_write().await.unwrap();
    let agency = store::catalog::insert_agency(
        &mut tx,
        &format!("CQ{n}"),
        &format!("Cơ quan thử {n}"),
        AgencyKind::Department,
        "",
    )
    .await
    .unwrap();
    store::catalog::insert_category(&mut tx, &format!("linh-vuc-{n}"), "Lĩnh vực thử", "", None, 100)
        .await
        .unwrap();
    store::catalog::insert_commune(&mut tx, &format!("xa-thu-{n}"), &format!("Xã Thử {n}"), CommuneKind::Xa)
        .await
        .unwrap();
    store::settings::insert_holiday(&mut tx, holiday(n), "Ngày nghỉ thử")
        .await
        .unwrap();
    let sxd = store::catalog::agency_id_by_code(&mut tx, "SXD")
        .await
        .unwrap()
        .unwrap();
    let account = NewStaff {
        username: &format!("thu{n}"),
        email: &format!("thu{n}@example.vn"),
        full_name: "Cán bộ thử",
        password_hash: "không dùng để đăng nhập",
        role: Role::Officer,
        agency_id: sxd,
    };
    let id = store::staff::insert_staff(&mut tx, &account, MONDAY_MORNING)
        .await
        .unwrap();
    if !active {
        store::catalog::set_agency_active(&mut tx, agency, false).await.unwrap();
        store::staff::set_staff_active(&mut tx, id, false).await.unwrap();
    }
    tx.commit().await.unwrap();
    id
}

/// A complaint in `setup`: (id, version, pending extension request id);
/// for the administrator's setups, (account id, 0, 0).
async fn prepare(db: &Db, setup: Setup, n: usize) -> (i64, i64, i64) {
    match setup {
        Setup::Nothing => return (0, 0, 0),
        Setup::Catalog => return (catalog(db, n, true).await, 0, 0),
        Setup::CatalogInactive => return (catalog(db, n, false).await, 0, 0),
        _ => {}
    }
    let coordinator = staff(db, "dieuphoi").await;
    let officer = staff(db, "canbo.sxd").await;
    let at = MONDAY_MORNING + n as i64;
    let id = received(db, &format!("Phản ánh thử số {n}"), at).await;
    let mut request = 0;
    if !matches!(setup, Setup::Received) {
        let (_, v) = version(db, id).await;
        workflow::assign(db, &coordinator, id, v, "SXD", "", at).await.unwrap();
    }
    if matches!(
        setup,
        Setup::InProgressSxd
            | Setup::ExtensionPending
            | Setup::AwaitingSxd
            | Setup::AnswerFileSxd
            | Setup::ReopenPending
    ) {
        let (_, v) = version(db, id).await;
        workflow::accept(db, &officer, id, v, at).await.unwrap();
    }
    if matches!(setup, Setup::ExtensionPending) {
        workflow::request_extension(db, &officer, id, "Cần thêm thời gian.", "2026-03-25", at)
            .await
            .unwrap();
        request = sqlx::query_scalar("SELECT id FROM extension_requests WHERE complaint_id = $1")
            .bind(id)
            .fetch_one(db.pool())
            .await
            .unwrap();
    }
    if matches!(setup, Setup::AnswerFileSxd) {
        let mut conn = db.pool().acquire().await.unwrap();
        let key = format!("matrix-{n}.pdf");
        let file = store::attachments::NewAttachment {
            draft_token: None,
            complaint_id: Some(id),
            for_answer: true,
            uploaded_by: Some(officer.id),
            file_name: "ket-qua.pdf",
            content_type: "application/pdf",
            size_bytes: 10,
            storage_key: &key,
        };
        request = store::attachments::insert(&mut conn, &file, at).await.unwrap();
    }
    if matches!(setup, Setup::AwaitingSxd | Setup::ReopenPending) {
        let (_, v) = version(db, id).await;
        workflow::save_answer(db, &officer, id, v, "Đã xử lý.", true, at)
            .await
            .unwrap();
    }
    if matches!(setup, Setup::ReopenPending) {
        reopen_pending(db, id, at).await;
    }
    let (_, v) = version(db, id).await;
    (id, v, request)
}

/// Publishes complaint `id` (awaiting approval), rates it 1 and asks to
/// reopen it, as its citizen would.
async fn reopen_pending(db: &Db, id: i64, at: i64) {
    use phanhoi::server::config::Limits;
    use phanhoi::server::services::{rate_limit::Client, ratings};
    let leader = staff(db, "lanhdao.sxd").await;
    let (_, v) = version(db, id).await;
    workflow::approve(db, &leader, id, v, at).await.unwrap();
    ratings::rate(db, id, 1, None, at).await.unwrap();
    let code: String = sqlx::query_scalar("SELECT tracking_code FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    let code = phanhoi::domain::TrackingCode::parse(&code).unwrap();
    let client = Client {
        address: "203.0.113.9".into(),
    };
    let sender = ratings::Sender {
        code: &code,
        factor: None,
        client: &client,
    };
    let unlimited = Limits {
        feedback_per_address_hour: 0,
        ..Limits::default()
    };
    ratings::request_reopen(db, &unlimited, &sender, Some("Chưa sửa."), at)
        .await
        .unwrap();
}

/// (id, version, request, the tracking code of another complaint, the
/// call's number) → the form.
type Form = fn(i64, i64, i64, &str, usize) -> Vec<(&'static str, String)>;

/// Every staff and administration server function: its endpoint, the
/// state it needs, its form, and who may call it.
const MATRIX: &[(&str, Setup, Form, &[&str])] = &[
    (
        "staff/inbox",
        Setup::Received,
        |_, _, _, _, _| vec![],
        &["coordinator", "officer", "leader", "other_officer"],
    ),
    (
        "staff/case",
        Setup::AssignedSxd,
        |id, _, _, _, _| vec![("id", id.to_string())],
        &["coordinator", "officer", "leader"],
    ),
    (
        "staff/assign",
        Setup::Received,
        |id, v, _, _, _| {
            vec![
                ("id", id.to_string()),
                ("version", v.to_string()),
                ("agency", "SXD".into()),
            ]
        },
        &["coordinator"],
    ),
    (
        "staff/reject",
        Setup::Received,
        |id, v, _, _, _| {
            vec![
                ("id", id.to_string()),
                ("version", v.to_string()),
                ("reason", "Không rõ.".into()),
            ]
        },
        &["coordinator"],
    ),
    (
        "staff/duplicate",
        Setup::Received,
        |id, v, _, code, _| {
            vec![
                ("id", id.to_string()),
                ("version", v.to_string()),
                ("of_code", code.into()),
            ]
        },
        &["coordinator"],
    ),
    (
        "staff/remind",
        Setup::AssignedSxd,
        |id, _, _, _, _| vec![("id", id.to_string())],
        &["coordinator"],
    ),
    (
        "staff/extension/approve",
        Setup::ExtensionPending,
        |_, _, r, _, _| vec![("request", r.to_string())],
        &["coordinator"],
    ),
    (
        "staff/extension/refuse",
        Setup::ExtensionPending,
        |_, _, r, _, _| vec![("request", r.to_string()), ("note", "Không đủ lý do.".into())],
        &["coordinator"],
    ),
    (
        "staff/reopen/accept",
        Setup::ReopenPending,
        |id, v, _, _, _| vec![("id", id.to_string()), ("version", v.to_string())],
        &["coordinator"],
    ),
    (
        "staff/reopen/refuse",
        Setup::ReopenPending,
        |id, v, _, _, _| {
            vec![
                ("id", id.to_string()),
                ("version", v.to_string()),
                ("reason", "Đã xử lý xong.".into()),
            ]
        },
        &["coordinator"],
    ),
    (
        "staff/accept",
        Setup::AssignedSxd,
        |id, v, _, _, _| vec![("id", id.to_string()), ("version", v.to_string())],
        &["officer"],
    ),
    (
        "staff/return",
        Setup::AssignedSxd,
        |id, v, _, _, _| {
            vec![
                ("id", id.to_string()),
                ("version", v.to_string()),
                ("reason", "Không thuộc thẩm quyền.".into()),
            ]
        },
        &["officer"],
    ),
    (
        "staff/note",
        Setup::AssignedSxd,
        |id, _, _, _, _| vec![("id", id.to_string()), ("note", "Đã gọi điện cho người dân.".into())],
        &["coordinator", "officer", "leader"],
    ),
    (
        "staff/answer/remove-file",
        Setup::AnswerFileSxd,
        |id, _, file, _, _| vec![("id", id.to_string()), ("file", file.to_string())],
        &["officer"],
    ),
    (
        "staff/answer/save",
        Setup::InProgressSxd,
        |id, v, _, _, _| {
            vec![
                ("id", id.to_string()),
                ("version", v.to_string()),
                ("answer", "Dự thảo.".into()),
            ]
        },
        &["officer"],
    ),
    (
        "staff/answer/submit",
        Setup::InProgressSxd,
        |id, v, _, _, _| {
            vec![
                ("id", id.to_string()),
                ("version", v.to_string()),
                ("answer", "Trả lời.".into()),
            ]
        },
        &["officer"],
    ),
    (
        "staff/extension/request",
        Setup::InProgressSxd,
        |id, _, _, _, _| {
            vec![
                ("id", id.to_string()),
                ("reason", "Cần khảo sát.".into()),
                ("new_date", "2026-03-25".into()),
            ]
        },
        &["officer"],
    ),
    (
        "staff/approve",
        Setup::AwaitingSxd,
        |id, v, _, _, _| vec![("id", id.to_string()), ("version", v.to_string())],
        &["leader"],
    ),
    (
        "staff/send-back",
        Setup::AwaitingSxd,
        |id, v, _, _, _| {
            vec![
                ("id", id.to_string()),
                ("version", v.to_string()),
                ("comment", "Bổ sung.".into()),
            ]
        },
        &["leader"],
    ),
    ("admin/load", Setup::Nothing, |_, _, _, _, _| vec![], &["admin"]),
    (
        "admin/agency/create",
        Setup::Nothing,
        |_, _, _, _, n| {
            vec![
                ("code", format!("MOI{n}")),
                ("name", format!("Cơ quan mới {n}")),
                ("kind", "sector".into()),
                ("handles", String::new()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/agency/save",
        Setup::Catalog,
        |_, _, _, _, n| {
            vec![
                ("code", format!("CQ{n}")),
                ("name", format!("Công ty thử {n}")),
                ("kind", "utility".into()),
                ("handles", String::new()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/agency/deactivate",
        Setup::Catalog,
        |_, _, _, _, n| vec![("code", format!("CQ{n}"))],
        &["admin"],
    ),
    (
        "admin/agency/activate",
        Setup::CatalogInactive,
        |_, _, _, _, n| vec![("code", format!("CQ{n}"))],
        &["admin"],
    ),
    (
        "admin/category/create",
        Setup::Nothing,
        |_, _, _, _, n| {
            vec![
                ("code", format!("moi-{n}")),
                ("name", format!("Lĩnh vực mới {n}")),
                ("agency", "SXD".into()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/category/save",
        Setup::Catalog,
        |_, _, _, _, n| {
            vec![
                ("code", format!("linh-vuc-{n}")),
                ("name", "Lĩnh vực đổi tên".into()),
                ("description", "Mô tả mới.".into()),
                ("agency", String::new()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/commune/create",
        Setup::Nothing,
        |_, _, _, _, n| {
            vec![
                ("code", format!("xa-moi-{n}")),
                ("name", format!("Xã Mới {n}")),
                ("kind", "xa".into()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/commune/save",
        Setup::Catalog,
        |_, _, _, _, n| {
            vec![
                ("code", format!("xa-thu-{n}")),
                ("name", format!("Phường Thử {n}")),
                ("kind", "phuong".into()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/staff/create",
        Setup::Nothing,
        |_, _, _, _, n| {
            vec![
                ("username", format!("moi{n}")),
                ("email", format!("moi{n}@example.vn")),
                ("full_name", "Cán bộ mới".into()),
                ("role", "officer".into()),
                ("agency", "SXD".into()),
                ("password", "mật khẩu ban đầu".into()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/staff/save",
        Setup::Catalog,
        |id, _, _, _, n| {
            vec![
                ("id", id.to_string()),
                ("full_name", "Cán bộ đổi tên".into()),
                ("email", format!("thu{n}@example.vn")),
                ("role", "leader".into()),
                ("agency", "SXD".into()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/staff/deactivate",
        Setup::Catalog,
        |id, _, _, _, _| vec![("id", id.to_string())],
        &["admin"],
    ),
    (
        "admin/staff/activate",
        Setup::CatalogInactive,
        |id, _, _, _, _| vec![("id", id.to_string())],
        &["admin"],
    ),
    (
        "admin/staff/password",
        Setup::Catalog,
        |id, _, _, _, _| vec![("id", id.to_string()), ("password", "mật khẩu mới đủ dài".into())],
        &["admin"],
    ),
    (
        "admin/policy/save",
        Setup::Nothing,
        |_, _, _, _, _| {
            vec![
                ("total_days", "17".into()),
                ("triage_days", "3".into()),
                ("handling_days", "11".into()),
                ("approval_days", "3".into()),
                ("day_kind", "calendar".into()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/holiday/add",
        Setup::Nothing,
        |_, _, _, _, n| {
            vec![
                ("day", (holiday(n) + chrono::Duration::days(3650)).to_string()),
                ("name", "Ngày nghỉ mới".into()),
            ]
        },
        &["admin"],
    ),
    (
        "admin/holiday/remove",
        Setup::Catalog,
        |_, _, _, _, n| vec![("day", holiday(n).to_string())],
        &["admin"],
    ),
];

on_both_databases!(every_staff_function_allows_exactly_its_roles, |t: TestDb| async move {
    seeded(&t.db).await;
    let server = start(&t).await;
    let citizen = client();
    // A citizen has the wizard's cookie, not a staff session.
    citizen
        .get(format!("{}/gui-phan-anh", server.base))
        .send()
        .await
        .unwrap();
    let callers = vec![
        ("anonymous", client()),
        ("citizen", citizen),
        ("other_officer", signed_in(&server, "canbo.sct").await),
        ("coordinator", signed_in(&server, "dieuphoi").await),
        ("officer", signed_in(&server, "canbo.sxd").await),
        ("leader", signed_in(&server, "lanhdao.sxd").await),
        ("admin", signed_in(&server, "admin").await),
    ];
    let original: String = {
        let (id, _, _) = prepare(&t.db, Setup::Received, 0).await;
        sqlx::query_scalar("SELECT tracking_code FROM complaints WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .unwrap()
    };
    let mut n = 1;
    let mut failures = Vec::new();
    for (endpoint, setup, form, allowed) in MATRIX {
        for (who, c) in &callers {
            n += 1;
            let (id, v, request) = prepare(&t.db, *setup, n).await;
            let (status, body) = call(c, &server, endpoint, &form(id, v, request, &original, n)).await;
            let expected = if allowed.contains(who) {
                200
            } else if matches!(*who, "anonymous" | "citizen") {
                401
            } else {
                403
            };
            if status != expected {
                failures.push(format!("{endpoint} as {who}: {status}, expected {expected}: {body}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
});

on_both_databases!(finding_by_code_stays_within_scope, |t: TestDb| async move {
    seeded(&t.db).await;
    let server = start(&t).await;
    let (id, _, _) = prepare(&t.db, Setup::AssignedSxd, 1).await;
    let code: String = sqlx::query_scalar("SELECT tracking_code FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    // Typed as people read it, in lower case.
    let typed = format!("{}-{}", &code[..4], &code[4..]).to_lowercase();
    let find = |c: reqwest::Client| {
        let typed = typed.clone();
        let server = &server;
        async move { call(&c, server, "staff/find", &[("code", typed)]).await }
    };
    assert_eq!(find(signed_in(&server, "dieuphoi").await).await, (200, id.to_string()));
    assert_eq!(find(signed_in(&server, "canbo.sxd").await).await, (200, id.to_string()));
    // Another agency is not told that the complaint exists.
    assert_eq!(find(signed_in(&server, "canbo.sct").await).await.0, 404);
    assert_eq!(find(signed_in(&server, "admin").await).await.0, 403);
    assert_eq!(find(client()).await.0, 401);
    let (status, body) = call(
        &signed_in(&server, "dieuphoi").await,
        &server,
        "staff/find",
        &[("code", "abc".into())],
    )
    .await;
    assert_eq!(status, 422, "{body}");
});
