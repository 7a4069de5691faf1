//! Looking a complaint up by its tracking code, showing public facts only.

use sqlx::Row;

use crate::domain::deadline::{days_left, local_date};
use crate::domain::{ComplaintStatus, TimelineEntry, TrackedComplaint, TrackingCode};
use crate::error::AppError;
use crate::server::{store, Db};

pub async fn track(db: &Db, code: &TrackingCode, now: i64) -> Result<TrackedComplaint, AppError> {
    let mut conn = db.pool().acquire().await?;
    let row = sqlx::query(
        "SELECT c.id, c.status, c.title, c.is_public, c.submitted_at, c.deadline_at, c.answer, c.reject_reason, \
                a.name AS agency_name \
         FROM complaints c LEFT JOIN agencies a ON a.id = c.agency_id WHERE c.tracking_code = $1",
    )
    .bind(code.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or(AppError::NotFound)?;
    let get = |name: &str| -> Result<Option<String>, AppError> { row.try_get(name).map_err(AppError::from) };
    let status: String = row.try_get("status").map_err(AppError::from)?;
    let status = ComplaintStatus::parse(&status).ok_or(AppError::Internal)?;
    let is_public = row.try_get::<i64, _>("is_public").map_err(AppError::from)? == 1;
    let id: i64 = row.try_get("id").map_err(AppError::from)?;
    let deadline_at: Option<i64> = row.try_get("deadline_at").map_err(AppError::from)?;
    let timeline = store::complaints::events(&mut conn, id, true)
        .await?
        .into_iter()
        .map(|e| TimelineEntry {
            at: e.at,
            status: e.to_status,
            note: e.note,
        })
        .collect();
    Ok(TrackedComplaint {
        code: code.to_string(),
        status,
        // A private complaint's content needs a second factor (citizen side).
        title: if is_public { get("title")? } else { None },
        agency_name: get("agency_name")?,
        submitted_at: row.try_get("submitted_at").map_err(AppError::from)?,
        deadline_at,
        days_left: deadline_at
            .filter(|_| status.is_open())
            .map(|at| days_left(local_date(now), local_date(at))),
        timeline,
        answer: if is_public && status.is_answered() {
            get("answer")?
        } else {
            None
        },
        reject_reason: get("reject_reason")?,
    })
}
