//! The citizen side against real databases and the real server: the wizard
//! keeps what was typed and files exactly one complaint, rate limits and the
//! honeypot refuse politely, uploads are checked by content and lose their
//! location, the tracker needs a second factor for private complaints.

use phanhoi::domain::submission::{Step, AUTO_AGENCY};
use phanhoi::server::config::Limits;
use phanhoi::server::services::rate_limit::{Client, TOO_MANY};
use phanhoi::server::services::routing::Router;
use phanhoi::server::services::wizard::{self, Nav, Next, StepForm, Upload};
use phanhoi::server::{seed, Db};

use crate::http::start_with;
use crate::on_both_databases;
use crate::support::TestDb;

/// 2 March 2026, 09:00 in Vietnam.
const AT: i64 = 1_772_416_800;

fn form(step: Step, values: &[(&str, &str)], nav: Nav) -> StepForm {
    StepForm {
        step,
        values: values.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        files: Vec::new(),
        nav,
    }
}

/// A whole wizard, step by step, for draft `token`.
async fn fill(db: &Db, token: &str, phone: &str) {
    let dir = tempfile::tempdir().unwrap();
    let steps: [(Step, Vec<(&str, &str)>); 4] = [
        (
            Step::What,
            vec![
                ("category", "giao-thong"),
                ("title", "Đường vào thôn 3 bị sụt lún"),
                (
                    "description",
                    "Đoạn đường dài khoảng 50 m bị sụt sâu, xe máy đi qua rất nguy hiểm.",
                ),
            ],
        ),
        (
            Step::Where,
            vec![("commune", "phuong-ham-rong"), ("address", "Số 12 thôn 3")],
        ),
        (Step::Who, vec![("agency", AUTO_AGENCY)]),
        (
            Step::Contact,
            vec![
                ("name", "Nguyễn Văn An"),
                ("phone", phone),
                ("publish", "co"),
                ("consent", "co"),
            ],
        ),
    ];
    for (step, values) in steps {
        let next = wizard::save_step(db, dir.path(), token, form(step, &values, Nav::Next), AT)
            .await
            .unwrap();
        assert_eq!(next, Next::Step(step.next()), "{step:?}");
    }
}

fn client() -> Client {
    Client {
        address: "203.0.113.7".into(),
    }
}

async fn complaints(db: &Db) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM complaints")
        .fetch_one(db.pool())
        .await
        .unwrap()
}

on_both_databases!(bad_input_keeps_everything_typed, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let router = Router::load(&t.db).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let token = wizard::random_token();
    let typed = [
        ("category", "giao-thong"),
        ("title", "abc"),
        ("description", "Đường hỏng nặng, xin sửa giúp ạ, cảm ơn các bác nhiều."),
    ];
    let next = wizard::save_step(&t.db, dir.path(), &token, form(Step::What, &typed, Nav::Next), AT)
        .await
        .unwrap();
    assert_eq!(
        next,
        Next::Step(Step::What),
        "a wrong title keeps the citizen on step 1"
    );
    let page = wizard::view(&t.db, &router, Some(&token), Some(Step::What))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.draft.title, "abc", "what was typed is kept");
    assert_eq!(page.draft.description, typed[2].1);
    assert!(page.error("title").unwrap().contains("ít nhất 5 ký tự"));
    // Asking for a later step shows the first incomplete one.
    let page = wizard::view(&t.db, &router, Some(&token), Some(Step::Review))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.step, Step::What);

    // A code that names nothing (a hand-edited form) is refused by the server.
    let hacked = [
        ("category", "khong-co-that"),
        ("title", "Đường hỏng"),
        ("description", typed[2].1),
    ];
    wizard::save_step(&t.db, dir.path(), &token, form(Step::What, &hacked, Nav::Next), AT)
        .await
        .unwrap();
    let page = wizard::view(&t.db, &router, Some(&token), None).await.unwrap().unwrap();
    assert!(page.error("category").unwrap().contains("không có trong danh sách"));

    // Back does not check, and loses nothing.
    let next = wizard::save_step(
        &t.db,
        dir.path(),
        &token,
        form(Step::Where, &[("address", "Thôn 3")], Nav::Back),
        AT,
    )
    .await
    .unwrap();
    assert_eq!(next, Next::Step(Step::What));
    let page = wizard::view(&t.db, &router, Some(&token), Some(Step::What))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.draft.address, "Thôn 3");
    assert_eq!(complaints(&t.db).await, 0, "nothing is filed");
});

