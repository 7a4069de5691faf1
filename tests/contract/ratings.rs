//! The citizen's feedback: rating a published answer from the tracker (and
//! changing it for seven days), the request to reopen and the
//! coordinator's decision, the whole way back to a new published answer;
//! also the plain-form (no JavaScript) answers over HTTP.

use phanhoi::domain::deadline::{end_of_day, local_date};
use phanhoi::domain::rating::{FeedbackProblem, RateMove, ReopenState, CHANGE_WINDOW_SECONDS};
use phanhoi::domain::work::{Move, Queue};
use phanhoi::domain::{ComplaintStatus, DeadlinePolicy, TrackedComplaint, TrackingCode};
use phanhoi::error::AppError;
use phanhoi::server::config::Limits;
use phanhoi::server::services::complaints::{receive, submit};
use phanhoi::server::services::rate_limit::Client;
use phanhoi::server::services::ratings::{rate_from_tracker, request_reopen, Sender};
use phanhoi::server::services::routing::Router;
use phanhoi::server::services::{tracker, work, workflow};
use phanhoi::server::Db;

use crate::http::start;
use crate::on_both_databases;
use crate::staff::{complaint, seeded, staff, version, MONDAY_MORNING};
use crate::support::TestDb;

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

fn client() -> Client {
    Client {
        address: "203.0.113.7".into(),
    }
}

/// A complaint (phone ending 4321) with Sở Xây dựng, in progress from `at`.
async fn in_progress(db: &Db, is_public: bool, at: i64) -> (i64, TrackingCode) {
    let coordinator = staff(db, "dieuphoi").await;
    let officer = staff(db, "canbo.sxd").await;
    let mut new = complaint("Đường vào thôn 3 bị sụt lún");
    new.is_public = is_public;
    let (id, code) = submit(db, &new, at).await.unwrap();
    receive(db, id, at + 60).await.unwrap();
    let (_, v) = version(db, id).await;
    workflow::assign(db, &coordinator, id, v, "SXD", "", at + HOUR)
        .await
        .unwrap();
    let (_, v) = version(db, id).await;
    workflow::accept(db, &officer, id, v, at + 2 * HOUR).await.unwrap();
    (id, code)
}

/// The officer answers and the leader publishes at `at`.
async fn answer(db: &Db, id: i64, text: &str, at: i64) {
    let officer = staff(db, "canbo.sxd").await;
    let leader = staff(db, "lanhdao.sxd").await;
    let (_, v) = version(db, id).await;
    workflow::save_answer(db, &officer, id, v, text, true, at)
        .await
        .unwrap();
    let (_, v) = version(db, id).await;
    workflow::approve(db, &leader, id, v, at + HOUR).await.unwrap();
    assert_eq!(version(db, id).await.0, ComplaintStatus::Published);
}

async fn published(db: &Db, is_public: bool) -> (i64, TrackingCode) {
    let (id, code) = in_progress(db, is_public, MONDAY_MORNING).await;
    answer(db, id, "Đã sửa xong đoạn đường.", MONDAY_MORNING + 5 * DAY).await;
    (id, code)
}

async fn rate(
    db: &Db,
    code: &TrackingCode,
    factor: Option<&str>,
    score: Option<&str>,
    comment: Option<&str>,
    at: i64,
) -> Result<RateMove, AppError> {
    let client = client();
    let sender = Sender {
        code,
        factor,
        client: &client,
    };
    rate_from_tracker(db, &Limits::default(), &sender, score, comment, at).await
}

async fn ask(db: &Db, code: &TrackingCode, reason: &str, at: i64) -> Result<(), AppError> {
    let client = client();
    let sender = Sender {
        code,
        factor: None,
        client: &client,
    };
    request_reopen(db, &Limits::default(), &sender, Some(reason), at).await
}

async fn track(db: &Db, code: &TrackingCode, factor: Option<&str>, at: i64) -> TrackedComplaint {
    tracker::track(db, &Limits::default(), code, factor, at).await.unwrap()
}

