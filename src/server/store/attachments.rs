//! Photos and documents: rows here, bytes in the upload folder.

use sqlx::Row;

use super::Conn;
use crate::domain::attachment::Attachment;

pub struct NewAttachment<'a> {
    /// The wizard's draft, for a citizen's upload.
    pub draft_token: Option<&'a str>,
    /// The complaint, for a file attached to its answer.
    pub complaint_id: Option<i64>,
    pub for_answer: bool,
    pub uploaded_by: Option<i64>,
    pub file_name: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub storage_key: &'a str,
}

pub async fn insert(conn: &mut Conn, new: &NewAttachment<'_>, at: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO attachments (draft_token, complaint_id, for_answer, uploaded_by, file_name, content_type, \
                                  size_bytes, storage_key, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(new.draft_token)
    .bind(new.complaint_id)
    .bind(i64::from(new.for_answer))
    .bind(new.uploaded_by)
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

/// A complaint's files: the citizen's (`for_answer` false) or those of the
/// agency's answer, oldest first.
pub async fn for_complaint(
    conn: &mut Conn,
    complaint_id: i64,
    for_answer: bool,
) -> Result<Vec<Attachment>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, file_name, content_type, size_bytes FROM attachments \
         WHERE complaint_id = $1 AND for_answer = $2 ORDER BY id",
    )
    .bind(complaint_id)
    .bind(i64::from(for_answer))
    .fetch_all(conn)
    .await?;
    rows.iter().map(from_row).collect()
}

/// A stored file with what decides who may read it.
pub struct StoredFile {
    pub attachment: Attachment,
    pub complaint_id: Option<i64>,
    pub for_answer: bool,
    pub storage_key: String,
}

pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<StoredFile>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT id, file_name, content_type, size_bytes, complaint_id, for_answer, storage_key \
         FROM attachments WHERE id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        Ok(StoredFile {
            attachment: from_row(&row)?,
            complaint_id: row.try_get("complaint_id")?,
            for_answer: row.try_get::<i64, _>("for_answer")? == 1,
            storage_key: row.try_get("storage_key")?,
        })
    })
    .transpose()
}

/// Removes a file from complaint `complaint_id`'s answer; returns its
/// storage key and name.
pub async fn delete_from_answer(
    conn: &mut Conn,
    complaint_id: i64,
    id: i64,
) -> Result<Option<(String, String)>, sqlx::Error> {
    let row = sqlx::query(
        "DELETE FROM attachments WHERE id = $1 AND complaint_id = $2 AND for_answer = 1 \
         RETURNING storage_key, file_name",
    )
    .bind(id)
    .bind(complaint_id)
    .fetch_optional(conn)
    .await?;
    row.map(|row| Ok((row.try_get("storage_key")?, row.try_get("file_name")?)))
        .transpose()
}

/// What decides who may read a complaint's files.
pub struct Owner {
    pub status: crate::domain::ComplaintStatus,
    pub is_public: bool,
    pub agency_id: Option<i64>,
    pub tracking_code: String,
    pub citizen_phone: String,
}

pub async fn owner(conn: &mut Conn, complaint_id: i64) -> Result<Option<Owner>, sqlx::Error> {
    let row =
        sqlx::query("SELECT status, is_public, agency_id, tracking_code, citizen_phone FROM complaints WHERE id = $1")
            .bind(complaint_id)
            .fetch_optional(conn)
            .await?;
    row.map(|row| {
        Ok(Owner {
            status: super::complaints::parse_status(&row, "status")?,
            is_public: row.try_get::<i64, _>("is_public")? == 1,
            agency_id: row.try_get("agency_id")?,
            tracking_code: row.try_get("tracking_code")?,
            citizen_phone: row.try_get("citizen_phone")?,
        })
    })
    .transpose()
}
