//! The staff's workflow through the services: the whole story from receipt
//! to publication, concurrent edits, deadlines and extensions, reminders.

use phanhoi::domain::deadline::{end_of_day, format_date, local_date};
use phanhoi::domain::{ComplaintStatus, StaffUser};
use phanhoi::error::AppError;
use phanhoi::server::notify::Notifier;
use phanhoi::server::services::complaints::{receive, submit};
use phanhoi::server::services::{reminders, workflow};
use phanhoi::server::store::complaints::NewComplaint;
use phanhoi::server::{seed, store, Db};

use crate::on_both_databases;
use crate::support::TestDb;

/// 2 March 2026, 09:00 in Vietnam.
pub const MONDAY_MORNING: i64 = 1_772_416_800;
const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

pub fn complaint(title: &str) -> NewComplaint {
    NewComplaint {
        title: title.into(),
        description: "Đoạn đường bê tông dài khoảng 50 m bị sụt lún sau mưa, xe máy đi rất nguy hiểm.".into(),
        address: "Thôn 3".into(),
        citizen_name: "Nguyễn Văn Nam".into(),
        citizen_phone: "0987654321".into(),
        citizen_email: Some("nam@example.vn".into()),
        is_public: true,
        ..NewComplaint::default()
    }
}

/// Reference data and the demo staff (no demo complaints needed).
pub async fn seeded(db: &Db) {
    seed::seed_reference(db, 17).await.unwrap();
    seed::seed_demo(db, MONDAY_MORNING - 30 * DAY).await.unwrap();
}

pub async fn staff(db: &Db, username: &str) -> StaffUser {
    let mut conn = db.pool().acquire().await.unwrap();
    store::staff::find_by_login(&mut conn, username)
        .await
        .unwrap()
        .expect("demo account")
        .user
}

/// A new complaint, received at `at`; returns its id.
pub async fn received(db: &Db, title: &str, at: i64) -> i64 {
    let (id, _) = submit(db, &complaint(title), at).await.unwrap();
    receive(db, id, at + 60).await.unwrap();
    id
}

pub async fn version(db: &Db, id: i64) -> (ComplaintStatus, i64) {
    let mut conn = db.pool().acquire().await.unwrap();
    store::complaints::status_and_version(&mut conn, id).await.unwrap()
}