async fn scalar(db: &Db, sql: &str, id: i64) -> Option<i64> {
    sqlx::query_scalar(sql).bind(id).fetch_one(db.pool()).await.unwrap()
}

fn problem(result: Result<impl std::fmt::Debug, AppError>) -> FeedbackProblem {
    FeedbackProblem::of(&result.unwrap_err())
}

/// 5 days after the first publication.
const RATED_AT: i64 = MONDAY_MORNING + 10 * DAY;

on_both_databases!(the_first_rating_moves_the_answer_to_rated, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let (id, code) = in_progress(db, true, MONDAY_MORNING).await;
    // Nothing to rate before the answer is published.
    let early = rate(db, &code, None, Some("4"), None, MONDAY_MORNING + DAY).await;
    assert_eq!(problem(early), FeedbackProblem::NotAnswered);
    assert!(track(db, &code, None, MONDAY_MORNING + DAY).await.feedback.is_none());
    answer(db, id, "Đã sửa xong đoạn đường.", MONDAY_MORNING + 5 * DAY).await;
    let offered = track(db, &code, None, RATED_AT).await.feedback.unwrap();
    assert!(offered.may_rate && offered.rating.is_none() && !offered.may_ask_reopen);

    let step = rate(
        db,
        &code,
        None,
        Some("4"),
        Some("  Cảm ơn Sở đã xử lý nhanh. "),
        RATED_AT,
    )
    .await;
    assert_eq!(step.unwrap(), RateMove::First);
    assert_eq!(version(db, id).await.0, ComplaintStatus::Rated);
    let tracked = track(db, &code, None, RATED_AT + HOUR).await;
    let feedback = tracked.feedback.unwrap();
    let rating = feedback.rating.unwrap();
    assert_eq!(rating.score.score(), 4);
    assert_eq!(rating.comment.as_deref(), Some("Cảm ơn Sở đã xử lý nhanh."));
    assert_eq!(rating.created_at, RATED_AT);
    assert!(feedback.may_rate, "may still change it");
    assert!(!feedback.may_ask_reopen, "satisfied");
    // A public event on the timeline.
    assert!(tracked
        .timeline
        .iter()
        .any(|e| e.at == RATED_AT && e.note.as_deref() == Some("Hài lòng (4/5)")));
    // The statistics see it in the same transaction.
    let counted = scalar(db, "SELECT score FROM stats_facts WHERE complaint_id = $1", id).await;
    assert_eq!(counted, Some(4));
});

on_both_databases!(a_rating_changes_for_seven_days_then_stays, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let (id, code) = published(db, true).await;
    rate(db, &code, None, Some("2"), Some("Chưa sửa hết."), RATED_AT)
        .await
        .unwrap();
    let later = RATED_AT + 6 * DAY;
    let step = rate(db, &code, None, Some("3"), Some(""), later).await.unwrap();
    assert_eq!(step, RateMove::Change);
    let rating = track(db, &code, None, later).await.feedback.unwrap().rating.unwrap();
    assert_eq!((rating.score.score(), rating.comment), (3, None));
    assert_eq!((rating.created_at, rating.updated_at), (RATED_AT, later));
    assert_eq!(version(db, id).await.0, ComplaintStatus::Rated);
    let counted = scalar(db, "SELECT score FROM stats_facts WHERE complaint_id = $1", id).await;
    assert_eq!(counted, Some(3));
    let events: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM complaint_events WHERE complaint_id = $1 AND kind = 'rating' AND is_public = 1",
    )
    .bind(id)
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(events, 2, "the rating and its change");
    // Seven days on, the window is closed and the form is gone.
    let closed = RATED_AT + CHANGE_WINDOW_SECONDS + 1;
    let late = rate(db, &code, None, Some("5"), None, closed).await;
    assert_eq!(problem(late), FeedbackProblem::ChangeWindowOver);
    assert_eq!(
        FeedbackProblem::ChangeWindowOver.message(),
        "Đã hết thời hạn thay đổi đánh giá."
    );
    let shown = track(db, &code, None, closed).await.feedback.unwrap();
    assert!(!shown.may_rate && !shown.may_ask_reopen);
    assert_eq!(shown.rating.unwrap().score.score(), 3, "shown read-only");
});

