//! The database's writer: jobs sent together share a transaction on SQLite
//! (each in its own savepoint) and one transaction each on PostgreSQL; a
//! failing job is rolled back alone, and every job learns the outcome.

use phanhoi::server::db::batch::BatchJob;
use std::future::Future;
use std::pin::Pin;
use tokio::sync::oneshot;

use crate::on_both_databases;
use crate::support::TestDb;

struct SettingJob {
    key: String,
    wrote: bool,
    reply: oneshot::Sender<(bool, bool)>,
}

impl BatchJob for SettingJob {
    fn write<'c>(&'c mut self, conn: &'c mut sqlx::AnyConnection) -> Pin<Box<dyn Future<Output = bool> + Send + 'c>> {
        Box::pin(async move {
            // Two rows: the second of a duplicate key fails after the first
            // was written, so a rollback must undo the first.
            let first = sqlx::query("INSERT INTO settings (key, value) VALUES ($1, 'a')")
                .bind(format!("{}-first", self.key))
                .execute(&mut *conn)
                .await;
            let second = sqlx::query("INSERT INTO settings (key, value) VALUES ($1, 'b')")
                .bind(&self.key)
                .execute(&mut *conn)
                .await;
            self.wrote = first.is_ok() && second.is_ok();
            self.wrote
        })
    }

    fn finish(self: Box<Self>, committed: bool) {
        let _ = self.reply.send((self.wrote, committed));
    }
}

on_both_databases!(a_failing_job_is_rolled_back_alone, |t: TestDb| async move {
    sqlx::query("INSERT INTO settings (key, value) VALUES ('job-7', 'taken')")
        .execute(t.db.pool())
        .await
        .unwrap();
    let mut waiting = Vec::new();
    for n in 0..40 {
        let (reply, outcome) = oneshot::channel();
        let db = t.db.clone();
        let job = SettingJob {
            key: format!("job-{n}"),
            wrote: false,
            reply,
        };
        waiting.push(tokio::spawn(async move {
            db.write_job(Box::new(job)).await;
            outcome.await.unwrap()
        }));
    }
    let mut outcomes = Vec::new();
    for w in waiting {
        outcomes.push(w.await.unwrap());
    }
    for (n, (wrote, committed)) in outcomes.iter().enumerate() {
        if n == 7 {
            assert!(!wrote, "job 7 collides with an existing key");
        } else {
            assert!(*wrote && *committed, "job {n}: {wrote} {committed}");
        }
    }
    let rows: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM settings WHERE key LIKE 'job-%'")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    // 39 jobs × 2 rows, plus the row that was there; job 7's first row is gone.
    assert_eq!(rows, 39 * 2 + 1);
    let orphan: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM settings WHERE key = 'job-7-first'")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    assert_eq!(orphan, 0);
});
