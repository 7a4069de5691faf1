//! Looking a complaint up by its tracking code, showing public facts only.
//! A private complaint's content needs a second factor: the last four
//! digits of the phone number it was sent with.

use crate::domain::deadline::{days_left, local_date};
use crate::domain::privacy::redact;
use crate::domain::rating::Feedback;
use crate::domain::submission::phone_suffix;
use crate::domain::{TimelineEntry, TrackedComplaint, TrackingCode};
use crate::error::AppError;
use crate::server::config::Limits;
use crate::server::services::rate_limit;
use crate::server::{store, Db};

/// The field of the second factor in the tracker's form.
pub const FACTOR_FIELD: &str = "so";

/// What the second factor says about a complaint's content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unlock {
    /// Public, or the right four digits.
    Open,
    /// Private and no digits given.
    Missing,
    /// Wrong digits (counted against the code).
    Wrong,
    /// Too many wrong digits for this code within the hour.
    Blocked,
}

/// Checks `factor` for complaint `found`: a public complaint is open to
/// anyone; a wrong factor is counted against the code, and too many block
/// it for an hour.
pub async fn unlock(
    db: &Db,
    limits: &Limits,
    code: &TrackingCode,
    found: &store::complaints::CodeLookup,
    factor: Option<&str>,
    now: i64,
) -> Result<Unlock, AppError> {
    if found.is_public {
        return Ok(Unlock::Open);
    }
    let Some(given) = factor.map(str::trim).filter(|f| !f.is_empty()) else {
        return Ok(Unlock::Missing);
    };
    if rate_limit::second_factor_blocked(db, limits, code.as_str(), now).await? {
        return Ok(Unlock::Blocked);
    }
    if given == phone_suffix(&found.citizen_phone) {
        Ok(Unlock::Open)
    } else {
        rate_limit::record_wrong_factor(db, code.as_str(), now).await?;
        Ok(Unlock::Wrong)
    }
}

pub async fn track(
    db: &Db,
    limits: &Limits,
    code: &TrackingCode,
    factor: Option<&str>,
    now: i64,
) -> Result<TrackedComplaint, AppError> {
    let mut conn = db.pool().acquire().await?;
    let found = store::complaints::find_by_code(&mut conn, code)
        .await?
        .ok_or(AppError::NotFound)?;
    let factor = factor.map(str::trim).filter(|f| !f.is_empty());
    let unlocked = match unlock(db, limits, code, &found, factor, now).await? {
        Unlock::Open => true,
        Unlock::Missing => false,
        Unlock::Blocked => {
            return Err(AppError::validation(
                FACTOR_FIELD,
                "Bạn đã nhập sai nhiều lần. Vui lòng thử lại sau một giờ.",
            ))
        }
        Unlock::Wrong => {
            return Err(AppError::validation(
                FACTOR_FIELD,
                "Bốn số cuối không khớp với số điện thoại đã dùng khi gửi phản ánh.",
            ))
        }
    };
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
    let feedback = if unlocked {
        // What the citizen typed is hidden like the rest (the code may be
        // shared); the tracker never names staff.
        let hide = |text: Option<String>| text.map(|t| redact(&t, &found.citizen_name));
        let rating = store::ratings::find(&mut conn, found.id)
            .await?
            .map(|r| crate::domain::rating::Rating {
                comment: hide(r.comment.clone()),
                ..r
            });
        let reopen =
            store::ratings::latest_reopen(&mut conn, found.id)
                .await?
                .map(|r| crate::domain::rating::ReopenRequest {
                    reason: redact(&r.reason, &found.citizen_name),
                    rating_comment: hide(r.rating_comment.clone()),
                    decided_by: None,
                    ..r
                });
        Feedback::new(status, rating, reopen, now)
    } else {
        None
    };
    let answer_files = if unlocked && status.is_answered() {
        store::attachments::for_complaint(&mut conn, found.id, true).await?
    } else {
        Vec::new()
    };
    Ok(TrackedComplaint {
        code: code.to_string(),
        status,
        // The code may be shared: what identifies the citizen stays hidden.
        title: unlocked.then(|| redact(&found.title, &found.citizen_name)),
        agency_name: found.agency_name,
        submitted_at: found.submitted_at,
        deadline_at: found.deadline_at,
        days_left: found
            .deadline_at
            .filter(|_| status.is_open())
            .map(|at| days_left(local_date(now), local_date(at))),
        timeline,
        answer: found
            .answer
            .filter(|_| unlocked && status.is_answered())
            .map(|answer| redact(&answer, &found.citizen_name)),
        answer_files,
        file_query: match factor {
            Some(factor) if !found.is_public && unlocked => format!("ma={}&so={}", code.as_str(), factor),
            _ => String::new(),
        },
        reject_reason: found.reject_reason,
        needs_factor: !unlocked,
        feedback,
    })
}