on_both_databases!(a_double_submit_files_one_complaint, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let router = Router::load(&t.db).await.unwrap();
    let token = wizard::random_token();
    fill(&t.db, &token, "0912 345 678").await;
    let limits = Limits::default();
    let me = client();
    let (a, b) = tokio::join!(
        wizard::submit(&t.db, &router, Some(0.9), &limits, &me, &token, AT),
        wizard::submit(&t.db, &router, Some(0.9), &limits, &me, &token, AT),
    );
    assert_eq!(a.unwrap(), Next::Filed);
    assert_eq!(b.unwrap(), Next::Filed);
    // And a retry after a time-out.
    let again = wizard::submit(&t.db, &router, Some(0.9), &limits, &client(), &token, AT + 30).await;
    assert_eq!(again.unwrap(), Next::Filed);
    assert_eq!(complaints(&t.db).await, 1, "exactly one complaint");

    let filed = wizard::filed(&t.db, &token).await.unwrap().expect("filed");
    assert_eq!(filed.code.len(), 9, "ABCD-EFGH");
    assert!(filed.deadline_at.is_some());
    let (phone, status): (String, String) = sqlx::query_as("SELECT citizen_phone, status FROM complaints")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(phone, "0912345678", "stored in its normal form");
    assert_ne!(status, "submitted", "received at once");
    // The filed draft cannot be changed any more.
    let page = wizard::view(&t.db, &router, Some(&token), None).await.unwrap();
    assert!(page.is_none());
});

on_both_databases!(rate_limits_and_the_honeypot_refuse_politely, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let router = Router::load(&t.db).await.unwrap();
    let limits = Limits {
        submit_per_phone_day: 2,
        ..Limits::default()
    };
    for _ in 0..2 {
        let token = wizard::random_token();
        fill(&t.db, &token, "0987654321").await;
        let next = wizard::submit(&t.db, &router, None, &limits, &client(), &token, AT).await;
        assert_eq!(next.unwrap(), Next::Filed);
    }
    // The third from the same phone the same day is refused, on the review.
    let token = wizard::random_token();
    fill(&t.db, &token, "098 765 4321").await;
    let next = wizard::submit(&t.db, &router, None, &limits, &client(), &token, AT + 60).await;
    assert_eq!(next.unwrap(), Next::Step(Step::Review));
    let page = wizard::view(&t.db, &router, Some(&token), Some(Step::Review))
        .await
        .unwrap()
        .unwrap();
    assert_eq!(page.error("submit").as_deref(), Some(TOO_MANY));
    assert_eq!(page.draft.title, "Đường vào thôn 3 bị sụt lún", "nothing lost");
    assert_eq!(complaints(&t.db).await, 2);
    // A day later it goes through.
    let next = wizard::submit(&t.db, &router, None, &limits, &client(), &token, AT + 90_000).await;
    assert_eq!(next.unwrap(), Next::Filed);

    // The per-address limit counts across phones.
    let tight = Limits {
        submit_per_address_hour: 1,
        ..Limits::default()
    };
    let other = Client {
        address: "198.51.100.9".into(),
    };
    let first = wizard::random_token();
    fill(&t.db, &first, "0911111111").await;
    assert_eq!(
        wizard::submit(&t.db, &router, None, &tight, &other, &first, AT)
            .await
            .unwrap(),
        Next::Filed
    );
    let second = wizard::random_token();
    fill(&t.db, &second, "0922222222").await;
    assert_eq!(
        wizard::submit(&t.db, &router, None, &tight, &other, &second, AT + 10)
            .await
            .unwrap(),
        Next::Step(Step::Review)
    );

    // A bot that fills the hidden field files nothing.
    let dir = tempfile::tempdir().unwrap();
    let bot = wizard::random_token();
    fill(&t.db, &bot, "0933333333").await;
    wizard::save_step(
        &t.db,
        dir.path(),
        &bot,
        form(
            Step::Contact,
            &[
                ("name", "Bot Bot"),
                ("phone", "0933333333"),
                ("publish", "co"),
                ("consent", "co"),
                ("website", "http://spam"),
            ],
            Nav::Next,
        ),
        AT,
    )
    .await
    .unwrap();
    let before = complaints(&t.db).await;
    let next = wizard::submit(&t.db, &router, None, &Limits::default(), &client(), &bot, AT).await;
    assert_eq!(next.unwrap(), Next::Step(Step::Review));
    assert_eq!(complaints(&t.db).await, before);
});

