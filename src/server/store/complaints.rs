//! Complaints and their event history. A status change is one call to
//! [`transition`] inside the caller's transaction: it checks the move against
//! the workflow, guards against concurrent edits with the row's version, and
//! writes the immutable event.

use sqlx::Row;

use super::{catalog::bad_value, Conn};
use crate::domain::complaint::next_status;
use crate::domain::deadline::{stage_due_at, Stage};
use crate::domain::stats::contribution::RowFacts;
use crate::domain::{Action, ComplaintEvent, ComplaintStatus, EventKind, TrackingCode};
use crate::error::AppError;

/// What a citizen submits (validated before it gets here).
#[derive(Debug, Clone, Default)]
pub struct NewComplaint {
    pub title: String,
    pub description: String,
    pub category_id: Option<i64>,
    pub commune_id: Option<i64>,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub citizen_name: String,
    pub citizen_phone: String,
    pub citizen_email: Option<String>,
    pub is_public: bool,
    /// The agency the citizen chose, if any.
    pub chosen_agency_id: Option<i64>,
    pub idempotency_key: Option<String>,
}

/// Stores a new complaint in status `submitted` with its first event.
/// Returns its id.
pub async fn insert_complaint(
    conn: &mut Conn,
    new: &NewComplaint,
    code: &TrackingCode,
    at: i64,
) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO complaints (tracking_code, title, description, category_id, commune_id, address, latitude, \
         longitude, citizen_name, citizen_phone, citizen_email, is_public, chosen_agency_id, status, submitted_at, \
         idempotency_key, search_text) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) RETURNING id",
    )
    // sqlx 0.8's Any driver sends a missing f64 typed as a 4-byte float: a
    // statement PostgreSQL prepared for a complaint without coordinates
    // would refuse the next one with them. Not cached, it is typed anew.
    .persistent(false)
    .bind(code.as_str())
    .bind(&new.title)
    .bind(&new.description)
    .bind(new.category_id)
    .bind(new.commune_id)
    .bind(&new.address)
    .bind(new.latitude)
    .bind(new.longitude)
    .bind(&new.citizen_name)
    .bind(&new.citizen_phone)
    .bind(&new.citizen_email)
    .bind(i64::from(new.is_public))
    .bind(new.chosen_agency_id)
    .bind(ComplaintStatus::Submitted.as_str())
    .bind(at)
    .bind(&new.idempotency_key)
    .bind(super::public::search_text(&new.title, &new.description))
    .fetch_one(&mut *conn)
    .await?;
    insert_event(
        conn,
        &NewEvent {
            complaint_id: id,
            at,
            actor_id: None,
            kind: EventKind::Status,
            from_status: None,
            to_status: Some(ComplaintStatus::Submitted),
            note: None,
            is_public: true,
        },
    )
    .await?;
    Ok(id)
}

/// A new complaint's state once filed: received (and perhaps already
/// assigned by the routing model), decided before the write.
pub struct FiledState<'a> {
    pub status: ComplaintStatus,
    pub version: i64,
    pub deadline_at: i64,
    pub stage_due_at: i64,
    pub agency_id: Option<i64>,
    /// Its history so far: (from, to, note), all public, all at `at`.
    pub events: &'a [(Option<ComplaintStatus>, ComplaintStatus, Option<&'a str>)],
}

