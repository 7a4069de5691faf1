//! Wizard drafts kept on the server under the token in the citizen's cookie.

use sqlx::Row;

use super::Conn;

/// A draft as stored: its JSON and, once filed, the complaint it became.
pub struct StoredDraft {
    pub data: String,
    pub complaint_id: Option<i64>,
}

pub async fn load(conn: &mut Conn, token: &str) -> Result<Option<StoredDraft>, sqlx::Error> {
    let row = sqlx::query("SELECT data, complaint_id FROM drafts WHERE token = $1")
        .bind(token)
        .fetch_optional(conn)
        .await?;
    row.map(|row| {
        Ok(StoredDraft {
            data: row.try_get("data")?,
            complaint_id: row.try_get("complaint_id")?,
        })
    })
    .transpose()
}

/// What filing draft `token` starts from, read in one query: the draft (if
/// any), the complaint already filed under its token as idempotency key
/// (if any), and the version of the reference data.
pub struct FilingStart {
    pub draft: Option<StoredDraft>,
    pub filed_id: Option<i64>,
    pub reference_version: i64,
}

pub async fn load_for_filing(conn: &mut Conn, token: &str) -> Result<FilingStart, sqlx::Error> {
    let row = sqlx::query(
        "SELECT v.version, d.token, d.data, d.complaint_id, \
         (SELECT c.id FROM complaints c WHERE c.idempotency_key = $1) AS filed_id \
         FROM reference_version v LEFT JOIN drafts d ON d.token = $1 WHERE v.id = 1",
    )
    .bind(token)
    .fetch_one(conn)
    .await?;
    let draft = match row.try_get::<Option<String>, _>("token")? {
        Some(_) => Some(StoredDraft {
            data: row.try_get("data")?,
            complaint_id: row.try_get("complaint_id")?,
        }),
        None => None,
    };
    Ok(FilingStart {
        draft,
        filed_id: row.try_get("filed_id")?,
        reference_version: row.try_get("version")?,
    })
}

/// Creates or replaces the draft's data (a filed draft is left alone).
pub async fn save(conn: &mut Conn, token: &str, data: &str, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO drafts (token, data, created_at, updated_at) VALUES ($1, $2, $3, $3) \
         ON CONFLICT (token) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at \
         WHERE drafts.complaint_id IS NULL",
    )
    .bind(token)
    .bind(data)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// Records that the draft became complaint `complaint_id`.
pub async fn mark_filed(conn: &mut Conn, token: &str, complaint_id: i64, at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE drafts SET complaint_id = $1, updated_at = $2 WHERE token = $3")
        .bind(complaint_id)
        .bind(at)
        .bind(token)
        .execute(conn)
        .await?;
    Ok(())
}

/// Forgets drafts untouched since `before` and the uploads of those never
/// filed; returns the uploads' storage keys, for the caller to delete.
pub async fn delete_stale(conn: &mut Conn, before: i64) -> Result<Vec<String>, sqlx::Error> {
    let keys: Vec<String> = sqlx::query_scalar(
        "DELETE FROM attachments WHERE complaint_id IS NULL AND draft_token IN \
         (SELECT token FROM drafts WHERE updated_at < $1) RETURNING storage_key",
    )
    .bind(before)
    .fetch_all(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM drafts WHERE updated_at < $1")
        .bind(before)
        .execute(conn)
        .await?;
    Ok(keys)
}