on_both_databases!(score_and_comment_are_checked, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let (id, code) = published(db, true).await;
    for score in [None, Some(""), Some("0"), Some("6"), Some("năm")] {
        let err = rate(db, &code, None, score, Some("Tốt"), RATED_AT).await.unwrap_err();
        assert_eq!(err.field_message("score"), Some("Vui lòng chọn mức độ hài lòng."));
    }
    let long = "ệ".repeat(1_001);
    let err = rate(db, &code, None, Some("3"), Some(&long), RATED_AT)
        .await
        .unwrap_err();
    assert_eq!(err.field_message("comment"), Some("Nhận xét tối đa 1.000 ký tự."));
    assert_eq!(version(db, id).await.0, ComplaintStatus::Published, "nothing written");
    let exactly = "ệ".repeat(1_000);
    rate(db, &code, None, Some("3"), Some(&exactly), RATED_AT)
        .await
        .unwrap();
    // A code that does not exist.
    let other = TrackingCode::parse("ABCD-EFGH").unwrap();
    assert_eq!(
        rate(db, &other, None, Some("3"), None, RATED_AT).await.unwrap_err(),
        AppError::NotFound
    );
});

on_both_databases!(
    a_private_complaint_is_rated_with_its_second_factor,
    |t: TestDb| async move {
        let db = &t.db;
        seeded(db).await;
        let (id, code) = published(db, false).await;
        // Without the last four digits of the phone the tracker shows no rating.
        assert!(track(db, &code, None, RATED_AT).await.feedback.is_none());
        let missing = rate(db, &code, None, Some("5"), None, RATED_AT).await;
        assert_eq!(problem(missing), FeedbackProblem::FactorMissing);
        let wrong = rate(db, &code, Some("1111"), Some("5"), None, RATED_AT).await;
        assert_eq!(problem(wrong), FeedbackProblem::FactorWrong);
        assert_eq!(version(db, id).await.0, ComplaintStatus::Published);
        rate(db, &code, Some("4321"), Some("5"), None, RATED_AT).await.unwrap();
        let shown = track(db, &code, Some("4321"), RATED_AT).await.feedback.unwrap();
        assert_eq!(shown.rating.unwrap().score.score(), 5);
    }
);

on_both_databases!(rating_writes_are_limited_per_address, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let (_, code) = published(db, true).await;
    let limits = Limits {
        feedback_per_address_hour: 2,
        ..Limits::default()
    };
    let client = client();
    let sender = Sender {
        code: &code,
        factor: None,
        client: &client,
    };
    for score in ["1", "2"] {
        rate_from_tracker(db, &limits, &sender, Some(score), None, RATED_AT)
            .await
            .unwrap();
    }
    let third = rate_from_tracker(db, &limits, &sender, Some("3"), None, RATED_AT + 60).await;
    assert_eq!(third.unwrap_err(), AppError::RateLimited);
    let elsewhere = Client {
        address: "198.51.100.1".into(),
    };
    let other = Sender {
        code: &code,
        factor: None,
        client: &elsewhere,
    };
    rate_from_tracker(db, &limits, &other, Some("3"), None, RATED_AT + 60)
        .await
        .unwrap();
    // An hour later the first address may rate again.
    rate_from_tracker(db, &limits, &sender, Some("4"), None, RATED_AT + 2 * HOUR)
        .await
        .unwrap();
});