/// Stores a new complaint already filed: the row in its final state, its
/// events and its place in the statistics. Returns its id, or `None` (and
/// writes nothing) when `code` is taken.
pub async fn insert_filed(
    conn: &mut Conn,
    new: &NewComplaint,
    code: &TrackingCode,
    state: &FiledState<'_>,
    at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let id: Option<i64> = sqlx::query_scalar(
        "INSERT INTO complaints (tracking_code, title, description, category_id, commune_id, address, latitude, \
         longitude, citizen_name, citizen_phone, citizen_email, is_public, chosen_agency_id, status, submitted_at, \
         idempotency_key, search_text, version, received_at, deadline_at, stage_due_at, agency_id) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $15, $19, $20, $21) \
         ON CONFLICT (tracking_code) DO NOTHING RETURNING id",
    )
    // See insert_complaint: coordinators may be missing.
    .persistent(false)
    .bind(code.as_str())
    .bind(&new.title)
    .bind(&new.description)
    .bind(new.category_id)
    .bind(new.commune_id)
    .bind(&new.address)
    .bind(new.latitude)
    .bind(new.longitude)
    .bind(&new.citizen_name)
    .bind(&new.citizen_phone)
    .bind(&new.citizen_email)
    .bind(i64::from(new.is_public))
    .bind(new.chosen_agency_id)
    .bind(state.status.as_str())
    .bind(at)
    .bind(&new.idempotency_key)
    .bind(super::public::search_text(&new.title, &new.description))
    .bind(state.version)
    .bind(state.deadline_at)
    .bind(state.stage_due_at)
    .bind(state.agency_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(id) = id else { return Ok(None) };
    let rows: Vec<String> = (0..state.events.len())
        .map(|n| {
            let p = 3 * n;
            format!("($1, $2, 'status', ${}, ${}, ${}, 1)", p + 3, p + 4, p + 5)
        })
        .collect();
    let sql = format!(
        "INSERT INTO complaint_events (complaint_id, at, kind, from_status, to_status, note, is_public) VALUES {}",
        rows.join(", ")
    );
    let mut query = sqlx::query(&sql).bind(id).bind(at);
    for (from, to, note) in state.events {
        query = query
            .bind(from.map(ComplaintStatus::as_str))
            .bind(to.as_str())
            .bind(*note);
    }
    query.execute(&mut *conn).await?;
    let facts = RowFacts {
        received_at: Some(at),
        published_at: None,
        status: Some(state.status),
        agency_id: state.agency_id,
        officer_id: None,
        category_id: new.category_id,
        commune_id: new.commune_id,
        on_time: None,
        score: None,
    };
    super::stats::add_new_complaint(conn, id, &facts).await?;
    Ok(Some(id))
}

pub struct NewEvent<'a> {
    pub complaint_id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub kind: EventKind,
    pub from_status: Option<ComplaintStatus>,
    pub to_status: Option<ComplaintStatus>,
    pub note: Option<&'a str>,
    pub is_public: bool,
}

pub async fn insert_event(conn: &mut Conn, event: &NewEvent<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO complaint_events (complaint_id, at, actor_id, kind, from_status, to_status, note, is_public) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(event.complaint_id)
    .bind(event.at)
    .bind(event.actor_id)
    .bind(event.kind.as_str())
    .bind(event.from_status.map(ComplaintStatus::as_str))
    .bind(event.to_status.map(ComplaintStatus::as_str))
    .bind(event.note)
    .bind(i64::from(event.is_public))
    .fetch_one(conn)
    .await
}

/// What a transition changes besides the status.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    None,
    /// Receipt: the clock starts.
    Receive {
        deadline_at: i64,
    },
    /// The handling agency changes.
    Assign {
        agency_id: i64,
    },
    /// The drafted answer.
    Answer {
        text: String,
    },
    /// The answer goes public; whether it was on time is fixed now.
    Publish,
    /// Refused, with a public reason.
    Reject {
        reason: String,
    },
    /// Refused as a duplicate of another complaint.
    Duplicate {
        of: i64,
    },
    /// Sent back by the agency: no agency until the coordinator reassigns.
    Unassign,
    /// The agency accepts: this officer handles it.
    Accept {
        officer_id: i64,
    },
    /// Reopened at the citizen's request: a new deadline; the answer no
    /// longer counts as published until it is published again.
    Reopen {
        deadline_at: i64,
    },
}

pub struct Transition<'a> {
    pub action: Action,
    pub effect: Effect,
    pub actor_id: Option<i64>,
    pub note: Option<&'a str>,
    pub is_public: bool,
    pub at: i64,
}

