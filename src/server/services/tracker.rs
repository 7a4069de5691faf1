//! Looking a complaint up by its tracking code, showing public facts only.

use crate::domain::deadline::{days_left, local_date};
use crate::domain::{TimelineEntry, TrackedComplaint, TrackingCode};
use crate::error::AppError;
use crate::server::{store, Db};

pub async fn track(db: &Db, code: &TrackingCode, now: i64) -> Result<TrackedComplaint, AppError> {
    let mut conn = db.pool().acquire().await?;
    let found = store::complaints::find_by_code(&mut conn, code)
        .await?
        .ok_or(AppError::NotFound)?;
    let timeline = store::complaints::events(&mut conn, found.id, true)
        .await?
        .into_iter()
        .map(|e| TimelineEntry {
            at: e.at,
            status: e.to_status,
            note: e.note,
        })
        .collect();
    let status = found.status;
    Ok(TrackedComplaint {
        code: code.to_string(),
        status,
        // A private complaint's content needs a second factor (citizen side).
        title: found.is_public.then_some(found.title),
        agency_name: found.agency_name,
        submitted_at: found.submitted_at,
        deadline_at: found.deadline_at,
        days_left: found
            .deadline_at
            .filter(|_| status.is_open())
            .map(|at| days_left(local_date(now), local_date(at))),
        timeline,
        answer: found.answer.filter(|_| found.is_public && status.is_answered()),
        reject_reason: found.reject_reason,
    })
}
