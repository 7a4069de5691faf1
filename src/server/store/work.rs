//! The staff side's reads and bookkeeping: inboxes, a complaint's full page
//! and history, extension requests, reminders.

use sqlx::Row;

use super::{catalog::bad_value, complaints::parse_status, Conn};
use crate::domain::deadline::{Stage, Urgency, DUE_SOON_SECONDS};
use crate::domain::work::{ExtensionRequest, InboxRow, Queue, Workload, INBOX_PAGE_SIZE};
use crate::domain::{ComplaintStatus, EventKind, Role, StaffUser};

const OPEN: &str = "('received', 'assigned', 'in_progress', 'awaiting_approval', 'reopened')";

/// A stored tracking code as people read it (`ABCD-EFGH`).
fn shown(code: String) -> String {
    crate::domain::TrackingCode::parse(&code)
        .map(|c| c.to_string())
        .unwrap_or(code)
}

/// The WHERE clause and ORDER BY of `queue` as `me` sees it. Only integers
/// are formatted into the SQL.
fn queue_sql(me: &StaffUser, queue: Queue, now: i64) -> (String, &'static str) {
    let scope = match me.role {
        Role::Coordinator => String::new(),
        Role::Officer | Role::Leader => format!(" AND c.agency_id = {}", me.agency_id),
        Role::Admin => " AND 1 = 0".to_owned(),
    };
    let soon = now + DUE_SOON_SECONDS;
    let (filter, order) = match queue {
        Queue::Triage => ("c.status = 'received'".to_owned(), "c.stage_due_at, c.id"),
        Queue::DueSoon => (
            format!("c.status IN {OPEN} AND c.stage_due_at >= {now} AND c.stage_due_at <= {soon}"),
            "c.stage_due_at, c.id",
        ),
        Queue::Overdue => (
            format!("c.status IN {OPEN} AND c.stage_due_at < {now}"),
            "c.stage_due_at, c.id",
        ),
        Queue::Extensions => (
            "c.id IN (SELECT complaint_id FROM extension_requests WHERE state = 'pending')".to_owned(),
            "c.stage_due_at, c.id",
        ),
        Queue::Reopen => (
            "c.id IN (SELECT complaint_id FROM reopen_requests WHERE state = 'pending')".to_owned(),
            // Oldest request first.
            "(SELECT r.requested_at FROM reopen_requests r WHERE r.complaint_id = c.id AND r.state = 'pending'), c.id",
        ),
        Queue::Agency => (
            "c.status IN ('assigned', 'in_progress', 'reopened')".to_owned(),
            "c.stage_due_at, c.id",
        ),
        Queue::Approval => ("c.status = 'awaiting_approval'".to_owned(), "c.stage_due_at, c.id"),
        Queue::All => ("1 = 1".to_owned(), "c.id DESC"),
    };
    (format!("WHERE {filter}{scope}"), order)
}

/// One page of `queue` (pages count from 1) and the number of rows in all.
pub async fn inbox(
    conn: &mut Conn,
    me: &StaffUser,
    queue: Queue,
    page: i64,
    now: i64,
) -> Result<(Vec<InboxRow>, i64), sqlx::Error> {
    let (filter, order) = queue_sql(me, queue, now);
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM complaints c {filter}"))
        .fetch_one(&mut *conn)
        .await?;
    let offset = (page.max(1) - 1) * INBOX_PAGE_SIZE;
    let rows = sqlx::query(&format!(
        "SELECT c.id, c.tracking_code, c.title, c.status, c.received_at, c.deadline_at, c.stage_due_at, \
                a.name AS agency_name, m.name AS commune_name \
         FROM complaints c LEFT JOIN agencies a ON a.id = c.agency_id LEFT JOIN communes m ON m.id = c.commune_id \
         {filter} ORDER BY {order} LIMIT {INBOX_PAGE_SIZE} OFFSET {offset}"
    ))
    .fetch_all(&mut *conn)
    .await?;
    let rows = rows
        .iter()
        .map(|row| {
            let status = parse_status(row, "status")?;
            let stage_due_at: Option<i64> = row.try_get("stage_due_at")?;
            Ok(InboxRow {
                id: row.try_get("id")?,
                code: shown(row.try_get("tracking_code")?),
                title: row.try_get("title")?,
                status,
                agency_name: row.try_get("agency_name")?,
                commune_name: row.try_get("commune_name")?,
                received_at: row.try_get("received_at")?,
                deadline_at: row.try_get("deadline_at")?,
                stage_due_at,
                urgency: stage_due_at
                    .filter(|_| status.is_open())
                    .map(|due| Urgency::of(now, due)),
            })
        })
        .collect::<Result<Vec<_>, sqlx::Error>>()?;
    Ok((rows, total))
}