/// Moves complaint `id` by `t.action`, if it is still at `expected_version`.
/// Returns the new status. Run it inside a transaction.
pub async fn transition(
    conn: &mut Conn,
    id: i64,
    expected_version: i64,
    t: &Transition<'_>,
) -> Result<ComplaintStatus, AppError> {
    let (from, version) = status_and_version(conn, id).await?;
    if version != expected_version {
        return Err(AppError::Conflict);
    }
    let to = next_status(from, t.action)?;
    let stage_due = stage_due_after(conn, id, from, to, t).await?;
    let updated = sqlx::query(
        "UPDATE complaints SET status = $1, version = version + 1, \
         stage_due_at = CASE WHEN $4 = 1 THEN $5 ELSE stage_due_at END WHERE id = $2 AND version = $3",
    )
    .bind(to.as_str())
    .bind(id)
    .bind(expected_version)
    .bind(i64::from(stage_due.is_some()))
    .bind(stage_due.flatten())
    .execute(&mut *conn)
    .await?;
    if updated.rows_affected() != 1 {
        return Err(AppError::Conflict);
    }
    apply_effect(conn, id, &t.effect, t.at).await?;
    insert_event(
        conn,
        &NewEvent {
            complaint_id: id,
            at: t.at,
            actor_id: t.actor_id,
            kind: EventKind::Status,
            from_status: Some(from),
            to_status: Some(to),
            note: t.note,
            is_public: t.is_public,
        },
    )
    .await?;
    super::stats::refresh_complaint(conn, id).await?;
    Ok(to)
}

/// The new stage deadline when a move starts a stage (`Some(Some(due))`)
/// or ends the last one (`Some(None)`); `None` leaves it as it is.
async fn stage_due_after(
    conn: &mut Conn,
    id: i64,
    from: ComplaintStatus,
    to: ComplaintStatus,
    t: &Transition<'_>,
) -> Result<Option<Option<i64>>, AppError> {
    let Some(stage) = Stage::of(to) else {
        return Ok((Stage::of(from).is_some()).then_some(None));
    };
    let restarts = Stage::of(from) != Some(stage) || matches!(t.action, Action::Assign | Action::Reopen);
    if !restarts {
        return Ok(None);
    }
    let deadline_at = match &t.effect {
        Effect::Receive { deadline_at } | Effect::Reopen { deadline_at } => Some(*deadline_at),
        _ => {
            sqlx::query_scalar("SELECT deadline_at FROM complaints WHERE id = $1")
                .bind(id)
                .fetch_one(&mut *conn)
                .await?
        }
    };
    let policy = super::settings::deadline_policy(&mut *conn).await?;
    let holidays = super::settings::holidays(&mut *conn).await?;
    Ok(Some(Some(stage_due_at(stage, t.at, deadline_at, &policy, &holidays))))
}

async fn apply_effect(conn: &mut Conn, id: i64, effect: &Effect, at: i64) -> Result<(), sqlx::Error> {
    let query = match effect {
        Effect::None => return Ok(()),
        Effect::Receive { deadline_at } => {
            sqlx::query("UPDATE complaints SET received_at = $1, deadline_at = $2 WHERE id = $3")
                .bind(at)
                .bind(*deadline_at)
        }
        Effect::Assign { agency_id } => {
            sqlx::query("UPDATE complaints SET agency_id = $1 WHERE id = $2").bind(*agency_id)
        }
        Effect::Answer { text } => {
            sqlx::query("UPDATE complaints SET answer = $1, answer_draft = $1 WHERE id = $2").bind(text.clone())
        }
        Effect::Publish => sqlx::query(
            "UPDATE complaints SET published_at = $1, \
             on_time = CASE WHEN deadline_at IS NULL OR $1 <= deadline_at THEN 1 ELSE 0 END WHERE id = $2",
        )
        .bind(at),
        Effect::Reject { reason } => {
            sqlx::query("UPDATE complaints SET reject_reason = $1 WHERE id = $2").bind(reason.clone())
        }
        Effect::Duplicate { of } => sqlx::query("UPDATE complaints SET duplicate_of = $1 WHERE id = $2").bind(*of),
        Effect::Unassign => sqlx::query("UPDATE complaints SET agency_id = NULL, officer_id = NULL WHERE id = $1"),
        Effect::Accept { officer_id } => {
            sqlx::query("UPDATE complaints SET officer_id = $1 WHERE id = $2").bind(*officer_id)
        }
        Effect::Reopen { deadline_at } => {
            sqlx::query("UPDATE complaints SET deadline_at = $1, published_at = NULL, on_time = NULL WHERE id = $2")
                .bind(*deadline_at)
        }
    };
    query.bind(id).execute(conn).await?;
    Ok(())
}

