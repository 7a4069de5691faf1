//! Group commit for SQLite: many short write jobs share one transaction.
//!
//! SQLite has a single writer, so concurrent writers queue and each pays for
//! its own `BEGIN IMMEDIATE` and `COMMIT`. Jobs sent here are written by one
//! task instead: it takes every job waiting (up to [`MAX_BATCH`]), writes
//! them all in one transaction, commits once, then tells each job whether
//! its writes are durable. Only then does a job answer its caller, so
//! nothing is acknowledged before it is committed.
//!
//! A failing job is rolled back alone. Jobs rarely fail, so a batch is first
//! written without savepoints (each would cost two more statements per
//! job); if a job fails, that transaction is rolled back and the batch is
//! written again with each job in a savepoint of its own.

use std::future::Future;
use std::pin::Pin;

use sqlx::{AnyConnection, AnyPool};
use tokio::sync::mpsc;

/// The most jobs written in one transaction.
pub const MAX_BATCH: usize = 64;

/// A write that can share a transaction with others.
pub trait BatchJob: Send {
    /// Writes inside the shared transaction; `false` rolls back what this
    /// job wrote (and only that). May be called again after a rollback, so
    /// it must depend only on the job and the database.
    fn write<'c>(&'c mut self, conn: &'c mut AnyConnection) -> Pin<Box<dyn Future<Output = bool> + Send + 'c>>;
    /// Whether the transaction holding this job's writes committed.
    fn finish(self: Box<Self>, committed: bool);
}

/// The sending end; the writing task stops when every sender is dropped.
#[derive(Clone, Debug)]
pub struct Batcher {
    jobs: mpsc::UnboundedSender<Box<dyn BatchJob>>,
}

impl std::fmt::Debug for dyn BatchJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("BatchJob")
    }
}

impl Batcher {
    /// Starts the writing task over `writer`, the pool of the one writing
    /// connection.
    pub fn start(writer: AnyPool) -> Self {
        let (jobs, mut queue) = mpsc::unbounded_channel::<Box<dyn BatchJob>>();
        tokio::spawn(async move {
            let mut batch = Vec::with_capacity(MAX_BATCH);
            while queue.recv_many(&mut batch, MAX_BATCH).await > 0 {
                write_batch(&writer, &mut batch).await;
            }
        });
        Self { jobs }
    }

    /// Queues `job`; `Err` gives it back when the writing task has stopped.
    pub fn send(&self, job: Box<dyn BatchJob>) -> Result<(), Box<dyn BatchJob>> {
        self.jobs.send(job).map_err(|err| err.0)
    }
}

async fn write_batch(writer: &AnyPool, batch: &mut Vec<Box<dyn BatchJob>>) {
    let committed = match run(writer, batch).await {
        Ok(()) => true,
        Err(err) => {
            tracing::error!(error = %err, jobs = batch.len(), "a batch of writes failed");
            false
        }
    };
    for job in batch.drain(..) {
        job.finish(committed);
    }
}

async fn run(writer: &AnyPool, batch: &mut [Box<dyn BatchJob>]) -> Result<(), sqlx::Error> {
    if all_or_nothing(writer, batch).await? {
        return Ok(());
    }
    one_savepoint_each(writer, batch).await
}

/// Writes every job in one transaction without savepoints; `false` (and
/// nothing written) when a job failed.
async fn all_or_nothing(writer: &AnyPool, batch: &mut [Box<dyn BatchJob>]) -> Result<bool, sqlx::Error> {
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await?;
    for job in batch.iter_mut() {
        if !job.write(&mut tx).await {
            tx.rollback().await?;
            return Ok(false);
        }
    }
    tx.commit().await?;
    Ok(true)
}

/// Writes each job in a savepoint of its own, so a failing one is rolled
/// back alone.
async fn one_savepoint_each(writer: &AnyPool, batch: &mut [Box<dyn BatchJob>]) -> Result<(), sqlx::Error> {
    use sqlx::Executor;
    let mut tx = writer.begin_with("BEGIN IMMEDIATE").await?;
    for job in batch.iter_mut() {
        tx.execute("SAVEPOINT job").await?;
        if job.write(&mut tx).await {
            tx.execute("RELEASE job").await?;
        } else {
            tx.execute("ROLLBACK TO job").await?;
            tx.execute("RELEASE job").await?;
        }
    }
    tx.commit().await
}
