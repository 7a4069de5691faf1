//! Fresh databases for tests: a new SQLite file in a temporary folder, or a
//! new database on the PostgreSQL server named by `TEST_DATABASE_URL`, dropped
//! again when the test ends.

use phanhoi::server::Db;
use std::sync::atomic::{AtomicU32, Ordering};

/// A database that lives as long as this value.
pub struct TestDb {
    pub db: Db,
    pub url: String,
    _dir: Option<tempfile::TempDir>,
    drop_pg: Option<(String, String)>,
}

impl TestDb {
    pub async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let db = Db::open(&url).await.expect("open SQLite");
        Self {
            db,
            url,
            _dir: Some(dir),
            drop_pg: None,
        }
    }

    /// `None` when `TEST_DATABASE_URL` is not set.
    pub async fn postgres() -> Option<Self> {
        let admin_url = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty())?;
        static COUNTER: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "phanhoi_test_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            rand_suffix()
        );
        let admin = Db::connect(&admin_url)
            .await
            .unwrap_or_else(|e| panic!("TEST_DATABASE_URL is set but PostgreSQL is not reachable: {e}"));
        sqlx::query(&format!("CREATE DATABASE {name}"))
            .execute(admin.pool())
            .await
            .expect("create test database");
        admin.close().await;
        let url = replace_db_name(&admin_url, &name);
        let db = Db::open(&url).await.expect("open PostgreSQL test database");
        Some(Self {
            db,
            url,
            _dir: None,
            drop_pg: Some((admin_url, name)),
        })
    }
}

fn rand_suffix() -> u64 {
    use std::time::{SystemTime, UNIX_EPOCH};
    SystemTime::now().duration_since(UNIX_EPOCH).unwrap().subsec_nanos() as u64
}

fn replace_db_name(url: &str, name: &str) -> String {
    let mut parsed = url::Url::parse(url).expect("TEST_DATABASE_URL is a URL");
    parsed.set_path(&format!("/{name}"));
    parsed.to_string()
}

impl Drop for TestDb {
    fn drop(&mut self) {
        let Some((admin_url, name)) = self.drop_pg.take() else {
            return;
        };
        let pool = self.db.pool().clone();
        // Drop runs inside the test's runtime: clean up on a thread of our own.
        std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap();
            rt.block_on(async move {
                pool.close().await;
                if let Ok(admin) = Db::connect(&admin_url).await {
                    let _ = sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                        .execute(admin.pool())
                        .await;
                    admin.close().await;
                }
            });
        })
        .join()
        .ok();
    }
}

/// The id of the seeded agency with `code`.
pub async fn agency_id(db: &Db, code: &str) -> i64 {
    let mut conn = db.pool().acquire().await.unwrap();
    phanhoi::server::store::catalog::agency_id_by_code(&mut conn, code)
        .await
        .unwrap()
        .expect("seeded agency")
}

/// Defines `<name>_sqlite` and `<name>_postgres` tests running `body(TestDb)`.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let db = $crate::support::TestDb::sqlite().await;
                ($body)(db).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                let Some(db) = $crate::support::TestDb::postgres().await else {
                    eprintln!("TEST_DATABASE_URL not set: PostgreSQL variant skipped");
                    return;
                };
                ($body)(db).await;
            }
        }
    };
}
