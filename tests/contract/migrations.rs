//! Migrations, integrity rules and start-up errors.

use phanhoi::server::db::DbError;
use phanhoi::server::Db;

use crate::on_both_databases;
use crate::support::TestDb;

async fn table_count(db: &Db, table: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}"))
        .fetch_one(db.pool())
        .await
}

on_both_databases!(
    schema_is_applied_and_migrating_again_is_a_no_op,
    |t: TestDb| async move {
        for table in [
            "agencies",
            "categories",
            "communes",
            "staff_users",
            "complaints",
            "complaint_events",
            "ratings",
            "holidays",
        ] {
            assert_eq!(table_count(&t.db, table).await.unwrap(), 0, "{table}");
        }
        t.db.migrate().await.expect("second migration run is a no-op");
        let applied: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM _sqlx_migrations")
            .fetch_one(t.db.pool())
            .await
            .unwrap();
        assert!(applied >= 1);
    }
);

on_both_databases!(
    a_failed_migration_leaves_the_database_as_it_was,
    |t: TestDb| async move {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("29990101000000_broken.sql"),
            "CREATE TABLE half_done (id BIGINT);\nINSERT INTO no_such_table VALUES (1);\n",
        )
        .unwrap();
        let migrator = sqlx::migrate::Migrator::new(dir.path()).await.unwrap();
        let err = t.db.migrate_with(&migrator).await.unwrap_err();
        assert!(matches!(err, DbError::Migration { .. }));
        assert!(err.to_string().contains("giữ nguyên"), "{err}");
        assert!(
            table_count(&t.db, "half_done").await.is_err(),
            "the failed migration's table must not exist"
        );
        // The database still works and the good migrations are intact.
        assert_eq!(table_count(&t.db, "agencies").await.unwrap(), 0);
    }
);

on_both_databases!(complaint_events_are_immutable, |t: TestDb| async move {
    use phanhoi::server::services::complaints::submit;
    use phanhoi::server::store::complaints::NewComplaint;
    let new = NewComplaint {
        title: "Đèn đường hỏng".into(),
        description: "Đèn đường trước nhà văn hóa thôn 2 hỏng đã hai tuần.".into(),
        citizen_name: "Lê Thị Hoa".into(),
        citizen_phone: "0912000111".into(),
        is_public: true,
        ..NewComplaint::default()
    };
    let (id, _) = submit(&t.db, &new, 1_780_000_000).await.unwrap();
    let update = sqlx::query("UPDATE complaint_events SET note = 'sửa' WHERE complaint_id = $1")
        .bind(id)
        .execute(t.db.pool())
        .await;
    assert!(update.is_err(), "events must not be updated");
    let delete = sqlx::query("DELETE FROM complaint_events WHERE complaint_id = $1")
        .bind(id)
        .execute(t.db.pool())
        .await;
    assert!(delete.is_err(), "events must not be deleted");
    assert_eq!(table_count(&t.db, "complaint_events").await.unwrap(), 1);
});

#[tokio::test]
async fn a_malformed_database_url_says_what_to_do() {
    let err = Db::open("mysql://localhost/phanhoi").await.unwrap_err();
    let message = err.to_string();
    assert!(
        message.contains("DATABASE_URL") && message.contains("sqlite://"),
        "{message}"
    );
    assert_eq!(message.lines().count(), 1);
}

#[tokio::test]
async fn an_unreachable_database_is_reported_on_one_line_without_the_password() {
    // Port 9 (discard) on loopback: nothing listens there.
    let err = Db::open("postgres://app:s3cret@127.0.0.1:9/phanhoi").await.unwrap_err();
    let message = err.to_string();
    assert!(matches!(err, DbError::Unreachable { .. }), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
    assert!(message.contains("***"), "{message}");
    assert_eq!(message.lines().count(), 1);
}

#[tokio::test]
async fn an_unwritable_sqlite_path_is_reported() {
    let err = Db::open("sqlite:///proc/phanhoi/test.db").await.unwrap_err();
    assert!(!err.to_string().is_empty());
}
