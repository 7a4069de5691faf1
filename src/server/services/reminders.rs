//! Notices to people. Reminders: a job inside every server finds stages
//! due soon and overdue and records one reminder per complaint, stage,
//! threshold and stage deadline — once only, however many servers run it,
//! because the claim is a row with a primary key written in the same
//! transaction as the event; the people responsible are then told through
//! the notifier. Also the coordinator's own reminders, and the citizen's
//! notice that the answer is published.

use std::time::Duration;

use crate::domain::deadline::{format_date, Stage, DUE_SOON_SECONDS};
use crate::domain::{Duty, EventKind, Role, StaffUser};
use crate::error::AppError;
use crate::server::notify::{Notice, Notifier};
use crate::server::store::{self, complaints::NewEvent};
use crate::server::Db;

/// Most reminders recorded per run (the rest wait for the next run).
const BATCH: i64 = 500;

/// Who must act at `stage` of a complaint: their e-mail addresses.
async fn recipients(
    conn: &mut store::Conn,
    stage: Stage,
    agency_id: Option<i64>,
    officer_id: Option<i64>,
) -> Result<Vec<String>, sqlx::Error> {
    match (stage, agency_id, officer_id) {
        (Stage::Triage, _, _) | (_, None, _) => store::staff::emails_of(conn, None, Role::Coordinator).await,
        (Stage::Handling, _, Some(officer)) => Ok(store::work::email_of(conn, officer).await?.into_iter().collect()),
        (Stage::Handling, Some(agency), None) => store::staff::emails_of(conn, Some(agency), Role::Officer).await,
        (Stage::Approval, Some(agency), _) => store::staff::emails_of(conn, Some(agency), Role::Leader).await,
    }
}

fn notice(
    to: Vec<String>,
    code: &str,
    title: &str,
    stage: Stage,
    overdue: bool,
    due: i64,
    extra: Option<&str>,
) -> Notice {
    let state = if overdue {
        "đã quá hạn"
    } else {
        "sắp đến hạn"
    };
    let mut body = format!(
        "Phản ánh {code} “{title}” {state} ở bước “{}” (hạn {}).\nVui lòng đăng nhập hệ thống Phản hồi để xử lý.",
        stage.label(),
        format_date(due)
    );
    if let Some(extra) = extra {
        body.push_str(&format!("\n\nGhi chú của cán bộ đầu mối: {extra}"));
    }
    Notice {
        to,
        subject: format!("Nhắc hạn xử lý phản ánh {code}"),
        body,
    }
}

/// One run of the job: returns how many reminders this server recorded.
pub async fn run_once(db: &Db, notifier: &Notifier, now: i64) -> Result<usize, AppError> {
    let due = {
        let mut conn = db.pool().acquire().await?;
        store::work::due_stages(&mut conn, now + DUE_SOON_SECONDS, BATCH).await?
    };
    let mut recorded = 0;
    for item in due {
        let Some(stage) = Stage::of(item.status) else { continue };
        let overdue = now > item.stage_due_at;
        let threshold = if overdue { "overdue" } else { "due_soon" };
        let mut tx = db.begin_write().await?;
        if !store::work::claim_reminder(&mut tx, item.complaint_id, stage, threshold, item.stage_due_at, now).await? {
            continue;
        }
        let note = format!(
            "Tự động nhắc: bước “{}” {} (hạn {})",
            stage.label(),
            if overdue {
                "đã quá hạn"
            } else {
                "sắp đến hạn"
            },
            format_date(item.stage_due_at)
        );
        store::complaints::insert_event(
            &mut tx,
            &NewEvent {
                complaint_id: item.complaint_id,
                at: now,
                actor_id: None,
                kind: EventKind::Reminder,
                from_status: None,
                to_status: None,
                note: Some(&note),
                is_public: false,
            },
        )
        .await?;
        let to = recipients(&mut tx, stage, item.agency_id, item.officer_id).await?;
        tx.commit().await?;
        recorded += 1;
        let message = notice(to, &item.code, &item.title, stage, overdue, item.stage_due_at, None);
        if let Err(err) = notifier.send(&message).await {
            tracing::warn!(error = %err, complaint = item.complaint_id, "reminder recorded but not delivered");
        }
    }
    Ok(recorded)
}

/// The coordinator reminds the people responsible now, with a note.
pub async fn remind(
    db: &Db,
    notifier: &Notifier,
    actor: &StaffUser,
    id: i64,
    note: &str,
    at: i64,
) -> Result<(), AppError> {
    super::workflow::check_duty(actor, Duty::Triage)?;
    let note = Some(note.trim()).filter(|n| !n.is_empty());
    let mut tx = db.begin_write().await?;
    let case = store::work::case(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    let Some(stage) = Stage::of(case.status).filter(|_| case.agency_id.is_some()) else {
        return Err(AppError::Conflict);
    };
    let text = match note {
        Some(note) => format!("Nhắc xử lý: {note}"),
        None => "Nhắc xử lý".to_owned(),
    };
    store::complaints::insert_event(
        &mut tx,
        &NewEvent {
            complaint_id: id,
            at,
            actor_id: Some(actor.id),
            kind: EventKind::Reminder,
            from_status: None,
            to_status: None,
            note: Some(&text),
            is_public: false,
        },
    )
    .await?;
    let to = recipients(&mut tx, stage, case.agency_id, case.officer_id).await?;
    tx.commit().await?;
    let due = case.stage_due_at.unwrap_or(at);
    let message = notice(to, &case.code, &case.title, stage, at > due, due, note);
    if let Err(err) = notifier.send(&message).await {
        tracing::warn!(error = %err, complaint = id, "reminder recorded but not delivered");
    }
    Ok(())
}

/// Runs the job every `every` until the process ends; also forgets expired
/// staff sessions.
pub fn spawn(db: Db, notifier: Notifier, every: Duration) {
    tokio::spawn(async move {
        let sessions = crate::server::auth::store::DbSessionStore::new(db.clone());
        let mut ticker = tokio::time::interval(every);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticker.tick().await;
            let now = store::now();
            match run_once(&db, &notifier, now).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(reminders = n, "reminders recorded"),
                Err(err) => tracing::warn!(error = %err, "reminder job failed"),
            }
            if let Err(err) = sessions.delete_expired(now).await {
                tracing::warn!(error = %err, "forgetting expired sessions failed");
            }
        }
    });
}

/// Tells the citizen, when they left an e-mail, that the answer to their
/// complaint is published (after the leader approves it).
pub async fn tell_citizen(db: &Db, notifier: &Notifier, id: i64) -> Result<(), AppError> {
    let mut conn = db.pool().acquire().await?;
    let case = store::work::case(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    drop(conn);
    let Some(email) = case.citizen_email.filter(|e| !e.trim().is_empty()) else {
        return Ok(());
    };
    let notice = Notice {
        to: vec![email],
        subject: format!("Phản ánh {} đã có trả lời", case.code),
        body: format!(
            "Phản ánh “{}” của Ông/Bà đã được {} trả lời.\nXem trả lời và đánh giá mức độ hài lòng bằng mã tra cứu {} tại trang Tra cứu.",
            case.title,
            case.agency_name.unwrap_or_else(|| "cơ quan có thẩm quyền".into()),
            case.code
        ),
    };
    if let Err(err) = notifier.send(&notice).await {
        tracing::warn!(error = %err, complaint = id, "answer published but the citizen was not told");
    }
    Ok(())
}