/// A JPEG skeleton carrying a GPS position in its EXIF segment.
fn photo_with_gps() -> Vec<u8> {
    let mut b = vec![0xFF, 0xD8];
    b.extend_from_slice(&[0xFF, 0xE0, 0x00, 0x07, b'J', b'F', b'I', b'F', 0x00]);
    let exif = b"Exif\0\0GPSLatitude=19.807;GPSLongitude=105.776";
    b.extend_from_slice(&[0xFF, 0xE1]);
    b.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    b.extend_from_slice(exif);
    b.extend_from_slice(&[0xFF, 0xDA, 0x00, 0x02, 0x11, 0x22, 0xFF, 0xD9]);
    b
}

on_both_databases!(
    uploads_are_checked_by_content_and_lose_their_location,
    |t: TestDb| async move {
        seed::seed_reference(&t.db, 17).await.unwrap();
        let router = Router::load(&t.db).await.unwrap();
        let dir = tempfile::tempdir().unwrap();
        let token = wizard::random_token();
        let values = [
            ("category", "giao-thong"),
            ("title", "Ổ gà giữa đường Bà Triệu"),
            (
                "description",
                "Ổ gà sâu khoảng 20 cm giữa đường, tối không có đèn, đã có người ngã.",
            ),
        ];
        let mut step = form(Step::What, &values, Nav::Next);
        step.files = vec![
            Upload {
                name: "IMG_2041.jpg".into(),
                bytes: photo_with_gps(),
            },
            Upload {
                name: "hoa-don.jpg".into(),
                bytes: b"<script>alert(1)</script>".to_vec(),
            },
        ];
        let next = wizard::save_step(&t.db, dir.path(), &token, step, AT).await.unwrap();
        assert_eq!(next, Next::Step(Step::What), "the refused file is reported");
        let page = wizard::view(&t.db, &router, Some(&token), Some(Step::What))
            .await
            .unwrap()
            .unwrap();
        assert_eq!(page.attachments.len(), 1);
        assert_eq!(page.attachments[0].content_type, "image/jpeg");
        assert!(page.error("attachments").unwrap().contains("hoa-don.jpg"));
        let stored: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(stored.len(), 1);
        let bytes = std::fs::read(&stored[0]).unwrap();
        assert!(!bytes.windows(11).any(|w| w == b"GPSLatitude"), "location stripped");
        assert!(bytes.ends_with(&[0x11, 0x22, 0xFF, 0xD9]), "image kept");

        // A draft untouched for a month is forgotten with its file.
        let kept = wizard::forget_stale(&t.db, dir.path(), AT + 86_400).await.unwrap();
        assert_eq!(kept, 0, "a recent draft stays");

        // Removing it deletes the file too.
        let id = page.attachments[0].id;
        wizard::save_step(
            &t.db,
            dir.path(),
            &token,
            form(Step::What, &values, Nav::RemoveAttachment(id)),
            AT,
        )
        .await
        .unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);

        let mut step = form(Step::What, &values, Nav::Next);
        step.files = vec![Upload {
            name: "again.jpg".into(),
            bytes: photo_with_gps(),
        }];
        wizard::save_step(&t.db, dir.path(), &token, step, AT).await.unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        let month = wizard::DRAFT_DAYS * 86_400;
        assert_eq!(
            wizard::forget_stale(&t.db, dir.path(), AT + month + 1).await.unwrap(),
            1
        );
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        let gone = wizard::view(&t.db, &router, Some(&token), None).await.unwrap().unwrap();
        assert_eq!(gone.draft.title, "", "the draft is gone");
    }
);

