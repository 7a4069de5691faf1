//! Uploaded files: kept in the upload folder under a random name once their
//! type is told from their bytes and photos lose their metadata; the files
//! an agency attaches to its answer; and who may read which file.
//!
//! The citizen's own uploads are read only by the staff who may see the
//! complaint. The answer's files are public once the answer is published,
//! except for a complaint its citizen asked not to publish: then the
//! tracking code and the last four digits of the phone are needed, as on
//! the tracker.

use crate::domain::attachment::{Attachment, MAX_BYTES};
use crate::domain::staff::{in_scope, Duty};
use crate::domain::submission::phone_suffix;
use crate::domain::{ComplaintStatus, EventKind, StaffUser, TrackingCode};
use crate::error::AppError;
use crate::server::config::Limits;
use crate::server::media::{self, Kind};
use crate::server::services::{rate_limit, workflow::check_duty};
use crate::server::store::{self, complaints::NewEvent};
use crate::server::Db;

/// How many files an answer may carry.
pub const MAX_ANSWER_FILES: usize = 5;
/// The upload field of the answer's files.
pub const ANSWER_FILES_FIELD: &str = "tep";

/// A file as uploaded.
pub struct Upload {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// A checked file, written to the upload folder.
pub struct Kept {
    pub name: String,
    pub kind: Kind,
    pub size_bytes: i64,
    pub storage_key: String,
}

/// Checks `upload` (size, type by content) and writes it, cleaned, under a
/// random name. `Ok(Err(message))` is a refusal to show next to the field.
pub async fn keep(upload_dir: &std::path::Path, upload: &Upload) -> Result<Result<Kept, String>, AppError> {
    let name = clean_file_name(&upload.name);
    if upload.bytes.len() > MAX_BYTES {
        return Ok(Err(format!(
            "Tệp “{name}” lớn hơn {} MB. Vui lòng chọn tệp nhỏ hơn.",
            MAX_BYTES / 1024 / 1024
        )));
    }
    let (kind, bytes) = match media::clean(&name, &upload.bytes) {
        Ok(cleaned) => cleaned,
        Err(err) => return Ok(Err(err.to_string())),
    };
    let storage_key = format!("{}.{}", super::wizard::random_token(), kind.extension());
    tokio::fs::create_dir_all(upload_dir).await.map_err(|err| {
        tracing::error!(error = %err, dir = %upload_dir.display(), "cannot create the upload folder");
        AppError::Internal
    })?;
    tokio::fs::write(upload_dir.join(&storage_key), &bytes)
        .await
        .map_err(|err| {
            tracing::error!(error = %err, "cannot store an upload");
            AppError::Internal
        })?;
    Ok(Ok(Kept {
        name,
        kind,
        size_bytes: bytes.len() as i64,
        storage_key,
    }))
}

/// Removes a stored file; a file already gone is not an error.
pub async fn discard(upload_dir: &std::path::Path, storage_key: &str) {
    let _ = tokio::fs::remove_file(upload_dir.join(storage_key)).await;
}

/// A file name fit to show: no folders, no control characters, not too long.
pub fn clean_file_name(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or_default();
    let cleaned: String = base.chars().filter(|c| !c.is_control()).take(100).collect();
    if cleaned.trim().is_empty() {
        "tệp đính kèm".into()
    } else {
        cleaned
    }
}

/// Attaches `files` to the answer being drafted on complaint `id`, in one
/// transaction with an internal event each. Returns the refusals, one
/// message per file refused; the others are kept.
pub async fn attach_to_answer(
    db: &Db,
    upload_dir: &std::path::Path,
    actor: &StaffUser,
    id: i64,
    files: Vec<Upload>,
    at: i64,
) -> Result<Vec<String>, AppError> {
    let mut tx = begin_drafting(db, actor, id).await?;
    let mut count = store::attachments::for_complaint(&mut tx, id, true).await?.len();
    let mut refusals = Vec::new();
    let mut written = Vec::new();
    let files: Vec<Upload> = files.into_iter().filter(|f| !f.bytes.is_empty()).collect();
    if files.is_empty() {
        return Err(AppError::validation(
            ANSWER_FILES_FIELD,
            "Vui lòng chọn tệp cần đính kèm.",
        ));
    }
    for upload in &files {
        if count >= MAX_ANSWER_FILES {
            refusals.push(format!(
                "Trả lời chỉ đính kèm tối đa {MAX_ANSWER_FILES} tệp; “{}” chưa được thêm.",
                clean_file_name(&upload.name)
            ));
            continue;
        }
        let kept = match keep(upload_dir, upload).await? {
            Ok(kept) => kept,
            Err(message) => {
                refusals.push(message);
                continue;
            }
        };
        written.push(kept.storage_key.clone());
        let stored = store_answer_file(&mut tx, actor, id, &kept, at).await;
        if let Err(err) = stored {
            for key in &written {
                discard(upload_dir, key).await;
            }
            return Err(err);
        }
        count += 1;
    }
    if let Err(err) = tx.commit().await {
        for key in &written {
            discard(upload_dir, key).await;
        }
        return Err(err.into());
    }
    Ok(refusals)
}

async fn store_answer_file(
    tx: &mut store::Conn,
    actor: &StaffUser,
    id: i64,
    kept: &Kept,
    at: i64,
) -> Result<(), AppError> {
    let new = store::attachments::NewAttachment {
        draft_token: None,
        complaint_id: Some(id),
        for_answer: true,
        uploaded_by: Some(actor.id),
        file_name: &kept.name,
        content_type: kept.kind.content_type(),
        size_bytes: kept.size_bytes,
        storage_key: &kept.storage_key,
    };
    store::attachments::insert(tx, &new, at).await?;
    let note = format!("Đính kèm vào dự thảo trả lời: {}", kept.name);
    record(tx, actor, id, &note, at).await
}

/// Removes file `file_id` from the answer being drafted on complaint `id`.
pub async fn remove_from_answer(
    db: &Db,
    upload_dir: &std::path::Path,
    actor: &StaffUser,
    id: i64,
    file_id: i64,
    at: i64,
) -> Result<(), AppError> {
    let mut tx = begin_drafting(db, actor, id).await?;
    let (key, name) = store::attachments::delete_from_answer(&mut tx, id, file_id)
        .await?
        .ok_or(AppError::NotFound)?;
    record(&mut tx, actor, id, &format!("Bỏ tệp khỏi dự thảo trả lời: {name}"), at).await?;
    tx.commit().await?;
    discard(upload_dir, &key).await;
    Ok(())
}

/// The write transaction on a complaint whose answer `actor` may draft now.
async fn begin_drafting(db: &Db, actor: &StaffUser, id: i64) -> Result<crate::server::db::WriteTx, AppError> {
    check_duty(actor, Duty::Handle)?;
    let mut tx = db.begin_write().await?;
    let owner = store::attachments::owner(&mut tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    if !in_scope(actor, owner.agency_id) {
        return Err(AppError::Forbidden);
    }
    if owner.status != ComplaintStatus::InProgress {
        return Err(AppError::Conflict);
    }
    Ok(tx)
}

async fn record(tx: &mut store::Conn, actor: &StaffUser, id: i64, note: &str, at: i64) -> Result<(), AppError> {
    store::complaints::insert_event(
        tx,
        &NewEvent {
            complaint_id: id,
            at,
            actor_id: Some(actor.id),
            kind: EventKind::Note,
            from_status: None,
            to_status: None,
            note: Some(note),
            is_public: false,
        },
    )
    .await?;
    Ok(())
}

/// Who asks for a file: a signed-in staff member, and what the tracker
/// was given (for a private complaint's answer).
#[derive(Default)]
pub struct Reader<'a> {
    pub staff: Option<&'a StaffUser>,
    pub code: Option<&'a str>,
    pub factor: Option<&'a str>,
}

/// File `file_id` and its bytes, if `reader` may read it; NotFound
/// otherwise (a file's existence is not revealed).
pub async fn read(
    db: &Db,
    limits: &Limits,
    upload_dir: &std::path::Path,
    reader: Reader<'_>,
    file_id: i64,
    now: i64,
) -> Result<(Attachment, Vec<u8>), AppError> {
    let mut conn = db.pool().acquire().await?;
    let file = store::attachments::find(&mut conn, file_id)
        .await?
        .ok_or(AppError::NotFound)?;
    let complaint_id = file.complaint_id.ok_or(AppError::NotFound)?;
    let owner = store::attachments::owner(&mut conn, complaint_id)
        .await?
        .ok_or(AppError::NotFound)?;
    drop(conn);
    let staff_may = reader
        .staff
        .is_some_and(|me| crate::server::services::work::check_can_see(me).is_ok() && in_scope(me, owner.agency_id));
    let allowed = staff_may
        || (file.for_answer
            && owner.status.is_answered()
            && (owner.is_public || unlocks(db, limits, &owner, reader.code, reader.factor, now).await?));
    if !allowed {
        return Err(AppError::NotFound);
    }
    let bytes = tokio::fs::read(upload_dir.join(&file.storage_key))
        .await
        .map_err(|err| {
            tracing::error!(error = %err, file = file_id, "a stored file is missing");
            AppError::NotFound
        })?;
    Ok((file.attachment, bytes))
}

/// Whether the tracker's code and second factor open a private complaint;
/// wrong factors count towards the tracker's limit.
async fn unlocks(
    db: &Db,
    limits: &Limits,
    owner: &store::attachments::Owner,
    code: Option<&str>,
    factor: Option<&str>,
    now: i64,
) -> Result<bool, AppError> {
    let (Some(code), Some(factor)) = (code.and_then(|c| TrackingCode::parse(c).ok()), factor) else {
        return Ok(false);
    };
    if code.as_str() != owner.tracking_code {
        return Ok(false);
    }
    if rate_limit::second_factor_blocked(db, limits, code.as_str(), now).await? {
        return Ok(false);
    }
    if factor.trim() == phone_suffix(&owner.citizen_phone) {
        Ok(true)
    } else {
        rate_limit::record_wrong_factor(db, code.as_str(), now).await?;
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_lose_folders_and_control_characters() {
        assert_eq!(clean_file_name("C:\\Users\\an\\ảnh đường.jpg"), "ảnh đường.jpg");
        assert_eq!(clean_file_name("../../etc/passwd"), "passwd");
        assert_eq!(clean_file_name("a\u{0}b.png"), "ab.png");
        assert_eq!(clean_file_name(""), "tệp đính kèm");
    }
}