/// Open and overdue complaints per officer of `agency_id`.
pub async fn workload(conn: &mut Conn, agency_id: i64, now: i64) -> Result<Vec<Workload>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT s.full_name, \
                COUNT(c.id) AS open_count, \
                COALESCE(SUM(CASE WHEN c.stage_due_at < {now} THEN 1 ELSE 0 END), 0) AS overdue_count \
         FROM staff_users s LEFT JOIN complaints c ON c.officer_id = s.id AND c.status IN {OPEN} \
         WHERE s.agency_id = $1 AND s.role = 'officer' AND s.active = 1 \
         GROUP BY s.id, s.full_name ORDER BY s.full_name"
    ))
    .bind(agency_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Workload {
                officer_name: row.try_get("full_name")?,
                open: row.try_get("open_count")?,
                overdue: row.try_get("overdue_count")?,
            })
        })
        .collect()
}

/// A complaint as stored, with the names staff read.
pub struct CaseRow {
    pub id: i64,
    pub version: i64,
    pub code: String,
    pub title: String,
    pub description: String,
    pub category_code: Option<String>,
    pub category_name: Option<String>,
    pub commune_code: Option<String>,
    pub commune_name: Option<String>,
    pub address: String,
    pub citizen_name: String,
    pub citizen_phone: String,
    pub citizen_email: Option<String>,
    pub is_public: bool,
    pub status: ComplaintStatus,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    pub officer_id: Option<i64>,
    pub chosen_agency_name: Option<String>,
    pub officer_name: Option<String>,
    pub received_at: Option<i64>,
    pub deadline_at: Option<i64>,
    pub stage_due_at: Option<i64>,
    pub answer: Option<String>,
    pub answer_draft: Option<String>,
    pub reject_reason: Option<String>,
    pub duplicate_of_code: Option<String>,
    pub on_time: Option<bool>,
}

pub async fn case(conn: &mut Conn, id: i64) -> Result<Option<CaseRow>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.id, c.version, c.tracking_code, c.title, c.description, c.address, c.citizen_name, \
                c.citizen_phone, c.citizen_email, c.is_public, c.status, c.agency_id, c.received_at, \
                c.deadline_at, c.stage_due_at, c.answer, c.answer_draft, c.reject_reason, c.on_time, c.officer_id, \
                k.code AS category_code, k.name AS category_name, m.code AS commune_code, m.name AS commune_name, \
                a.name AS agency_name, ch.name AS chosen_agency_name, s.full_name AS officer_name, \
                d.tracking_code AS duplicate_of_code \
         FROM complaints c \
         LEFT JOIN categories k ON k.id = c.category_id \
         LEFT JOIN communes m ON m.id = c.commune_id \
         LEFT JOIN agencies a ON a.id = c.agency_id \
         LEFT JOIN agencies ch ON ch.id = c.chosen_agency_id \
         LEFT JOIN staff_users s ON s.id = c.officer_id \
         LEFT JOIN complaints d ON d.id = c.duplicate_of \
         WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    Ok(Some(CaseRow {
        id: row.try_get("id")?,
        version: row.try_get("version")?,
        code: shown(row.try_get("tracking_code")?),
        title: row.try_get("title")?,
        description: row.try_get("description")?,
        category_code: row.try_get("category_code")?,
        category_name: row.try_get("category_name")?,
        commune_code: row.try_get("commune_code")?,
        commune_name: row.try_get("commune_name")?,
        address: row.try_get("address")?,
        citizen_name: row.try_get("citizen_name")?,
        citizen_phone: row.try_get("citizen_phone")?,
        citizen_email: row.try_get("citizen_email")?,
        is_public: row.try_get::<i64, _>("is_public")? == 1,
        status: parse_status(&row, "status")?,
        agency_id: row.try_get("agency_id")?,
        agency_name: row.try_get("agency_name")?,
        officer_id: row.try_get("officer_id")?,
        chosen_agency_name: row.try_get("chosen_agency_name")?,
        officer_name: row.try_get("officer_name")?,
        received_at: row.try_get("received_at")?,
        deadline_at: row.try_get("deadline_at")?,
        stage_due_at: row.try_get("stage_due_at")?,
        answer: row.try_get("answer")?,
        answer_draft: row.try_get("answer_draft")?,
        reject_reason: row.try_get("reject_reason")?,
        duplicate_of_code: row.try_get::<Option<String>, _>("duplicate_of_code")?.map(shown),
        on_time: row.try_get::<Option<i64>, _>("on_time")?.map(|v| v == 1),
    }))
}