/// A reqwest client keeping cookies and not following redirects.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn post_step(client: &reqwest::Client, base: &str, step: usize, fields: &[(&str, &str)]) -> reqwest::Response {
    let mut form = reqwest::multipart::Form::new();
    for (name, value) in fields {
        form = form.text(name.to_string(), value.to_string());
    }
    client
        .post(format!("{base}/gui-phan-anh/buoc/{step}"))
        .multipart(form)
        .send()
        .await
        .unwrap()
}

fn location(response: &reqwest::Response) -> String {
    assert_eq!(response.status().as_u16(), 303, "a redirect after each post");
    response.headers()["location"].to_str().unwrap().to_owned()
}

on_both_databases!(the_wizard_over_http_files_once_and_tracks, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let uploads = tempfile::tempdir().unwrap();
    let upload_dir = uploads.path().display().to_string();
    let server = start_with(&t, &[("PHANHOI_UPLOAD_DIR", &upload_dir)]).await;
    let base = &server.base;
    let client = browser();

    // Step 1 with a photo; the cookie is set on the first post.
    let form = reqwest::multipart::Form::new()
        .text("category", "moi-truong")
        .text("title", "Khói đốt rác ở bãi rác thôn Đông")
        .text(
            "description",
            "Tối nào bãi rác cũng đốt, khói bay vào nhà dân, trẻ con ho suốt đêm.",
        )
        .text("di", "tiep")
        .part(
            "tep",
            reqwest::multipart::Part::bytes(photo_with_gps()).file_name("khoi.jpg"),
        );
    let response = client
        .post(format!("{base}/gui-phan-anh/buoc/1"))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let cookie = response.headers()["set-cookie"].to_str().unwrap().to_owned();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    assert_eq!(location(&response), "/gui-phan-anh?buoc=2");

    // The page of step 2 is rendered from the draft.
    let page = client.get(format!("{base}/gui-phan-anh?buoc=2")).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Bước 2 / 5"), "step indicator");
    assert!(html.contains("Phường Hàm Rồng"), "commune list");

    // A wrong phone: 422 page with the message next to the field, value kept.
    let response = post_step(&client, base, 2, &[("commune", "phuong-ham-rong"), ("di", "tiep")]).await;
    assert_eq!(location(&response), "/gui-phan-anh?buoc=3");
    let response = post_step(&client, base, 3, &[("agency", AUTO_AGENCY), ("di", "tiep")]).await;
    assert_eq!(location(&response), "/gui-phan-anh?buoc=4");
    let contact = [
        ("name", "Phạm Thị Mai"),
        ("phone", "12345"),
        ("publish", "khong"),
        ("consent", "co"),
        ("di", "tiep"),
    ];
    let response = post_step(&client, base, 4, &contact).await;
    assert_eq!(location(&response), "/gui-phan-anh?buoc=4");
    let page = client.get(format!("{base}/gui-phan-anh?buoc=4")).send().await.unwrap();
    assert_eq!(page.status().as_u16(), 422);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("Số di động Việt Nam gồm 10 chữ số"),
        "message in Vietnamese"
    );
    assert!(html.contains("value=\"12345\""), "typed value kept");
    assert!(html.contains("Phạm Thị Mai"));

    let mut contact = contact;
    contact[1] = ("phone", "0905 111 222");
    let response = post_step(&client, base, 4, &contact).await;
    assert_eq!(location(&response), "/gui-phan-anh?buoc=5");
    let review = client.get(format!("{base}/gui-phan-anh?buoc=5")).send().await.unwrap();
    let html = review.text().await.unwrap();
    assert!(html.contains("Khói đốt rác ở bãi rác thôn Đông"));
    assert!(html.contains("1 tệp"));

    // Submit twice (a double tap): one complaint, the same confirmation.
    let (a, b) = tokio::join!(
        post_step(&client, base, 5, &[("di", "gui")]),
        post_step(&client, base, 5, &[("di", "gui")]),
    );
    assert_eq!(location(&a), "/gui-phan-anh/da-gui");
    assert_eq!(location(&b), "/gui-phan-anh/da-gui");
    assert_eq!(complaints(&t.db).await, 1);
    let attached: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM attachments WHERE complaint_id IS NOT NULL")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(attached, 1, "the photo went with the complaint");

    let html = client
        .get(format!("{base}/gui-phan-anh/da-gui"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let code = html
        .split("data-code=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the tracking code on the confirmation")
        .to_owned();
    assert!(html.contains("Hạn trả lời"));

    // The tracker: the complaint is private, so its content needs the phone's last digits.
    let anonymous = browser();
    let tracked = anonymous
        .get(format!("{base}/tra-cuu?ma={code}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(tracked.contains("Phản ánh không công khai"));
    assert!(!tracked.contains("Khói đốt rác"));
    let wrong = anonymous
        .get(format!("{base}/tra-cuu?ma={code}&so=0000"))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status().as_u16(), 422);
    assert!(wrong.text().await.unwrap().contains("Bốn số cuối không khớp"));
    let right = anonymous
        .get(format!("{base}/tra-cuu?ma={code}&so=1222"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(right.contains("Khói đốt rác ở bãi rác thôn Đông"));

    // A new complaint starts from an empty form.
    let response = client.post(format!("{base}/gui-phan-anh/moi")).send().await.unwrap();
    assert_eq!(location(&response), "/gui-phan-anh");
});

on_both_databases!(second_factor_guesses_are_limited, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let router = Router::load(&t.db).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let token = wizard::random_token();
    fill(&t.db, &token, "0912345678").await;
    wizard::save_step(
        &t.db,
        dir.path(),
        &token,
        form(
            Step::Contact,
            &[
                ("name", "Nguyễn Văn An"),
                ("phone", "0912345678"),
                ("publish", "khong"),
                ("consent", "co"),
            ],
            Nav::Next,
        ),
        AT,
    )
    .await
    .unwrap();
    let limits = Limits::default();
    wizard::submit(&t.db, &router, None, &limits, &client(), &token, AT)
        .await
        .unwrap();
    let filed = wizard::filed(&t.db, &token).await.unwrap().unwrap();
    let code = phanhoi::domain::TrackingCode::parse(&filed.code).unwrap();
    use phanhoi::server::services::tracker::track;
    let closed = track(&t.db, &limits, &code, None, AT).await.unwrap();
    assert!(closed.needs_factor);
    assert_eq!(closed.title, None);
    for _ in 0..limits.wrong_factor_per_code_hour {
        let err = track(&t.db, &limits, &code, Some("1111"), AT).await.unwrap_err();
        assert!(err.to_string().contains("không khớp"));
    }
    // Now even the right digits wait an hour.
    let err = track(&t.db, &limits, &code, Some("5678"), AT + 60).await.unwrap_err();
    assert!(err.to_string().contains("sai nhiều lần"));
    let open = track(&t.db, &limits, &code, Some("5678"), AT + 3700).await.unwrap();
    assert!(!open.needs_factor);
    assert_eq!(open.title.as_deref(), Some("Đường vào thôn 3 bị sụt lún"));
});

on_both_databases!(
    reference_data_changed_by_another_server_is_seen_at_once,
    |t: TestDb| async move {
        use phanhoi::domain::{AgencyKind, DayKind, DeadlinePolicy};
        use phanhoi::server::store;

        seed::seed_reference(&t.db, 17).await.unwrap();
        let router = Router::load(&t.db).await.unwrap();
        let here = &t.db;
        let elsewhere = Db::connect(&t.url).await.unwrap();
        let mut conn = here.pool().acquire().await.unwrap();
        let before = here.reference(&mut conn).await.unwrap();
        let again = here.reference(&mut conn).await.unwrap();
        drop(conn);
        assert!(std::sync::Arc::ptr_eq(&before, &again), "unchanged: the same copy");
        assert_eq!(before.policy.total_days, 17);
        let closed = before
            .agencies
            .iter()
            .find(|a| a.kind != AgencyKind::Coordinator)
            .unwrap()
            .clone();

        // Two drafts ready on this server: one for the system to route, one
        // choosing an agency that is about to close.
        let (auto, chosen) = (wizard::random_token(), wizard::random_token());
        fill(here, &auto, "0912 345 678").await;
        fill(here, &chosen, "0912 345 679").await;
        let dir = tempfile::tempdir().unwrap();
        let next = wizard::save_step(
            here,
            dir.path(),
            &chosen,
            form(Step::Who, &[("agency", &closed.code)], Nav::Next),
            AT,
        )
        .await
        .unwrap();
        assert_eq!(next, Next::Step(Step::Review));

        // Another app server: working days, 20 of them, one more holiday, a
        // new category, and the agency closed.
        let policy = DeadlinePolicy::with_total_days(20, DayKind::Working);
        let holiday = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
        let mut tx = elsewhere.begin_write().await.unwrap();
        store::settings::save_deadline_policy(&mut tx, &policy).await.unwrap();
        store::settings::insert_holiday(&mut tx, holiday, "Ngày nghỉ thử")
            .await
            .unwrap();
        store::catalog::insert_category(&mut tx, "thu-nghiem", "Thử nghiệm", "", None, 99)
            .await
            .unwrap();
        assert!(store::catalog::set_agency_active(&mut tx, closed.id, false)
            .await
            .unwrap());
        tx.commit().await.unwrap();
        elsewhere.close().await;

        let mut conn = here.pool().acquire().await.unwrap();
        let after = here.reference(&mut conn).await.unwrap();
        drop(conn);
        assert!(after.version > before.version);
        assert_eq!(after.policy, policy);
        assert!(after.holidays.contains(&holiday));
        assert!(after.category_id("thu-nghiem").is_some());
        assert_eq!(after.handling_agency_id(&closed.code), None);

        // Filing here follows the new policy and holiday at once…
        let limits = Limits::default();
        let next = wizard::submit(here, &router, None, &limits, &client(), &auto, AT).await;
        assert_eq!(next.unwrap(), Next::Filed);
        let filed = wizard::filed(here, &auto).await.unwrap().expect("filed");
        assert_eq!(filed.deadline_at, Some(policy.deadline_at(AT, &after.holidays)));
        assert_ne!(filed.deadline_at, Some(policy.deadline_at(AT, &before.holidays)));
        // …and sends the other citizen back to choose a handling agency again.
        let next = wizard::submit(here, &router, None, &limits, &client(), &chosen, AT).await;
        assert_eq!(next.unwrap(), Next::Step(Step::Who));
        let page = wizard::view(here, &router, Some(&chosen), None).await.unwrap().unwrap();
        assert!(page.errors.iter().any(|e| e.field == "agency"), "{:?}", page.errors);
        assert!(page.agencies.iter().all(|a| a.code != closed.code));
        assert_eq!(complaints(here).await, 1);
    }
);
