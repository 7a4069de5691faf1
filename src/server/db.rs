//! The database connection: SQLite (the embedded default) or PostgreSQL,
//! chosen by the URL, behind one `sqlx::Any` pool so that one set of queries
//! serves both. Migrations for each backend are embedded in the binary and
//! applied at start-up, each in its own transaction.

use sqlx::any::{AnyPoolOptions, AnyQueryResult};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor, Transaction};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use super::config::redact_url;
use super::store::reference::{Reference, ReferenceCache};

pub mod batch;

use batch::{BatchJob, Batcher};

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The application's database.
#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// The URL with its password redacted, for messages.
    shown_url: String,
    /// SQLite has one writer at a time: on SQLite, write transactions use
    /// this pool of one connection of their own, so writers of this process
    /// queue for it (first come, first served) instead of in SQLite's busy
    /// handler, which sleeps up to 100 ms between attempts, and never wait
    /// behind readers for a connection. `None` on PostgreSQL.
    writer: Option<AnyPool>,
    /// Group commit over `writer` (SQLite only).
    batcher: Option<Batcher>,
    /// This process's copy of the reference data.
    reference: Arc<ReferenceCache>,
}

/// A transaction that writes: on SQLite it holds this process's writer
/// connection until it is committed or dropped (rolled back).
pub struct WriteTx {
    tx: Transaction<'static, sqlx::Any>,
}

impl WriteTx {
    pub async fn commit(self) -> Result<(), sqlx::Error> {
        self.tx.commit().await
    }
}

impl std::ops::Deref for WriteTx {
    type Target = Transaction<'static, sqlx::Any>;
    fn deref(&self) -> &Self::Target {
        &self.tx
    }
}

impl std::ops::DerefMut for WriteTx {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.tx
    }
}

/// Why the database could not be opened; one line that says what to fix.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error(
        "DATABASE_URL không hợp lệ ({0}): dùng sqlite://data/phanhoi.db hoặc postgres://user:pass@host:5432/tên_csdl"
    )]
    BadUrl(String),
    #[error("không mở được cơ sở dữ liệu {url}: {reason}. Kiểm tra DATABASE_URL và máy chủ cơ sở dữ liệu.")]
    Unreachable { url: String, reason: String },
    #[error("không cập nhật được cấu trúc cơ sở dữ liệu {url}: {reason}. Cơ sở dữ liệu được giữ nguyên như trước.")]
    Migration { url: String, reason: String },
}

impl Backend {
    /// The backend a URL names, if any.
    pub fn from_url(url: &str) -> Option<Self> {
        if url.starts_with("sqlite:") {
            Some(Self::Sqlite)
        } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            Some(Self::Postgres)
        } else {
            None
        }
    }
}

impl Db {
    /// Opens the database at `url` and applies pending migrations.
    pub async fn open(url: &str) -> Result<Self, DbError> {
        let db = Self::connect(url).await?;
        db.migrate().await?;
        Ok(db)
    }