/// The agency handling complaint `id` (none while with the coordinator).
pub async fn agency_of(conn: &mut Conn, id: i64) -> Result<Option<Option<i64>>, sqlx::Error> {
    sqlx::query_scalar("SELECT agency_id FROM complaints WHERE id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// A history row with the actor's name.
pub struct HistoryRow {
    pub at: i64,
    pub actor_name: Option<String>,
    pub kind: EventKind,
    pub from_status: Option<ComplaintStatus>,
    pub to_status: Option<ComplaintStatus>,
    pub note: Option<String>,
    pub is_public: bool,
}

pub async fn history(conn: &mut Conn, id: i64) -> Result<Vec<HistoryRow>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT e.at, e.kind, e.from_status, e.to_status, e.note, e.is_public, s.full_name \
         FROM complaint_events e LEFT JOIN staff_users s ON s.id = e.actor_id \
         WHERE e.complaint_id = $1 ORDER BY e.at, e.id",
    )
    .bind(id)
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
            Ok(HistoryRow {
                at: row.try_get("at")?,
                actor_name: row.try_get("full_name")?,
                kind: EventKind::parse(&kind).ok_or_else(|| bad_value("complaint_events.kind", &kind))?,
                from_status: status("from_status")?,
                to_status: status("to_status")?,
                note: row.try_get("note")?,
                is_public: row.try_get::<i64, _>("is_public")? == 1,
            })
        })
        .collect()
}

/// Bumps the version of complaint `id` if it is still `expected`: a change
/// that is not a status move (the answer being written, a new deadline).
pub async fn bump_version(conn: &mut Conn, id: i64, expected: i64) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query("UPDATE complaints SET version = version + 1 WHERE id = $1 AND version = $2")
        .bind(id)
        .bind(expected)
        .execute(conn)
        .await?;
    Ok(updated.rows_affected() == 1)
}

pub async fn save_answer_draft(conn: &mut Conn, id: i64, text: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE complaints SET answer_draft = $1 WHERE id = $2")
        .bind(text)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn complaint_id_by_code(conn: &mut Conn, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM complaints WHERE tracking_code = $1")
        .bind(code)
        .fetch_optional(conn)
        .await
}

pub struct NewExtension<'a> {
    pub complaint_id: i64,
    pub requested_by: i64,
    pub reason: &'a str,
    pub old_deadline_at: i64,
    pub new_deadline_at: i64,
    pub at: i64,
}

pub async fn insert_extension(conn: &mut Conn, e: &NewExtension<'_>) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO extension_requests (complaint_id, requested_by, reason, old_deadline_at, new_deadline_at, \
         state, requested_at) VALUES ($1, $2, $3, $4, $5, 'pending', $6) RETURNING id",
    )
    .bind(e.complaint_id)
    .bind(e.requested_by)
    .bind(e.reason)
    .bind(e.old_deadline_at)
    .bind(e.new_deadline_at)
    .bind(e.at)
    .fetch_one(conn)
    .await
}

