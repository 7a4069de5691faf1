//! Filing complaints: submitting, receiving, routing, assigning.

use rand::RngCore;

use crate::domain::deadline::{end_of_day, local_date};
use crate::domain::{Action, AgencySuggestion, TrackingCode};
use crate::error::AppError;
use crate::server::services::routing::{route_received_in, Router};
use crate::server::store::{
    self,
    complaints::{Effect, NewComplaint, Transition},
};
use crate::server::Db;

/// A fresh tracking code from the operating system's random source.
pub fn new_tracking_code() -> TrackingCode {
    TrackingCode::from_random(rand::rngs::OsRng.next_u64())
}

/// Stores a complaint (status `submitted`) and returns its id and code.
/// A colliding code (one in 10¹¹) is retried with another.
pub async fn submit(db: &Db, new: &NewComplaint, at: i64) -> Result<(i64, TrackingCode), AppError> {
    for _ in 0..5 {
        let code = new_tracking_code();
        let mut tx = db.begin_write().await?;
        match store::complaints::insert_complaint(&mut tx, new, &code, at).await {
            Ok(id) => {
                tx.commit().await?;
                return Ok((id, code));
            }
            Err(sqlx::Error::Database(err)) if err.is_unique_violation() && err.message().contains("tracking_code") => {
                continue
            }
            // The same submission, sent twice at once: the other one won.
            Err(sqlx::Error::Database(err))
                if err.is_unique_violation() && err.message().contains("idempotency_key") =>
            {
                return Err(AppError::Conflict)
            }
            Err(err) => return Err(err.into()),
        }
    }
    Err(AppError::Internal)
}

/// A complaint as filed: its code, its deadline, and where routing sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct Filed {
    pub id: i64,
    pub code: TrackingCode,
    pub deadline_at: i64,
    /// The agency it was assigned to automatically, if routing was confident.
    pub routed_to: Option<AgencySuggestion>,
}

/// What happens when a citizen submits, in one transaction: the complaint
/// is stored, received (its deadline starts), and, when the citizen chose
/// no agency, routed by content (assigned when the suggestion reaches
/// `auto_assign`, otherwise left in the coordinator's queue).
pub async fn file(
    db: &Db,
    router: &Router,
    new: &NewComplaint,
    auto_assign: Option<f64>,
    at: i64,
) -> Result<Filed, AppError> {
    let mut tx = db.begin_write().await?;
    let filed = file_in(&mut tx, router, new, auto_assign, at).await?;
    tx.commit().await?;
    Ok(filed)
}

/// [`file`] inside the caller's transaction (the wizard adds its own
/// bookkeeping to the same transaction).
pub async fn file_in(
    tx: &mut store::Conn,
    router: &Router,
    new: &NewComplaint,
    auto_assign: Option<f64>,
    at: i64,
) -> Result<Filed, AppError> {
    // A code already in use (one chance in 10¹¹) is drawn again.
    let mut code = new_tracking_code();
    for _ in 0..5 {
        if store::complaints::find_by_code(&mut *tx, &code).await?.is_none() {
            break;
        }
        code = new_tracking_code();
    }
    let id = match store::complaints::insert_complaint(&mut *tx, new, &code, at).await {
        Ok(id) => id,
        // The same submission, sent twice at once: the other one won.
        Err(sqlx::Error::Database(err)) if err.is_unique_violation() && err.message().contains("idempotency_key") => {
            return Err(AppError::Conflict)
        }
        Err(err) => return Err(err.into()),
    };
    let deadline_at = receive_in(&mut *tx, id, at).await?;
    let routed_to = route_received_in(&mut *tx, router, id, auto_assign, at).await?;
    Ok(Filed {
        id,
        code,
        deadline_at,
        routed_to,
    })
}

/// Records receipt: the deadline is computed from the policy and holidays.
pub async fn receive(db: &Db, id: i64, at: i64) -> Result<i64, AppError> {
    let mut tx = db.begin_write().await?;
    let deadline_at = receive_in(&mut tx, id, at).await?;
    tx.commit().await?;
    Ok(deadline_at)
}

/// [`receive`] inside the caller's transaction.
pub async fn receive_in(tx: &mut store::Conn, id: i64, at: i64) -> Result<i64, AppError> {
    let policy = store::settings::deadline_policy(&mut *tx).await?;
    let holidays = store::settings::holidays(&mut *tx).await?;
    let due = policy.due_date(local_date(at), &holidays);
    let deadline_at = end_of_day(due);
    let (_, version) = store::complaints::status_and_version(&mut *tx, id).await?;
    store::complaints::transition(
        &mut *tx,
        id,
        version,
        &Transition {
            action: Action::Receive,
            effect: Effect::Receive { deadline_at },
            actor_id: None,
            note: None,
            is_public: true,
            at,
        },
    )
    .await?;
    Ok(deadline_at)
}

/// Assigns complaint `id` to agency `agency_id` (first assignment, or the
/// coordinator redirecting it before the agency accepts). `expected_version`
/// is the version the person saw; a concurrent change is a conflict.
pub async fn assign(
    db: &Db,
    id: i64,
    expected_version: i64,
    agency_id: i64,
    actor_id: Option<i64>,
    note: Option<&str>,
    at: i64,
) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    store::complaints::transition(
        &mut tx,
        id,
        expected_version,
        &Transition {
            action: Action::Assign,
            effect: Effect::Assign { agency_id },
            actor_id,
            note,
            is_public: true,
            at,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes complaint `id` from receipt (or an assignment) to a published
/// `answer` by agency `agency_id`: assigned, accepted, answered, approved,
/// one transaction and one event per step, as the staff would. For demos
/// and end-to-end tests (`phanhoi complaint publish`); staff use their
/// screens.
pub async fn publish_answer(db: &Db, id: i64, agency_id: i64, answer: &str, at: i64) -> Result<(), AppError> {
    use crate::domain::ComplaintStatus as S;
    loop {
        let mut tx = db.begin_write().await?;
        let (status, version) = store::complaints::status_and_version(&mut tx, id).await?;
        let (action, effect) = match status {
            S::Received | S::Reopened => (Action::Assign, Effect::Assign { agency_id }),
            S::Assigned => (Action::Accept, Effect::None),
            S::InProgress => (
                Action::SubmitAnswer,
                Effect::Answer {
                    text: answer.to_owned(),
                },
            ),
            S::AwaitingApproval => (Action::Approve, Effect::Publish),
            S::Published | S::Rated | S::Closed => return Ok(()),
            S::Submitted | S::Rejected => return Err(AppError::Conflict),
        };
        let public = matches!(action, Action::Assign | Action::Approve);
        store::complaints::transition(
            &mut tx,
            id,
            version,
            &Transition {
                action,
                effect,
                actor_id: None,
                note: None,
                is_public: public,
                at,
            },
        )
        .await?;
        tx.commit().await?;
    }
}