on_both_databases!(reopen_needs_a_low_rating_within_the_window, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let (_, code) = published(db, true).await;
    let unrated = ask(db, &code, "Chưa sửa.", RATED_AT).await;
    assert_eq!(problem(unrated), FeedbackProblem::NotDissatisfied);
    rate(db, &code, None, Some("3"), None, RATED_AT).await.unwrap();
    assert_eq!(
        problem(ask(db, &code, "Chưa sửa.", RATED_AT).await),
        FeedbackProblem::NotDissatisfied
    );
    rate(db, &code, None, Some("2"), None, RATED_AT + HOUR).await.unwrap();
    let empty = ask(db, &code, "   ", RATED_AT + HOUR).await.unwrap_err();
    assert_eq!(
        empty.field_message("reason"),
        Some("Vui lòng nhập lý do đề nghị mở lại.")
    );
    let late = ask(db, &code, "Chưa sửa.", RATED_AT + CHANGE_WINDOW_SECONDS + 1).await;
    assert_eq!(problem(late), FeedbackProblem::ReopenWindowOver);
});

on_both_databases!(
    a_reopened_complaint_is_answered_again_with_a_new_deadline,
    |t: TestDb| async move {
        let db = &t.db;
        seeded(db).await;
        let router = Router::load(db).await.unwrap();
        let coordinator = staff(db, "dieuphoi").await;
        let officer = staff(db, "canbo.sxd").await;
        let (id, code) = in_progress(db, true, MONDAY_MORNING).await;
        // The first answer is late: due 19 March, published on the 25th.
        let first = MONDAY_MORNING + 23 * DAY;
        answer(db, id, "Đã kiểm tra.", first).await;
        assert_eq!(
            scalar(db, "SELECT on_time FROM complaints WHERE id = $1", id).await,
            Some(0)
        );
        let rated = first + DAY;
        rate(db, &code, None, Some("1"), Some("Không ai đến sửa."), rated)
            .await
            .unwrap();
        let asked = rated + HOUR;
        ask(db, &code, "Đường vẫn sụt lún, chưa ai đến sửa.", asked)
            .await
            .unwrap();
        // Once at a time.
        let again = ask(db, &code, "Nhắc lại.", asked + 60).await;
        assert_eq!(problem(again), FeedbackProblem::RequestPending);
        let shown = track(db, &code, None, asked + 60).await.feedback.unwrap();
        assert_eq!(shown.reopen.as_ref().unwrap().state, ReopenState::Pending);
        assert!(!shown.may_ask_reopen);

        // The coordinator's queue and the case page offer the decision.
        let inbox = work::inbox(db, &coordinator, Some(Queue::Reopen), 1, asked + HOUR)
            .await
            .unwrap();
        assert_eq!(inbox.rows.iter().map(|r| r.id).collect::<Vec<_>>(), vec![id]);
        let case = work::case(db, &router, &coordinator, id, asked + HOUR).await.unwrap();
        assert!(case.moves.contains(&Move::DecideReopen));
        assert_eq!(case.reopen_requests.len(), 1);
        assert_eq!(case.rating.as_ref().unwrap().score.score(), 1);
        let officer_case = work::case(db, &router, &officer, id, asked + HOUR).await.unwrap();
        assert!(!officer_case.moves.contains(&Move::DecideReopen));

        // Accepted: back to the same agency with a deadline counted from today.
        let decided = asked + 2 * HOUR;
        assert_eq!(
            workflow::accept_reopen(db, &officer, id, case.version, "", decided).await,
            Err(AppError::Forbidden)
        );
        workflow::accept_reopen(db, &coordinator, id, case.version, "Đề nghị Sở kiểm tra lại.", decided)
            .await
            .unwrap();
        assert_eq!(version(db, id).await.0, ComplaintStatus::Reopened);
        let deadline = end_of_day(DeadlinePolicy::default().due_date(local_date(decided), &[]));
        assert_eq!(
            scalar(db, "SELECT deadline_at FROM complaints WHERE id = $1", id).await,
            Some(deadline)
        );
        assert_eq!(
            scalar(db, "SELECT published_at FROM complaints WHERE id = $1", id).await,
            None
        );
        assert_eq!(
            scalar(db, "SELECT on_time FROM complaints WHERE id = $1", id).await,
            None
        );
        let sxd = crate::support::agency_id(db, "SXD").await;
        assert_eq!(
            scalar(db, "SELECT agency_id FROM complaints WHERE id = $1", id).await,
            Some(sxd)
        );
        assert_eq!(
            scalar(db, "SELECT COUNT(*) FROM ratings WHERE complaint_id = $1", id).await,
            Some(0)
        );
        assert_eq!(
            scalar(db, "SELECT published_day FROM stats_facts WHERE complaint_id = $1", id).await,
            None,
            "no answer counts while reopened"
        );
        let tracked = track(db, &code, None, decided + 60).await;
        assert_eq!(tracked.status, ComplaintStatus::Reopened);
        assert!(tracked.days_left.unwrap() >= 16);
        assert!(tracked.answer.is_none());
        assert_eq!(tracked.feedback.unwrap().reopen.unwrap().state, ReopenState::Accepted);
        assert!(work::inbox(db, &coordinator, Some(Queue::Reopen), 1, decided)
            .await
            .unwrap()
            .rows
            .is_empty());

        // The agency accepts it like an assigned complaint, answers, and the
        // leader publishes on time this time.
        let handling = work::inbox(db, &officer, Some(Queue::Agency), 1, decided)
            .await
            .unwrap();
        assert!(handling.rows.iter().any(|r| r.id == id));
        let case = work::case(db, &router, &officer, id, decided).await.unwrap();
        assert_eq!(case.moves[..2], [Move::Accept, Move::Return]);
        workflow::accept(db, &officer, id, case.version, decided + HOUR)
            .await
            .unwrap();
        answer(db, id, "Đã sửa lại toàn bộ đoạn đường.", decided + 3 * DAY).await;
        assert_eq!(
            scalar(db, "SELECT on_time FROM complaints WHERE id = $1", id).await,
            Some(1)
        );
        assert_eq!(
            scalar(db, "SELECT on_time FROM stats_facts WHERE complaint_id = $1", id).await,
            Some(1)
        );
        // The new answer is rated afresh.
        let again = decided + 4 * DAY;
        let offered = track(db, &code, None, again).await.feedback.unwrap();
        assert!(offered.may_rate && offered.rating.is_none());
        assert_eq!(
            rate(db, &code, None, Some("5"), None, again).await.unwrap(),
            RateMove::First
        );
        assert_eq!(version(db, id).await.0, ComplaintStatus::Rated);
    }
);

