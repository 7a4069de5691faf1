//! Seed data: reference data and the demo set.

use phanhoi::domain::ComplaintStatus;
use phanhoi::server::{seed, store};

use crate::on_both_databases;
use crate::support::TestDb;

const SHARED_AGENCY_CODES: [&str; 18] = [
    "VP_UBND", "SXD", "SNNMT", "SYT", "SGDDT", "SCT", "SNV", "STC", "SKHCN", "SVHTTDL", "STP", "CA", "DL", "CN",
    "BHXH", "THUE", "KKT", "UBND_XA",
];

on_both_databases!(
    reference_data_loads_once_with_the_shared_agency_codes,
    |t: TestDb| async move {
        assert!(seed::seed_reference(&t.db, 17).await.unwrap());
        assert!(
            !seed::seed_reference(&t.db, 17).await.unwrap(),
            "second run loads nothing"
        );
        let mut conn = t.db.pool().acquire().await.unwrap();
        let agencies = store::catalog::list_agencies(&mut conn).await.unwrap();
        let codes: Vec<&str> = agencies.iter().map(|a| a.code.as_str()).collect();
        assert_eq!(codes, SHARED_AGENCY_CODES);
        let categories = store::catalog::list_categories(&mut conn).await.unwrap();
        assert!(categories.len() >= 15);
        assert!(categories.iter().all(|c| c.default_agency_id.is_some()));
        let communes = store::catalog::list_communes(&mut conn).await.unwrap();
        assert_eq!(communes.len(), 166);
        assert!(communes.iter().any(|c| c.name == "Phường Hàm Rồng"));
        let policy = store::settings::deadline_policy(&mut conn).await.unwrap();
        assert_eq!(policy.total_days, 17);
        let holidays = store::settings::holidays(&mut conn).await.unwrap();
        assert!(
            holidays.iter().any(|d| d.to_string() == "2026-02-17"),
            "Tết 2026 is seeded"
        );
    }
);

on_both_databases!(
    demo_data_covers_every_status_with_a_consistent_history,
    |t: TestDb| async move {
        seed::seed_reference(&t.db, 17).await.unwrap();
        let now = 1_795_000_000; // 20 Nov 2026
        let report = seed::seed_demo(&t.db, now).await.unwrap();
        assert!(report.demo_complaints >= 50, "{report:?}");
        assert_eq!(report.demo_staff, seed::demo_logins().len());
        let again = seed::seed_demo(&t.db, now).await.unwrap();
        assert_eq!(again.demo_complaints, 0, "demo data is loaded once");

        let pool = t.db.pool();
        for status in ComplaintStatus::ALL {
            let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM complaints WHERE status = $1")
                .bind(status.as_str())
                .fetch_one(pool)
                .await
                .unwrap();
            assert!(n > 0, "no demo complaint in status {status}");
        }
        // Every complaint's last status event says where it is now.
        let mismatched: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM complaints c WHERE c.status <> (SELECT e.to_status FROM complaint_events e \
         WHERE e.complaint_id = c.id AND e.kind = 'status' ORDER BY e.at DESC, e.id DESC LIMIT 1)",
        )
        .fetch_one(pool)
        .await
        .unwrap();
        assert_eq!(mismatched, 0);
        // No event is in the future, and every answered complaint has an on-time verdict.
        let future: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM complaint_events WHERE at > $1")
            .bind(now)
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(future, 0);
        let undecided: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM complaints WHERE published_at IS NOT NULL AND on_time IS NULL")
                .fetch_one(pool)
                .await
                .unwrap();
        assert_eq!(undecided, 0);
        let mut conn = pool.acquire().await.unwrap();
        let figures = store::stats::headline_figures(&mut conn).await.unwrap();
        let submitted_only: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM complaints WHERE status = 'submitted'")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(figures.received, report.demo_complaints as i64 - submitted_only);
        assert!(figures.answered > 0 && figures.answered_on_time <= figures.answered);
        assert!(seed::demo_accounts_present(&mut conn).await.unwrap());
    }
);