async fn column(db: &Db, id: i64, name: &str) -> Option<i64> {
    sqlx::query_scalar(&format!("SELECT {name} FROM complaints WHERE id = $1"))
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

on_both_databases!(the_whole_story_from_receipt_to_publication, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let coordinator = staff(db, "dieuphoi").await;
    let sxd_officer = staff(db, "canbo.sxd").await;
    let sxd_leader = staff(db, "lanhdao.sxd").await;
    let ubnd_officer = staff(db, "canbo.ubndxa").await;
    let at = MONDAY_MORNING;
    let id = received(db, "Đường vào thôn 3 bị sụt lún", at).await;
    let deadline = column(db, id, "deadline_at").await.unwrap();
    assert_eq!(format_date(deadline), "19/03/2026");
    // Triage is due 3 days after receipt.
    assert_eq!(format_date(column(db, id, "stage_due_at").await.unwrap()), "05/03/2026");

    // Assigned to the wrong agency, which returns it.
    let (_, v) = version(db, id).await;
    workflow::assign(db, &coordinator, id, v, "UBND_XA", "", at + HOUR)
        .await
        .unwrap();
    let (_, v) = version(db, id).await;
    // Another agency's officer cannot act on it.
    assert_eq!(
        workflow::accept(db, &sxd_officer, id, v, at + 2 * HOUR).await,
        Err(AppError::Forbidden)
    );
    let empty = workflow::return_to_coordinator(db, &ubnd_officer, id, v, "  ", at + 2 * HOUR).await;
    assert_eq!(
        empty.unwrap_err().field_message("reason"),
        Some("Vui lòng nhập lý do trả lại.")
    );
    workflow::return_to_coordinator(
        db,
        &ubnd_officer,
        id,
        v,
        "Đường tỉnh, không thuộc thẩm quyền xã.",
        at + 2 * HOUR,
    )
    .await
    .unwrap();
    assert_eq!(version(db, id).await.0, ComplaintStatus::Received);
    assert_eq!(column(db, id, "agency_id").await, None);

    // Reassigned, accepted: the agency's stage runs 11 days from the
    // assignment (2 March), capped by the deadline.
    let (_, v) = version(db, id).await;
    workflow::assign(db, &coordinator, id, v, "SXD", "Chuyển Sở Xây dựng.", at + 3 * HOUR)
        .await
        .unwrap();
    let (_, v) = version(db, id).await;
    workflow::accept(db, &sxd_officer, id, v, at + DAY).await.unwrap();
    assert_eq!(version(db, id).await.0, ComplaintStatus::InProgress);
    assert_eq!(column(db, id, "officer_id").await, Some(sxd_officer.id));
    assert_eq!(format_date(column(db, id, "stage_due_at").await.unwrap()), "13/03/2026");

    // More time: asked, approved; the deadline moves and is recorded.
    let bad = workflow::request_extension(db, &sxd_officer, id, "Cần khảo sát", "2026-03-01", at + DAY).await;
    assert!(bad
        .unwrap_err()
        .field_message("new_date")
        .unwrap()
        .contains("19/03/2026"));
    workflow::request_extension(
        db,
        &sxd_officer,
        id,
        "Cần khảo sát hiện trường.",
        "2026-03-26",
        at + DAY,
    )
    .await
    .unwrap();
    let request: i64 = sqlx::query_scalar("SELECT id FROM extension_requests WHERE complaint_id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(
        workflow::decide_extension(db, &sxd_officer, request, true, "", at + DAY).await,
        Err(AppError::Forbidden)
    );
    workflow::decide_extension(db, &coordinator, request, true, "", at + 2 * DAY)
        .await
        .unwrap();
    let new_deadline = end_of_day(local_date(deadline) + chrono::Duration::days(7));
    assert_eq!(column(db, id, "deadline_at").await, Some(new_deadline));
    assert_eq!(
        workflow::decide_extension(db, &coordinator, request, false, "muộn", at + 2 * DAY).await,
        Err(AppError::Conflict),
        "a request is decided once"
    );

    // The answer: drafted, submitted, sent back, resubmitted, approved.
    let (_, v) = version(db, id).await;
    workflow::save_answer(db, &sxd_officer, id, v, "Dự thảo lần 1", false, at + 3 * DAY)
        .await
        .unwrap();
    let (_, v) = version(db, id).await;
    workflow::save_answer(db, &sxd_officer, id, v, "Sở Xây dựng đã sửa xong.", true, at + 4 * DAY)
        .await
        .unwrap();
    let (_, v) = version(db, id).await;
    assert_eq!(
        workflow::approve(db, &sxd_officer, id, v, at + 4 * DAY).await,
        Err(AppError::Forbidden),
        "officers do not approve"
    );
    workflow::send_back(db, &sxd_leader, id, v, "Bổ sung thời gian hoàn thành.", at + 5 * DAY)
        .await
        .unwrap();
    let (_, v) = version(db, id).await;
    workflow::save_answer(
        db,
        &sxd_officer,
        id,
        v,
        "Sở Xây dựng đã sửa xong ngày 10/3.",
        true,
        at + 6 * DAY,
    )
    .await
    .unwrap();
    let (_, v) = version(db, id).await;
    workflow::approve(db, &sxd_leader, id, v, at + 7 * DAY).await.unwrap();
    assert_eq!(version(db, id).await.0, ComplaintStatus::Published);
    assert_eq!(column(db, id, "on_time").await, Some(1));
    assert_eq!(column(db, id, "stage_due_at").await, None);

    // Every step is an event; the citizen sees the public ones.
    let mut conn = db.pool().acquire().await.unwrap();
    let all = store::complaints::events(&mut conn, id, false).await.unwrap();
    let public = store::complaints::events(&mut conn, id, true).await.unwrap();
    let statuses: Vec<_> = all.iter().filter_map(|e| e.to_status).collect();
    use ComplaintStatus as S;
    assert_eq!(
        statuses,
        [
            S::Submitted,
            S::Received,
            S::Assigned,
            S::Received,
            S::Assigned,
            S::InProgress,
            S::AwaitingApproval,
            S::InProgress,
            S::AwaitingApproval,
            S::Published
        ]
    );
    assert_eq!(
        all.len(),
        statuses.len() + 2,
        "plus the extension's request and decision"
    );
    assert!(public
        .iter()
        .any(|e| e.note.as_deref() == Some("Gia hạn thời hạn trả lời đến 26/03/2026")));
    assert!(!public
        .iter()
        .any(|e| e.note.as_deref().is_some_and(|n| n.contains("không thuộc thẩm quyền"))));
    assert!(all.iter().all(|e| e.to_status.is_none() || e.at >= at));
});

