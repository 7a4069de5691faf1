//! Photos and documents: rows here, bytes in the upload folder.

use sqlx::Row;

use super::Conn;
use crate::domain::attachment::Attachment;

pub struct NewAttachment<'a> {
    pub draft_token: &'a str,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub storage_key: &'a str,
}

pub async fn insert(conn: &mut Conn, new: &NewAttachment<'_>, at: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO attachments (draft_token, file_name, content_type, size_bytes, storage_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(new.draft_token)
    .bind(new.file_name)
    .bind(new.content_type)
    .bind(new.size_bytes)
    .bind(new.storage_key)
    .bind(at)
    .fetch_one(conn)
    .await
}

fn from_row(row: &sqlx::any::AnyRow) -> Result<Attachment, sqlx::Error> {
    Ok(Attachment {
        id: row.try_get("id")?,
        file_name: row.try_get("file_name")?,
        content_type: row.try_get("content_type")?,
        size_bytes: row.try_get("size_bytes")?,
    })
}

/// A draft's uploads, oldest first.
pub async fn for_draft(conn: &mut Conn, token: &str) -> Result<Vec<Attachment>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, file_name, content_type, size_bytes FROM attachments \
         WHERE draft_token = $1 AND complaint_id IS NULL ORDER BY id",
    )
    .bind(token)
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// Removes one of a draft's uploads; returns its storage key.
pub async fn delete_from_draft(conn: &mut Conn, token: &str, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar(
        "DELETE FROM attachments WHERE id = $1 AND draft_token = $2 AND complaint_id IS NULL RETURNING storage_key",
    )
    .bind(id)
    .bind(token)
    .fetch_optional(conn)
    .await
}

/// Moves a draft's uploads to the complaint it became.
pub async fn attach_to_complaint(conn: &mut Conn, token: &str, complaint_id: i64) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query(
        "UPDATE attachments SET complaint_id = $1, draft_token = NULL WHERE draft_token = $2 AND complaint_id IS NULL",
    )
    .bind(complaint_id)
    .bind(token)
    .execute(conn)
    .await?
    .rows_affected())
}
