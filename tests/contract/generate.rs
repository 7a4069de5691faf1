//! The benchmark data generator: a seeded history that is consistent with
//! what the workflow writes, on both databases.

use phanhoi::domain::{ComplaintStatus, TrackingCode};
use phanhoi::server::generate::generate;
use phanhoi::server::services::complaints::submit;
use phanhoi::server::store::complaints::NewComplaint;
use phanhoi::server::{seed, Db};

use crate::on_both_databases;
use crate::support::TestDb;

/// 20 November 2026.
const NOW: i64 = 1_795_000_000;

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql)
        .fetch_one(db.pool())
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
}

/// Queries that must find nothing, each with what it would mean.
const NOTHING: &[(&str, &str)] = &[
    (
        "the latest status event says where the complaint is",
        "SELECT COUNT(*) FROM complaints c WHERE c.status <> (SELECT e.to_status FROM complaint_events e \
         WHERE e.complaint_id = c.id AND e.kind = 'status' ORDER BY e.at DESC, e.id DESC LIMIT 1)",
    ),
    (
        "the version counts the moves (every status event after `submitted`)",
        "SELECT COUNT(*) FROM complaints c WHERE c.version <> (SELECT COUNT(*) FROM complaint_events e \
         WHERE e.complaint_id = c.id AND e.kind = 'status' AND e.from_status IS NOT NULL)",
    ),
    (
        "one `submitted` event, at the submission",
        "SELECT COUNT(*) FROM complaints c WHERE 1 <> (SELECT COUNT(*) FROM complaint_events e \
         WHERE e.complaint_id = c.id AND e.to_status = 'submitted' AND e.at = c.submitted_at)",
    ),
    (
        "answered complaints have a publication and a verdict",
        "SELECT COUNT(*) FROM complaints WHERE status IN ('published', 'rated', 'closed') \
         AND (published_at IS NULL OR on_time IS NULL OR answer IS NULL OR deadline_at IS NULL)",
    ),
    (
        "on time means published by the deadline",
        "SELECT COUNT(*) FROM complaints WHERE published_at IS NOT NULL \
         AND on_time <> CASE WHEN published_at <= deadline_at THEN 1 ELSE 0 END",
    ),
    (
        "open complaints have a stage deadline, the others none",
        "SELECT COUNT(*) FROM complaints WHERE (stage_due_at IS NULL) = \
         (status IN ('received', 'assigned', 'in_progress', 'awaiting_approval', 'reopened'))",
    ),
    (
        "received complaints have a deadline 17 days on (from the last reopening, if any)",
        "SELECT COUNT(*) FROM (SELECT c.received_at, c.deadline_at, COALESCE((SELECT MAX(e.at) \
         FROM complaint_events e WHERE e.complaint_id = c.id AND e.to_status = 'reopened'), c.received_at) AS since \
         FROM complaints c) t WHERE received_at IS NULL OR deadline_at IS NULL \
         OR deadline_at < since + 17 * 86400 OR deadline_at > since + 18 * 86400",
    ),
    (
        "rejected complaints say why, or which one they repeat",
        "SELECT COUNT(*) FROM complaints WHERE status = 'rejected' \
         AND reject_reason IS NULL AND duplicate_of IS NULL",
    ),
    (
        "rated complaints have a rating",
        "SELECT COUNT(*) FROM complaints c WHERE c.status = 'rated' \
         AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.complaint_id = c.id)",
    ),
    (
        "the officer belongs to the handling agency",
        "SELECT COUNT(*) FROM complaints c JOIN staff_users s ON s.id = c.officer_id \
         WHERE s.agency_id <> c.agency_id OR s.role <> 'officer'",
    ),
    (
        "nothing happens after now",
        "SELECT COUNT(*) FROM complaint_events WHERE at > 1795000000",
    ),
    (
        "events belong to complaints",
        "SELECT COUNT(*) FROM complaint_events e LEFT JOIN complaints c ON c.id = e.complaint_id WHERE c.id IS NULL",
    ),
    (
        "actors are staff",
        "SELECT COUNT(*) FROM complaint_events e LEFT JOIN staff_users s ON s.id = e.actor_id \
         WHERE e.actor_id IS NOT NULL AND s.id IS NULL",
    ),
    (
        "agencies, categories and communes exist",
        "SELECT COUNT(*) FROM complaints c LEFT JOIN agencies a ON a.id = c.agency_id \
         LEFT JOIN categories k ON k.id = c.category_id LEFT JOIN communes m ON m.id = c.commune_id \
         LEFT JOIN agencies ch ON ch.id = c.chosen_agency_id LEFT JOIN complaints d ON d.id = c.duplicate_of \
         WHERE (c.agency_id IS NOT NULL AND a.id IS NULL) OR (c.category_id IS NOT NULL AND k.id IS NULL) \
         OR (c.commune_id IS NOT NULL AND m.id IS NULL) OR (c.chosen_agency_id IS NOT NULL AND ch.id IS NULL) \
         OR (c.duplicate_of IS NOT NULL AND d.id IS NULL)",
    ),
    (
        "ratings belong to complaints that were rated",
        "SELECT COUNT(*) FROM ratings r WHERE NOT EXISTS (SELECT 1 FROM complaint_events e \
         WHERE e.complaint_id = r.complaint_id AND e.to_status = 'rated')",
    ),
    (
        "search text is filled",
        "SELECT COUNT(*) FROM complaints WHERE search_text = ''",
    ),
];