on_both_databases!(two_staff_at_once_one_wins_the_other_is_told, |t: TestDb| async move {
    let db = &t.db;
    seeded(db).await;
    let coordinator = staff(db, "dieuphoi").await;
    let id = received(db, "Đèn đường hỏng", MONDAY_MORNING).await;
    let (_, v) = version(db, id).await;
    let (a, b) = tokio::join!(
        workflow::assign(db, &coordinator, id, v, "SXD", "", MONDAY_MORNING + HOUR),
        workflow::reject(db, &coordinator, id, v, "Không rõ nội dung.", MONDAY_MORNING + HOUR),
    );
    let results = [a, b];
    assert_eq!(results.iter().filter(|r| r.is_ok()).count(), 1, "{results:?}");
    let loser = results.iter().find(|r| r.is_err()).unwrap().clone().unwrap_err();
    assert_eq!(loser, AppError::Conflict);
    assert_eq!(
        loser.to_string(),
        "Phản ánh đã được người khác cập nhật. Vui lòng tải lại trang để xem thay đổi."
    );
    let events: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM complaint_events WHERE complaint_id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap();
    assert_eq!(events, 3, "submitted, received, and the winner's move only");
});

on_both_databases!(
    reminders_are_recorded_once_per_stage_and_threshold,
    |t: TestDb| async move {
        let db = &t.db;
        // No demo complaints: only these two are open.
        seed::seed_reference(db, 17).await.unwrap();
        let at = MONDAY_MORNING;
        let waiting = received(db, "Rác thải ùn ứ", at).await;
        let fresh = received(db, "Cây đổ chắn đường", at + 3 * DAY).await;
        let notifier = Notifier::Log;
        // Two days later the triage of the first one (due 5 March) is due soon.
        let now = at + 2 * DAY;
        let (a, b) = tokio::join!(
            reminders::run_once(db, &notifier, now),
            reminders::run_once(db, &notifier, now)
        );
        assert_eq!(a.unwrap() + b.unwrap(), 1);
        assert_eq!(reminders::run_once(db, &notifier, now + HOUR).await.unwrap(), 0);
        // Once overdue: one more, for the new threshold.
        let later = at + 4 * DAY;
        assert_eq!(reminders::run_once(db, &notifier, later).await.unwrap(), 1);
        assert_eq!(reminders::run_once(db, &notifier, later).await.unwrap(), 0);
        let count = |id: i64| async move {
            sqlx::query_scalar::<_, i64>(
                "SELECT COUNT(*) FROM complaint_events WHERE complaint_id = $1 AND kind = 'reminder'",
            )
            .bind(id)
            .fetch_one(db.pool())
            .await
            .unwrap()
        };
        assert_eq!(count(waiting).await, 2);
        assert_eq!(count(fresh).await, 0);
    }
);

on_both_databases!(
    complaints_with_and_without_coordinates_follow_each_other,
    |t: TestDb| async move {
        seed::seed_reference(&t.db, 17).await.unwrap();
        for (n, position) in [None, Some((19.8076, 105.7764)), None, Some((19.81, 105.78))]
            .into_iter()
            .enumerate()
        {
            let mut new = complaint(&format!("Ổ gà giữa đường số {n}"));
            new.latitude = position.map(|p| p.0);
            new.longitude = position.map(|p| p.1);
            let (id, _) = submit(&t.db, &new, MONDAY_MORNING + n as i64).await.unwrap();
            let stored: Option<f64> = sqlx::query_scalar("SELECT latitude FROM complaints WHERE id = $1")
                .bind(id)
                .fetch_one(t.db.pool())
                .await
                .unwrap();
            assert_eq!(stored, position.map(|p| p.0));
        }
    }
);