on_both_databases!(a_refused_request_shows_its_reason, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let coordinator = staff(db, "dieuphoi").await;
    let (id, code) = published(db, true).await;
    rate(db, &code, None, Some("2"), None, RATED_AT).await.unwrap();
    ask(db, &code, "Trả lời chưa rõ.", RATED_AT + HOUR).await.unwrap();
    let (_, v) = version(db, id).await;
    let err = workflow::refuse_reopen(db, &coordinator, id, v, "  ", RATED_AT + DAY)
        .await
        .unwrap_err();
    assert_eq!(
        err.field_message("reason"),
        Some("Vui lòng nhập lý do không chấp nhận.")
    );
    let reason = "Sở đã sửa xong và có biên bản nghiệm thu ngày 10/3.";
    workflow::refuse_reopen(db, &coordinator, id, v, reason, RATED_AT + DAY)
        .await
        .unwrap();
    assert_eq!(version(db, id).await.0, ComplaintStatus::Rated);
    let tracked = track(db, &code, None, RATED_AT + DAY).await;
    let request = tracked.feedback.as_ref().unwrap().reopen.clone().unwrap();
    assert_eq!(request.state, ReopenState::Refused);
    assert_eq!(request.decision_note.as_deref(), Some(reason));
    assert_eq!(request.decided_by, None, "the tracker names no staff");
    assert!(tracked
        .timeline
        .iter()
        .any(|e| e.note.as_deref() == Some(&format!("Không chấp nhận đề nghị mở lại: {reason}")[..])));
    // Within the window the citizen may ask again.
    assert!(tracked.feedback.unwrap().may_ask_reopen);
});