on_both_databases!(generated_complaints_have_a_consistent_history, |t: TestDb| async move {
    seed::seed_reference(&t.db, 17).await.unwrap();
    let report = generate(&t.db, 2_000, 42, 2, NOW).await.unwrap();
    assert_eq!(report.complaints, 2_000, "{report:?}");
    assert_eq!(
        report.staff_created,
        17 * 4 + 1,
        "three officers and a leader per agency, a coordinator"
    );
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM complaints").await, 2_000);
    assert_eq!(
        count(&t.db, "SELECT COUNT(*) FROM complaint_events").await,
        report.events as i64
    );
    assert_eq!(
        count(&t.db, "SELECT COUNT(*) FROM ratings").await,
        report.ratings as i64
    );
    assert!(report.events > 2_000 * 5, "{report:?}");

    let codes: Vec<String> = sqlx::query_scalar("SELECT tracking_code FROM complaints")
        .fetch_all(t.db.pool())
        .await
        .unwrap();
    let distinct: std::collections::HashSet<&String> = codes.iter().collect();
    assert_eq!(distinct.len(), codes.len());
    for code in &codes {
        assert_eq!(TrackingCode::parse(code).unwrap().as_str(), code);
    }
    for (what, sql) in NOTHING {
        assert_eq!(count(&t.db, sql).await, 0, "{what}");
    }

    let by_status = |status: ComplaintStatus| {
        let pool = t.db.pool().clone();
        async move {
            sqlx::query_scalar::<_, i64>("SELECT COUNT(*) FROM complaints WHERE status = $1")
                .bind(status.as_str())
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let mut answered = 0;
    for status in ComplaintStatus::ALL {
        let n = by_status(status).await;
        if status.is_answered() {
            answered += n;
        }
        // A reopened complaint waits only days for its agency, so few are
        // reopened at `now`: the history must show reopenings instead.
        // Filing receives at once, so none stays submitted.
        if !matches!(status, ComplaintStatus::Submitted | ComplaintStatus::Reopened) {
            assert!(n > 0, "no complaint in status {status}");
        }
    }
    let reopened = count(
        &t.db,
        "SELECT COUNT(DISTINCT complaint_id) FROM complaint_events WHERE to_status = 'reopened'",
    )
    .await;
    assert!(reopened >= 5, "{reopened} complaints reopened");
    assert_eq!(
        count(
            &t.db,
            "SELECT COUNT(*) FROM complaint_events e JOIN ratings r ON r.complaint_id = e.complaint_id \
             WHERE e.to_status = 'reopened' AND r.created_at < e.at",
        )
        .await,
        0,
        "reopening takes the rating away"
    );
    assert!((1_740..=1_900).contains(&answered), "{answered} answered");

    // The identity sequences follow the explicit ids: the app files the next one.
    let new = NewComplaint {
        title: "Đèn đường hỏng".into(),
        description: "Đèn đường trước nhà văn hóa thôn hỏng đã hai tuần.".into(),
        citizen_name: "Lê Văn An".into(),
        citizen_phone: "0912345678".into(),
        is_public: true,
        ..NewComplaint::default()
    };
    let (id, _) = submit(&t.db, &new, NOW).await.unwrap();
    assert_eq!(id, 2_001);

    // A second run adds to what is there.
    let again = generate(&t.db, 100, 43, 2, NOW).await.unwrap();
    assert_eq!((again.complaints, again.staff_created), (100, 0));
    assert_eq!(count(&t.db, "SELECT COUNT(*) FROM complaints").await, 2_101);
    assert_eq!(
        count(&t.db, "SELECT COUNT(DISTINCT tracking_code) FROM complaints").await,
        2_101
    );
    assert_eq!(
        count(&t.db, "SELECT MIN(id) FROM complaints WHERE id > 2001").await,
        2_002
    );
});
