//! Attempts per key within a window, shared by every app server through
//! the database.

use super::Conn;

/// Attempts recorded for `key` since `since`.
pub async fn count_since(conn: &mut Conn, key: &str, since: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM rate_events WHERE key = $1 AND at >= $2")
        .bind(key)
        .bind(since)
        .fetch_one(conn)
        .await
}

/// Records an attempt for `key` and forgets its attempts older than
/// `forget_before`, so the table stays small.
pub async fn record(conn: &mut Conn, key: &str, at: i64, forget_before: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM rate_events WHERE key = $1 AND at < $2")
        .bind(key)
        .bind(forget_before)
        .execute(&mut *conn)
        .await?;
    sqlx::query("INSERT INTO rate_events (key, at) VALUES ($1, $2)")
        .bind(key)
        .bind(at)
        .execute(conn)
        .await?;
    Ok(())
}