    /// Opens the database at `url` without migrating it.
    pub async fn connect(url: &str) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let shown = redact_url(url);
        let backend = Backend::from_url(url).ok_or_else(|| DbError::BadUrl(shown.clone()))?;
        let url = match backend {
            Backend::Sqlite => sqlite_url(url).map_err(|_| DbError::BadUrl(shown.clone()))?,
            Backend::Postgres => {
                url::Url::parse(url).map_err(|_| DbError::BadUrl(shown.clone()))?;
                url.to_string()
            }
        };
        let unreachable = |err: sqlx::Error| DbError::Unreachable {
            url: shown.clone(),
            reason: short_reason(&err),
        };
        let pool = pool_options(
            backend,
            match backend {
                Backend::Sqlite => 8,
                Backend::Postgres => 16,
            },
        )
        .connect(&url)
        .await
        .map_err(unreachable)?;
        // An in-memory database is one per connection: it writes through
        // the main pool.
        let writer = if backend == Backend::Sqlite && !url.contains(":memory:") {
            Some(pool_options(backend, 1).connect(&url).await.map_err(unreachable)?)
        } else {
            None
        };
        let batcher = writer.clone().map(Batcher::start);
        Ok(Self {
            pool,
            backend,
            shown_url: shown,
            writer,
            batcher,
            reference: Arc::default(),
        })
    }

    /// Applies the embedded migrations that have not run yet.
    pub async fn migrate(&self) -> Result<(), DbError> {
        self.migrate_with(self.migrator()).await
    }

    /// Applies `migrator` (tests use it to try a broken migration).
    pub async fn migrate_with(&self, migrator: &Migrator) -> Result<(), DbError> {
        migrator.run(&self.pool).await.map_err(|err| DbError::Migration {
            url: self.shown_url.clone(),
            reason: err.to_string(),
        })
    }

    fn migrator(&self) -> &'static Migrator {
        match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        }
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The reference data (agencies, categories, communes, deadline policy,
    /// holidays) as of now, from memory unless it changed; see
    /// [`ReferenceCache`].
    pub async fn reference(&self, conn: &mut sqlx::AnyConnection) -> Result<Arc<Reference>, sqlx::Error> {
        self.reference.get(conn).await
    }

    /// The same, when the caller has read the version already.
    pub async fn reference_at(
        &self,
        conn: &mut sqlx::AnyConnection,
        version: i64,
    ) -> Result<Arc<Reference>, sqlx::Error> {
        self.reference.at(conn, version).await
    }

    /// Starts a transaction that will write. On SQLite it waits for this
    /// process's writer turn, then takes the write lock at once (`BEGIN
    /// IMMEDIATE`), so a reader never has to upgrade and fail; other
    /// processes on the same file still queue on the busy timeout.
    pub async fn begin_write(&self) -> Result<WriteTx, sqlx::Error> {
        match self.backend {
            Backend::Sqlite => {
                let pool = self.writer.as_ref().unwrap_or(&self.pool);
                Ok(WriteTx {
                    tx: pool.begin_with("BEGIN IMMEDIATE").await?,
                })
            }
            Backend::Postgres => Ok(WriteTx {
                tx: self.pool.begin().await?,
            }),
        }
    }

    /// Writes `job`: on SQLite in a transaction shared with the other jobs
    /// waiting (see [`batch`]), on PostgreSQL in its own. The job is always
    /// told, once, whether its writes committed.
    pub async fn write_job(&self, mut job: Box<dyn BatchJob>) {
        if let Some(batcher) = &self.batcher {
            if let Err(job) = batcher.send(job) {
                job.finish(false);
            }
            return;
        }
        let committed = match self.begin_write().await {
            Ok(mut tx) => {
                if job.write(&mut tx).await {
                    tx.commit().await.is_ok()
                } else {
                    false
                }
            }
            Err(_) => false,
        };
        job.finish(committed);
    }

    /// A cheap round trip, for the health endpoint.
    pub async fn ping(&self) -> Result<(), sqlx::Error> {
        let _: AnyQueryResult = sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub async fn close(&self) {
        if let Some(writer) = &self.writer {
            writer.close().await;
        }
        self.pool.close().await;
    }
}

/// Pool settings: `size` connections, each set up for the backend.
fn pool_options(backend: Backend, size: u32) -> AnyPoolOptions {
    AnyPoolOptions::new()
        .max_connections(size)
        .acquire_timeout(Duration::from_secs(10))
        // A SQLite connection is a file, not a socket that can drop: pinging
        // it on every acquire only costs a trip to its worker thread.
        .test_before_acquire(backend == Backend::Postgres)
        .after_connect(move |conn, _meta| {
            Box::pin(async move {
                if backend == Backend::Sqlite {
                    // foreign_keys=ON and a 5 s busy timeout are sqlx's defaults.
                    conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
                        .await?;
                }
                Ok(())
            })
        })
}

/// Normalises a SQLite URL: creates the file's folder and the file itself
/// when missing (`mode=rwc`), so a fresh checkout just works.
fn sqlite_url(url: &str) -> Result<String, ()> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
        .ok_or(())?;
    let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
    if path.is_empty() {
        return Err(());
    }
    if path != ":memory:" {
        if let Some(parent) = Path::new(path).parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|_| ())?;
        }
    }
    let query = if query.contains("mode=") {
        query.to_string()
    } else if query.is_empty() {
        "mode=rwc".to_string()
    } else {
        format!("{query}&mode=rwc")
    };
    Ok(format!("sqlite://{path}?{query}"))
}

/// The useful part of a connection error, on one line.
fn short_reason(err: &sqlx::Error) -> String {
    let text = match err {
        sqlx::Error::Io(io) => io.to_string(),
        sqlx::Error::PoolTimedOut => "hết thời gian chờ kết nối".to_string(),
        other => other.to_string(),
    };
    text.lines().next().unwrap_or_default().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backend_from_url() {
        assert_eq!(Backend::from_url("sqlite://data/x.db"), Some(Backend::Sqlite));
        assert_eq!(Backend::from_url("postgresql://h/db"), Some(Backend::Postgres));
        assert_eq!(Backend::from_url("mysql://h/db"), None);
    }

    #[test]
    fn sqlite_urls_get_create_mode() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("nested/db.sqlite");
        let url = sqlite_url(&format!("sqlite://{}", file.display())).unwrap();
        assert!(url.ends_with("?mode=rwc"), "{url}");
        assert!(file.parent().unwrap().is_dir());
        assert_eq!(sqlite_url("sqlite://x.db?mode=ro").unwrap(), "sqlite://x.db?mode=ro");
        assert!(sqlite_url("sqlite://").is_err());
    }
}
