//! Looking a complaint up by its tracking code, showing public facts only.
//! A private complaint's content needs a second factor: the last four
//! digits of the phone number it was sent with.

use crate::domain::deadline::{days_left, local_date};
use crate::domain::privacy::redact;
use crate::domain::submission::phone_suffix;
use crate::domain::{TimelineEntry, TrackedComplaint, TrackingCode};
use crate::error::AppError;
use crate::server::config::Limits;
use crate::server::services::rate_limit;
use crate::server::{store, Db};

/// The field of the second factor in the tracker's form.
pub const FACTOR_FIELD: &str = "so";

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
    let unlocked = found.is_public
        || match factor {
            None => false,
            Some(given) => {
                if rate_limit::second_factor_blocked(db, limits, code.as_str(), now).await? {
                    return Err(AppError::validation(
                        FACTOR_FIELD,
                        "Bạn đã nhập sai nhiều lần. Vui lòng thử lại sau một giờ.",
                    ));
                }
                if given == phone_suffix(&found.citizen_phone) {
                    true
                } else {
                    rate_limit::record_wrong_factor(db, code.as_str(), now).await?;
                    return Err(AppError::validation(
                        FACTOR_FIELD,
                        "Bốn số cuối không khớp với số điện thoại đã dùng khi gửi phản ánh.",
                    ));
                }
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
    })
}
