//! The workflow in the store: transitions, deadlines, concurrent edits.

use phanhoi::domain::deadline::{end_of_day, local_date};
use phanhoi::domain::{Action, ComplaintStatus};
use phanhoi::error::AppError;
use phanhoi::server::services::complaints::{receive, submit};
use phanhoi::server::store::complaints::{Effect, NewComplaint, Transition};
use phanhoi::server::{seed, store, Db};

use crate::on_both_databases;
use crate::support::{agency_id, TestDb};

/// 2 March 2026, 09:00 in Vietnam.
const MONDAY_MORNING: i64 = 1_772_416_800;

fn road_complaint() -> NewComplaint {
    NewComplaint {
        title: "Đường vào thôn 3 bị sụt lún".into(),
        description: "Đoạn đường bê tông dài khoảng 50 m bị sụt lún sau mưa, xe máy đi rất nguy hiểm.".into(),
        address: "Thôn 3".into(),
        citizen_name: "Nguyễn Văn Nam".into(),
        citizen_phone: "0987654321".into(),
        citizen_email: Some("nam@example.vn".into()),
        is_public: true,
        ..NewComplaint::default()
    }
}

async fn step(
    db: &Db,
    id: i64,
    version: i64,
    action: Action,
    effect: Effect,
    at: i64,
) -> Result<ComplaintStatus, AppError> {
    let mut tx = db.begin_write().await?;
    let t = Transition {
        action,
        effect,
        actor_id: None,
        note: Some("ghi chú"),
        is_public: false,
        at,
    };
    let status = store::complaints::transition(&mut tx, id, version, &t).await?;
    tx.commit().await?;
    Ok(status)
}

async fn event_count(db: &Db, id: i64) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM complaint_events WHERE complaint_id = $1")
        .bind(id)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

on_both_databases!(receipt_sets_the_17_day_deadline, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let (id, code) = submit(&t.db, &road_complaint(), MONDAY_MORNING).await.unwrap();
    assert_eq!(code.as_str().len(), 8);
    let deadline_at = receive(&t.db, id, MONDAY_MORNING + 60).await.unwrap();
    assert_eq!(local_date(deadline_at).to_string(), "2026-03-19");
    assert_eq!(deadline_at, end_of_day(local_date(deadline_at)));
    let mut conn = t.db.pool().acquire().await.unwrap();
    let (status, version) = store::complaints::status_and_version(&mut conn, id).await.unwrap();
    assert_eq!((status, version), (ComplaintStatus::Received, 1));
    let events = store::complaints::events(&mut conn, id, true).await.unwrap();
    let path: Vec<_> = events.iter().map(|e| e.to_status).collect();
    assert_eq!(
        path,
        [Some(ComplaintStatus::Submitted), Some(ComplaintStatus::Received)]
    );
});

on_both_databases!(
    a_stale_version_is_a_conflict_and_writes_nothing,
    |t: TestDb| async move {
        seed::seed_reference(&t.db, 17).await.unwrap();
        let (id, _) = submit(&t.db, &road_complaint(), MONDAY_MORNING).await.unwrap();
        receive(&t.db, id, MONDAY_MORNING + 60).await.unwrap();
        let sxd = agency_id(&t.db, "SXD").await;
        // Two coordinators loaded the complaint at version 1; the first one wins.
        let first = step(
            &t.db,
            id,
            1,
            Action::Assign,
            Effect::Assign { agency_id: sxd },
            MONDAY_MORNING + 120,
        )
        .await;
        assert_eq!(first, Ok(ComplaintStatus::Assigned));
        let before = event_count(&t.db, id).await;
        let second = step(
            &t.db,
            id,
            1,
            Action::Reject,
            Effect::Reject {
                reason: "trùng".into()
            },
            MONDAY_MORNING + 130,
        )
        .await;
        assert_eq!(second, Err(AppError::Conflict));
        assert_eq!(
            second.unwrap_err().to_string(),
            "Phản ánh đã được người khác cập nhật. Vui lòng tải lại trang để xem thay đổi."
        );
        assert_eq!(event_count(&t.db, id).await, before);
        let reason: Option<String> = sqlx::query_scalar("SELECT reject_reason FROM complaints WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert_eq!(reason, None);
    }
);

on_both_databases!(concurrent_edits_one_wins_one_conflicts, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let (id, _) = submit(&t.db, &road_complaint(), MONDAY_MORNING).await.unwrap();
    receive(&t.db, id, MONDAY_MORNING + 60).await.unwrap();
    let (a, b) = tokio::join!(
        step(
            &t.db,
            id,
            1,
            Action::Reject,
            Effect::Reject {
                reason: "Không đủ thông tin".into()
            },
            MONDAY_MORNING + 200
        ),
        step(&t.db, id, 1, Action::MarkDuplicate, Effect::None, MONDAY_MORNING + 200),
    );
    let outcomes = [a.clone(), b.clone()];
    assert_eq!(outcomes.iter().filter(|r| r.is_ok()).count(), 1, "{outcomes:?}");
    assert!(outcomes.contains(&Err(AppError::Conflict)), "{outcomes:?}");
    assert_eq!(event_count(&t.db, id).await, 3);
});

on_both_databases!(an_illegal_action_changes_nothing, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let (id, _) = submit(&t.db, &road_complaint(), MONDAY_MORNING).await.unwrap();
    let result = step(&t.db, id, 0, Action::Approve, Effect::Publish, MONDAY_MORNING + 60).await;
    assert_eq!(result, Err(AppError::Conflict));
    let published: Option<i64> = sqlx::query_scalar("SELECT published_at FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(published, None);
    assert_eq!(event_count(&t.db, id).await, 1);
});

on_both_databases!(publication_fixes_whether_it_was_on_time, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let sxd = agency_id(&t.db, "SXD").await;
    let mut verdicts = Vec::new();
    for publish_after_days in [10, 30] {
        let (id, _) = submit(&t.db, &road_complaint(), MONDAY_MORNING).await.unwrap();
        receive(&t.db, id, MONDAY_MORNING).await.unwrap();
        let day = 86_400;
        let mut v = 1;
        for (action, effect) in [
            (Action::Assign, Effect::Assign { agency_id: sxd }),
            (Action::Accept, Effect::None),
            (
                Action::SubmitAnswer,
                Effect::Answer {
                    text: "Đã sửa xong đoạn đường.".into(),
                },
            ),
        ] {
            step(&t.db, id, v, action, effect, MONDAY_MORNING + v * 3600)
                .await
                .unwrap();
            v += 1;
        }
        let status = step(
            &t.db,
            id,
            v,
            Action::Approve,
            Effect::Publish,
            MONDAY_MORNING + publish_after_days * day,
        )
        .await;
        assert_eq!(status, Ok(ComplaintStatus::Published));
        let on_time: Option<i64> = sqlx::query_scalar("SELECT on_time FROM complaints WHERE id = $1")
            .bind(id)
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        verdicts.push(on_time);
    }
    assert_eq!(verdicts, [Some(1), Some(0)]);
    let mut conn = t.db.pool().acquire().await.unwrap();
    let figures = store::stats::headline_figures(&mut conn).await.unwrap();
    assert_eq!(
        (figures.received, figures.answered, figures.answered_on_time),
        (2, 2, 1)
    );
});