/// The current status and version of a complaint.
pub async fn status_and_version(conn: &mut Conn, id: i64) -> Result<(ComplaintStatus, i64), AppError> {
    let row = sqlx::query("SELECT status, version FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or(AppError::NotFound)?;
    Ok((parse_status(&row, "status")?, row.try_get("version")?))
}

/// Reads a status column; an unknown value means the row was edited by hand.
pub(super) fn parse_status(row: &sqlx::any::AnyRow, column: &str) -> Result<ComplaintStatus, sqlx::Error> {
    let value: String = row.try_get(column)?;
    ComplaintStatus::parse(&value).ok_or_else(|| bad_value(column, &value))
}

/// What the tracker may read of a complaint found by its code.
pub struct CodeLookup {
    pub id: i64,
    pub status: ComplaintStatus,
    pub is_public: bool,
    pub title: String,
    pub agency_name: Option<String>,
    pub submitted_at: i64,
    pub deadline_at: Option<i64>,
    pub answer: Option<String>,
    pub reject_reason: Option<String>,
    /// For the second factor only; never shown.
    pub citizen_phone: String,
    /// For hiding it in what is shown; never shown.
    pub citizen_name: String,
}

pub async fn find_by_code(conn: &mut Conn, code: &TrackingCode) -> Result<Option<CodeLookup>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.id, c.status, c.title, c.is_public, c.submitted_at, c.deadline_at, c.answer, c.reject_reason, \
                c.citizen_phone, c.citizen_name, a.name AS agency_name \
         FROM complaints c LEFT JOIN agencies a ON a.id = c.agency_id WHERE c.tracking_code = $1",
    )
    .bind(code.as_str())
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(CodeLookup {
        id: row.try_get("id")?,
        status: parse_status(&row, "status")?,
        is_public: row.try_get::<i64, _>("is_public")? == 1,
        title: row.try_get("title")?,
        agency_name: row.try_get("agency_name")?,
        submitted_at: row.try_get("submitted_at")?,
        deadline_at: row.try_get("deadline_at")?,
        answer: row.try_get("answer")?,
        reject_reason: row.try_get("reject_reason")?,
        citizen_phone: row.try_get("citizen_phone")?,
        citizen_name: row.try_get("citizen_name")?,
    }))
}

/// The complaint filed with `key` (a retried submission), if any.
pub async fn find_by_idempotency_key(conn: &mut Conn, key: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM complaints WHERE idempotency_key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await
}

/// What the confirmation page shows of a complaint just filed.
pub struct FiledFacts {
    pub tracking_code: String,
    pub deadline_at: Option<i64>,
    pub agency_name: Option<String>,
}

pub async fn filed_facts(conn: &mut Conn, id: i64) -> Result<FiledFacts, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.tracking_code, c.deadline_at, a.name AS agency_name \
         FROM complaints c LEFT JOIN agencies a ON a.id = c.agency_id WHERE c.id = $1",
    )
    .bind(id)
    .fetch_one(conn)
    .await?;
    Ok(FiledFacts {
        tracking_code: row.try_get("tracking_code")?,
        deadline_at: row.try_get("deadline_at")?,
        agency_name: row.try_get("agency_name")?,
    })
}

pub async fn count_complaints(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM complaints")
        .fetch_one(conn)
        .await
}

/// The history of a complaint, oldest first; `public_only` for the citizen.
pub async fn events(conn: &mut Conn, complaint_id: i64, public_only: bool) -> Result<Vec<ComplaintEvent>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT id, complaint_id, at, actor_id, kind, from_status, to_status, note, is_public \
         FROM complaint_events WHERE complaint_id = $1 AND (is_public = 1 OR $2 = 0) ORDER BY at, id",
    )
    .bind(complaint_id)
    .bind(i64::from(public_only))
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            let status = |name: &str| -> Result<Option<ComplaintStatus>, sqlx::Error> {
                let value: Option<String> = row.try_get(name)?;
                value
                    .map(|s| ComplaintStatus::parse(&s).ok_or_else(|| bad_value(name, &s)))
                    .transpose()
            };
            Ok(ComplaintEvent {
                id: row.try_get("id")?,
                complaint_id: row.try_get("complaint_id")?,
                at: row.try_get("at")?,
                actor_id: row.try_get("actor_id")?,
                kind: EventKind::parse(&kind).ok_or_else(|| bad_value("complaint_events.kind", &kind))?,
                from_status: status("from_status")?,
                to_status: status("to_status")?,
                note: row.try_get("note")?,
                is_public: row.try_get::<i64, _>("is_public")? == 1,
            })
        })
        .collect()
}