pub async fn extensions(conn: &mut Conn, complaint_id: i64) -> Result<Vec<ExtensionRequest>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT x.id, x.reason, x.old_deadline_at, x.new_deadline_at, x.state, x.requested_at, s.full_name \
         FROM extension_requests x JOIN staff_users s ON s.id = x.requested_by \
         WHERE x.complaint_id = $1 ORDER BY x.id",
    )
    .bind(complaint_id)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ExtensionRequest {
                id: row.try_get("id")?,
                requested_by: row.try_get("full_name")?,
                reason: row.try_get("reason")?,
                old_deadline_at: row.try_get("old_deadline_at")?,
                new_deadline_at: row.try_get("new_deadline_at")?,
                state: row.try_get("state")?,
                requested_at: row.try_get("requested_at")?,
            })
        })
        .collect()
}

/// A pending request: (complaint id, new deadline).
pub async fn pending_extension(conn: &mut Conn, request_id: i64) -> Result<Option<(i64, i64)>, sqlx::Error> {
    let row =
        sqlx::query("SELECT complaint_id, new_deadline_at FROM extension_requests WHERE id = $1 AND state = 'pending'")
            .bind(request_id)
            .fetch_optional(conn)
            .await?;
    row.map(|row| Ok((row.try_get("complaint_id")?, row.try_get("new_deadline_at")?)))
        .transpose()
}

pub async fn has_pending_extension(conn: &mut Conn, complaint_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM extension_requests WHERE complaint_id = $1 AND state = 'pending'")
            .bind(complaint_id)
            .fetch_one(conn)
            .await?;
    Ok(n > 0)
}

/// Decides a pending request; false if someone decided it meanwhile.
pub async fn decide_extension(
    conn: &mut Conn,
    request_id: i64,
    approved: bool,
    by: i64,
    note: Option<&str>,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query(
        "UPDATE extension_requests SET state = $1, decided_by = $2, decided_at = $3, decision_note = $4 \
         WHERE id = $5 AND state = 'pending'",
    )
    .bind(if approved { "approved" } else { "refused" })
    .bind(by)
    .bind(at)
    .bind(note)
    .bind(request_id)
    .execute(conn)
    .await?;
    Ok(updated.rows_affected() == 1)
}

/// Moves the deadline of complaint `id` and its stage deadline by as much.
pub async fn move_deadline(conn: &mut Conn, id: i64, new_deadline_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "UPDATE complaints SET stage_due_at = stage_due_at + ($1 - deadline_at), deadline_at = $1 WHERE id = $2",
    )
    .bind(new_deadline_at)
    .bind(id)
    .execute(conn)
    .await?;
    Ok(())
}

/// An open complaint whose stage is due soon or overdue.
pub struct DueStage {
    pub complaint_id: i64,
    pub code: String,
    pub title: String,
    pub status: ComplaintStatus,
    pub agency_id: Option<i64>,
    pub officer_id: Option<i64>,
    pub stage_due_at: i64,
}

/// Open complaints whose stage is due by `until`, most urgent first.
pub async fn due_stages(conn: &mut Conn, until: i64, limit: i64) -> Result<Vec<DueStage>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT id, tracking_code, title, status, agency_id, officer_id, stage_due_at FROM complaints \
         WHERE stage_due_at <= $1 AND status IN {OPEN} ORDER BY stage_due_at LIMIT $2"
    ))
    .bind(until)
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(DueStage {
                complaint_id: row.try_get("id")?,
                code: shown(row.try_get("tracking_code")?),
                title: row.try_get("title")?,
                status: parse_status(row, "status")?,
                agency_id: row.try_get("agency_id")?,
                officer_id: row.try_get("officer_id")?,
                stage_due_at: row.try_get("stage_due_at")?,
            })
        })
        .collect()
}

/// Claims the reminder for (complaint, stage, threshold, due): true for
/// the one caller, of however many servers, that recorded it.
pub async fn claim_reminder(
    conn: &mut Conn,
    complaint_id: i64,
    stage: Stage,
    threshold: &str,
    stage_due_at: i64,
    at: i64,
) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query(
        "INSERT INTO reminders (complaint_id, stage, threshold, stage_due_at, sent_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT DO NOTHING",
    )
    .bind(complaint_id)
    .bind(stage.as_str())
    .bind(threshold)
    .bind(stage_due_at)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(inserted.rows_affected() == 1)
}

/// The e-mail of staff member `id`, if active.
pub async fn email_of(conn: &mut Conn, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT email FROM staff_users WHERE id = $1 AND active = 1")
        .bind(id)
        .fetch_optional(conn)
        .await
}
