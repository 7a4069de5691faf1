//! Filing complaints: submitting, receiving, routing, assigning.

use rand::RngCore;

use crate::domain::complaint::next_status;
use crate::domain::deadline::{stage_due_at, Stage};
use crate::domain::{Action, AgencySuggestion, ComplaintStatus, TrackingCode};
use crate::error::AppError;
use crate::server::services::routing::{AutoRoute, Router, SuggestRequest};
use crate::server::store::{
    self,
    complaints::{Effect, FiledState, NewComplaint, Transition},
    reference::Reference,
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
    pub routed_to: Option<AgencySuggestion>,
}

/// How a new complaint will be filed, decided before taking the writer's
/// turn: its deadline, its first stage's due date and, when the routing
/// model is sure, its agency. Every move is checked against the workflow.
#[derive(Debug, Clone, PartialEq)]
pub struct Filing {
    pub status: ComplaintStatus,
    pub version: i64,
    pub deadline_at: i64,
    pub stage_due_at: i64,
    pub route: Option<AutoRoute>,
}

/// Decides how `new` is filed at `at`, from the reference data (deadline
/// policy, holidays). `category` and `commune` are the codes the routing
/// model reads. Run it before [`write_filing`], outside the writer's turn.
pub fn decide_filing(
    reference: &Reference,
    router: &Router,
    new: &NewComplaint,
    category: Option<String>,
    commune: Option<String>,
    auto_assign: Option<f64>,
    at: i64,
) -> Result<Filing, AppError> {
    let (policy, holidays) = (&reference.policy, &reference.holidays);
    let deadline_at = policy.deadline_at(at, holidays);
    let mut status = next_status(ComplaintStatus::Submitted, Action::Receive)?;
    let mut version = 1;
    let route = match auto_assign {
        Some(threshold) if new.chosen_agency_id.is_none() => {
            let request = SuggestRequest {
                title: new.title.clone(),
                description: new.description.clone(),
                category,
                commune,
            };
            router.auto_route(&request, threshold)
        }
        _ => None,
    };
    if route.is_some() {
        status = next_status(status, Action::Assign)?;
        version += 1;
    }
    let stage = Stage::of(status).ok_or(AppError::Internal)?;
    let stage_due_at = stage_due_at(stage, at, Some(deadline_at), policy, holidays);
    Ok(Filing {
        status,
        version,
        deadline_at,
        stage_due_at,
        route,
    })
}

/// Writes complaint `new` as `filing` decided, inside the caller's write
/// transaction: one row and its history (submitted, received, perhaps
/// assigned). `Conflict` when its idempotency key was filed already.
pub async fn write_filing(
    tx: &mut store::Conn,
    new: &NewComplaint,
    filing: &Filing,
    at: i64,
) -> Result<Filed, AppError> {
    let mut events = vec![
        (None, ComplaintStatus::Submitted, None),
        (Some(ComplaintStatus::Submitted), ComplaintStatus::Received, None),
    ];
    if let Some(route) = &filing.route {
        events.push((
            Some(ComplaintStatus::Received),
            filing.status,
            Some(route.note.as_str()),
        ));
    }
    let state = FiledState {
        status: filing.status,
        version: filing.version,
        deadline_at: filing.deadline_at,
        stage_due_at: filing.stage_due_at,
        agency_id: filing.route.as_ref().map(|r| r.agency_id),
        events: &events,
    };
    // A taken code (one chance in 10¹¹) is skipped, not an error: the
    // insert does nothing and another code is tried.
    for _ in 0..CODE_ATTEMPTS {
        let code = new_tracking_code();
        match store::complaints::insert_filed(&mut *tx, new, &code, &state, at).await {
            Ok(Some(id)) => {
                return Ok(Filed {
                    id,
                    code,
                    deadline_at: filing.deadline_at,
                    routed_to: filing.route.as_ref().map(|r| r.best.clone()),
                })
            }
            Ok(None) => continue,
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

/// Tracking codes tried before filing gives up.
const CODE_ATTEMPTS: usize = 6;

/// Files `new` at once: decided, then written in its own transaction.
pub async fn file(
    db: &Db,
    router: &Router,
    new: &NewComplaint,
    auto_assign: Option<f64>,
    at: i64,
) -> Result<Filed, AppError> {
    let mut conn = db.pool().acquire().await?;
    let codes = store::routing::codes_of(&mut conn, new.category_id, new.commune_id).await?;
    let reference = db.reference(&mut conn).await?;
    drop(conn);
    let filing = decide_filing(&reference, router, new, codes.0, codes.1, auto_assign, at)?;
    let mut tx = db.begin_write().await?;
    let filed = write_filing(&mut tx, new, &filing, at).await?;
    tx.commit().await?;
    Ok(filed)
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
    let deadline_at = policy.deadline_at(at, &holidays);
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