on_both_databases!(two_decisions_at_once_one_conflicts, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let coordinator = staff(db, "dieuphoi").await;
    for round in 0..2 {
        let (id, code) = published(db, true).await;
        rate(db, &code, None, Some("1"), None, RATED_AT).await.unwrap();
        ask(db, &code, "Chưa xử lý.", RATED_AT + HOUR).await.unwrap();
        let (_, v) = version(db, id).await;
        let at = RATED_AT + DAY;
        let (a, b) = if round == 0 {
            tokio::join!(
                workflow::accept_reopen(db, &coordinator, id, v, "", at),
                workflow::refuse_reopen(db, &coordinator, id, v, "Đã xử lý xong.", at),
            )
        } else {
            tokio::join!(
                workflow::accept_reopen(db, &coordinator, id, v, "", at),
                workflow::accept_reopen(db, &coordinator, id, v, "", at),
            )
        };
        let results = [a, b];
        assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
        assert!(results.contains(&Err(AppError::Conflict)), "{results:?}");
        let decided: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM reopen_requests WHERE complaint_id = $1 AND state <> 'pending'")
                .bind(id)
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(decided, 1);
    }
});

on_both_databases!(plain_forms_come_back_to_the_tracker, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    // Published an hour ago: the server rates at its own clock.
    let now = phanhoi::server::store::now();
    let (id, code) = in_progress(db, true, now - 3 * DAY).await;
    answer(db, id, "Đã sửa xong đoạn đường.", now - 2 * HOUR).await;
    let server = start(&t).await;
    let browser = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let post = |form: Vec<(&'static str, String)>, accept: &'static str| {
        let browser = browser.clone();
        let url = format!("{}/api/track/rate", server.base);
        async move {
            let response = browser
                .post(url)
                .header("accept", accept)
                .form(&form)
                .send()
                .await
                .unwrap();
            let location = response
                .headers()
                .get("location")
                .map(|l| l.to_str().unwrap().to_owned());
            (response.status().as_u16(), location, response.text().await.unwrap())
        }
    };
    let shown = code.to_string();
    // No choice: back to the tracker with the comment kept and the
    // problem's code (never its text) in the address.
    let form = vec![("code", shown.clone()), ("comment", "Vẫn còn ổ gà".to_owned())];
    let (status, location, _) = post(form, "text/html").await;
    assert_eq!(status, 302);
    let location = location.unwrap();
    assert!(location.starts_with(&format!("/tra-cuu?ma={shown}")), "{location}");
    assert!(
        location.contains("loi=chua-chon-muc") && location.contains("mau=danh-gia"),
        "{location}"
    );
    assert!(!location.contains("Vui"), "{location}");
    let page = reqwest::get(format!("{}{location}", server.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Vui lòng chọn mức độ hài lòng."),
        "the message next to the scale"
    );
    assert!(page.contains("Vẫn còn ổ gà</textarea>"), "the comment kept");
    // Chosen: back with the confirmation.
    let form = vec![
        ("code", shown.clone()),
        ("score", "2".to_owned()),
        ("comment", String::new()),
    ];
    let (status, location, _) = post(form, "text/html").await;
    assert_eq!(status, 302);
    let location = location.unwrap();
    assert!(location.contains("da-luu=danh-gia"), "{location}");
    let page = reqwest::get(format!("{}{location}", server.base))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Cảm ơn bạn đã đánh giá câu trả lời."));
    assert!(page.contains("Bạn có thể thay đổi đánh giá đến"));
    // The island's call gets the address, or the error as JSON.
    let form = vec![("code", shown.clone()), ("score", "3".to_owned())];
    let (status, _, body) = post(form, "application/json").await;
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("da-luu=doi-danh-gia"), "{body}");
    let form = vec![("code", shown.clone()), ("score", "9".to_owned())];
    let (status, _, body) = post(form, "application/json").await;
    assert_eq!(status, 422);
    assert!(body.contains("Vui lòng chọn mức độ hài lòng."), "{body}");
    // A crafted problem code shows only a known message.
    let crafted = format!("{}/tra-cuu?ma={shown}&mau=danh-gia&loi=Trang+gia+mao", server.base);
    let page = reqwest::get(crafted).await.unwrap().text().await.unwrap();
    assert!(!page.contains("Trang gia mao"));
});
