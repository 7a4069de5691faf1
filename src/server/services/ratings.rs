//! The citizen's feedback from the tracker: rating a published answer (and
//! changing the rating for seven days), and asking for a complaint to be
//! reopened. The citizen has no account: the tracking code identifies the
//! complaint, the last four digits of the phone unlock a private one, and
//! writes are rate-limited per address. Each write is one transaction that
//! serialises on the complaint's row (its version moves), records a public
//! event and keeps the statistics exact.

use crate::domain::rating::{check_comment, check_rate, check_reason, check_reopen, FeedbackProblem, RateMove};
use crate::domain::rating::{ReopenState, Satisfaction};
use crate::domain::{Action, EventKind, TrackingCode};
use crate::error::AppError;
use crate::server::config::Limits;
use crate::server::services::rate_limit::{self, Client};
use crate::server::services::tracker::{unlock, Unlock};
use crate::server::store::{
    self,
    complaints::{Effect, NewEvent, Transition},
    Conn,
};
use crate::server::Db;

/// Who sends feedback: the tracking code, the second factor as typed on
/// the tracker (private complaints), and the client (for the rate limit).
pub struct Sender<'a> {
    pub code: &'a TrackingCode,
    pub factor: Option<&'a str>,
    pub client: &'a Client,
}

/// The complaint `sender` names, once its second factor is right.
async fn unlocked_id(db: &Db, limits: &Limits, sender: &Sender<'_>, now: i64) -> Result<i64, AppError> {
    let found = {
        let mut conn = db.pool().acquire().await?;
        store::complaints::find_by_code(&mut conn, sender.code).await?
    }
    .ok_or(AppError::NotFound)?;
    match unlock(db, limits, sender.code, &found, sender.factor, now).await? {
        Unlock::Open => Ok(found.id),
        Unlock::Missing => Err(FeedbackProblem::FactorMissing.into()),
        Unlock::Wrong => Err(FeedbackProblem::FactorWrong.into()),
        Unlock::Blocked => Err(FeedbackProblem::FactorBlocked.into()),
    }
}

/// Rates (or re-rates) the answer from the tracker; says which it was.
pub async fn rate_from_tracker(
    db: &Db,
    limits: &Limits,
    sender: &Sender<'_>,
    score: Option<&str>,
    comment: Option<&str>,
    now: i64,
) -> Result<RateMove, AppError> {
    let score = Satisfaction::parse_input(score);
    let comment = check_comment(comment);
    let (score, comment) = (score?, comment?);
    let id = unlocked_id(db, limits, sender, now).await?;
    let mut tx = db.begin_write().await?;
    let (status, version) = store::complaints::status_and_version(&mut tx, id).await?;
    let rating = store::ratings::find(&mut tx, id).await?;
    let step = check_rate(status, rating.as_ref(), now)?;
    rate_limit::feedback(&mut tx, limits, sender.client, now).await?;
    write_rating(&mut tx, id, version, step, score, comment.as_deref(), now).await?;
    tx.commit().await?;
    Ok(step)
}

/// Complaint `id`'s first rating, without the tracker's checks (the demo
/// data and the tests use it).
pub async fn rate(db: &Db, id: i64, score: i64, comment: Option<&str>, at: i64) -> Result<(), AppError> {
    let score = Satisfaction::new(score).ok_or(FeedbackProblem::ScoreMissing)?;
    let mut tx = db.begin_write().await?;
    let (_, version) = store::complaints::status_and_version(&mut tx, id).await?;
    write_rating(&mut tx, id, version, RateMove::First, score, comment, at).await?;
    tx.commit().await?;
    Ok(())
}

/// The rating's writes: the move to `rated` (first) or a new version
/// (change) — either takes the complaint's row, so two at once cannot both
/// pass — then the rating, its public event and the statistics.
async fn write_rating(
    tx: &mut Conn,
    id: i64,
    version: i64,
    step: RateMove,
    score: Satisfaction,
    comment: Option<&str>,
    at: i64,
) -> Result<(), AppError> {
    let note = match step {
        RateMove::First => {
            let t = Transition {
                action: Action::Rate,
                effect: Effect::None,
                actor_id: None,
                note: None,
                is_public: true,
                at,
            };
            store::complaints::transition(tx, id, version, &t).await?;
            store::ratings::put_first(tx, id, score, comment, at).await?;
            score.describe()
        }
        RateMove::Change => {
            if !store::work::bump_version(tx, id, version).await? {
                return Err(AppError::Conflict);
            }
            store::ratings::change(tx, id, score, comment, at).await?;
            format!("Đổi đánh giá: {}", score.describe())
        }
    };
    citizen_event(tx, id, &note, at).await?;
    store::stats::refresh_complaint(tx, id).await?;
    Ok(())
}

async fn citizen_event(tx: &mut Conn, id: i64, note: &str, at: i64) -> Result<(), AppError> {
    store::complaints::insert_event(
        tx,
        &NewEvent {
            complaint_id: id,
            at,
            actor_id: None,
            kind: EventKind::Rating,
            from_status: None,
            to_status: None,
            note: Some(note),
            is_public: true,
        },
    )
    .await?;
    Ok(())
}

/// Asks, from the tracker, for a complaint rated "không hài lòng" or worse
/// to be reopened, within seven days of the rating and once at a time.
pub async fn request_reopen(
    db: &Db,
    limits: &Limits,
    sender: &Sender<'_>,
    reason: Option<&str>,
    now: i64,
) -> Result<(), AppError> {
    let reason = check_reason(reason)?;
    let id = unlocked_id(db, limits, sender, now).await?;
    let mut tx = db.begin_write().await?;
    let (status, version) = store::complaints::status_and_version(&mut tx, id).await?;
    let rating = store::ratings::find(&mut tx, id).await?;
    let pending = store::ratings::latest_reopen(&mut tx, id)
        .await?
        .is_some_and(|r| r.state == ReopenState::Pending);
    check_reopen(status, rating.as_ref(), pending, now)?;
    let rating = rating.ok_or(FeedbackProblem::NotDissatisfied)?;
    rate_limit::feedback(&mut tx, limits, sender.client, now).await?;
    if !store::work::bump_version(&mut tx, id, version).await? {
        return Err(AppError::Conflict);
    }
    let new = store::ratings::NewReopen {
        complaint_id: id,
        reason: &reason,
        score: rating.score,
        rating_comment: rating.comment.as_deref(),
        at: now,
    };
    store::ratings::insert_reopen(&mut tx, &new)
        .await?
        .ok_or(FeedbackProblem::RequestPending)?;
    // The reason may say who the citizen is: it stays with the request.
    citizen_event(&mut tx, id, "Người dân đề nghị mở lại phản ánh.", now).await?;
    tx.commit().await?;
    Ok(())
}
