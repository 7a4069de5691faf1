//! The staff's handling of a complaint: each action checks the role and the
//! agency on the server, then writes the new state and its immutable event
//! in one transaction. `version` is the version the person saw: if someone
//! else changed the complaint meanwhile, the action fails with
//! [`AppError::Conflict`] and changes nothing.

use chrono::NaiveDate;

use crate::domain::deadline::{end_of_day, format_date, local_date, reopen_note};
use crate::domain::staff::in_scope;
use crate::domain::work::required_text;
use crate::domain::{Action, Duty, EventKind, StaffUser};
use crate::error::AppError;
use crate::server::db::WriteTx;
use crate::server::store::{
    self,
    complaints::{Effect, NewEvent, Transition},
};
use crate::server::Db;

/// Refuses `actor` unless their role has `duty`.
pub fn check_duty(actor: &StaffUser, duty: Duty) -> Result<(), AppError> {
    if crate::domain::staff::may(actor.role, duty) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Opens the write transaction and checks that `actor` may act on
/// complaint `id` at all (it exists and is within their agency).
async fn begin(db: &Db, actor: &StaffUser, duty: Duty, id: i64) -> Result<WriteTx, AppError> {
    check_duty(actor, duty)?;
    let mut tx = db.begin_write().await?;
    let agency = store::work::agency_of(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !in_scope(actor, agency) {
        return Err(AppError::Forbidden);
    }
    Ok(tx)
}

struct Move<'a> {
    action: Action,
    effect: Effect,
    note: Option<&'a str>,
    is_public: bool,
}

async fn act(
    db: &Db,
    actor: &StaffUser,
    duty: Duty,
    id: i64,
    version: i64,
    step: Move<'_>,
    at: i64,
) -> Result<(), AppError> {
    let mut tx = begin(db, actor, duty, id).await?;
    store::complaints::transition(
        &mut tx,
        id,
        version,
        &Transition {
            action: step.action,
            effect: step.effect,
            actor_id: Some(actor.id),
            note: step.note,
            is_public: step.is_public,
            at,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinator: sends the complaint to the agency with `agency_code` (also
/// to redirect it before the agency accepts, or to undo an automatic
/// assignment). The choice teaches the routing model.
pub async fn assign(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    version: i64,
    agency_code: &str,
    note: &str,
    at: i64,
) -> Result<(), AppError> {
    check_duty(actor, Duty::Triage)?;
    let agency_id = {
        let mut conn = db.pool().acquire().await?;
        store::catalog::active_agency_id_by_code(&mut conn, agency_code.trim())
            .await?
            .ok_or_else(|| AppError::validation("agency", "Vui lòng chọn cơ quan xử lý."))?
    };
    let note = Some(note.trim()).filter(|n| !n.is_empty());
    act(
        db,
        actor,
        Duty::Triage,
        id,
        version,
        Move {
            action: Action::Assign,
            effect: Effect::Assign { agency_id },
            note,
            is_public: true,
        },
        at,
    )
    .await
}

/// Coordinator: refuses the complaint; the reason is public.
pub async fn reject(db: &Db, actor: &StaffUser, id: i64, version: i64, reason: &str, at: i64) -> Result<(), AppError> {
    check_duty(actor, Duty::Triage)?;
    let reason = required_text(reason, "reason", "lý do từ chối")?;
    act(
        db,
        actor,
        Duty::Triage,
        id,
        version,
        Move {
            action: Action::Reject,
            effect: Effect::Reject { reason: reason.clone() },
            note: Some(&reason),
            is_public: true,
        },
        at,
    )
    .await
}

/// Coordinator: closes the complaint as a duplicate of the one with
/// tracking code `of_code`.
pub async fn mark_duplicate(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    version: i64,
    of_code: &str,
    at: i64,
) -> Result<(), AppError> {
    check_duty(actor, Duty::Triage)?;
    let code =
        crate::domain::TrackingCode::parse(of_code).map_err(|err| AppError::validation("of_code", err.to_string()))?;
    let of = {
        let mut conn = db.pool().acquire().await?;
        store::work::complaint_id_by_code(&mut conn, code.as_str()).await?
    }
    .ok_or_else(|| AppError::validation("of_code", "Không có phản ánh nào với mã này."))?;
    if of == id {
        return Err(AppError::validation(
            "of_code",
            "Phản ánh không thể trùng với chính nó.",
        ));
    }
    let note = format!("Trùng với phản ánh {}", code.as_str());
    act(
        db,
        actor,
        Duty::Triage,
        id,
        version,
        Move {
            action: Action::MarkDuplicate,
            effect: Effect::Duplicate { of },
            note: Some(&note),
            is_public: true,
        },
        at,
    )
    .await
}

/// Agency officer: accepts the assigned complaint and handles it.
pub async fn accept(db: &Db, actor: &StaffUser, id: i64, version: i64, at: i64) -> Result<(), AppError> {
    act(
        db,
        actor,
        Duty::Handle,
        id,
        version,
        Move {
            action: Action::Accept,
            effect: Effect::Accept { officer_id: actor.id },
            note: None,
            is_public: true,
        },
        at,
    )
    .await
}

/// Agency officer: sends it back to the coordinator ("not our competence").
pub async fn return_to_coordinator(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    version: i64,
    reason: &str,
    at: i64,
) -> Result<(), AppError> {
    check_duty(actor, Duty::Handle)?;
    let reason = required_text(reason, "reason", "lý do trả lại")?;
    act(
        db,
        actor,
        Duty::Handle,
        id,
        version,
        Move {
            action: Action::Return,
            effect: Effect::Unassign,
            note: Some(&reason),
            is_public: false,
        },
        at,
    )
    .await
}

/// Anyone who may see the complaint: an internal note.
pub async fn add_note(db: &Db, actor: &StaffUser, id: i64, note: &str, at: i64) -> Result<(), AppError> {
    check_duty(actor, Duty::Note)?;
    let note = required_text(note, "note", "nội dung ghi chú")?;
    let mut tx = begin(db, actor, Duty::Note, id).await?;
    event(&mut tx, id, actor, EventKind::Note, Some(&note), false, at).await?;
    tx.commit().await?;
    Ok(())
}

async fn event(
    tx: &mut store::Conn,
    id: i64,
    actor: &StaffUser,
    kind: EventKind,
    note: Option<&str>,
    is_public: bool,
    at: i64,
) -> Result<(), AppError> {
    store::complaints::insert_event(
        tx,
        &NewEvent {
            complaint_id: id,
            at,
            actor_id: Some(actor.id),
            kind,
            from_status: None,
            to_status: None,
            note,
            is_public,
        },
    )
    .await?;
    Ok(())
}

/// Agency officer: saves the answer being written and, with `submit`,
/// sends it to the leader for approval.
pub async fn save_answer(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    version: i64,
    text: &str,
    submit: bool,
    at: i64,
) -> Result<(), AppError> {
    check_duty(actor, Duty::Handle)?;
    let text = required_text(text, "answer", "nội dung trả lời")?;
    if !submit {
        let mut tx = begin(db, actor, Duty::Handle, id).await?;
        let (status, _) = store::complaints::status_and_version(&mut tx, id).await?;
        if status != crate::domain::ComplaintStatus::InProgress {
            return Err(AppError::Conflict);
        }
        if !store::work::bump_version(&mut tx, id, version).await? {
            return Err(AppError::Conflict);
        }
        store::work::save_answer_draft(&mut tx, id, &text).await?;
        tx.commit().await?;
        return Ok(());
    }
    act(
        db,
        actor,
        Duty::Handle,
        id,
        version,
        Move {
            action: Action::SubmitAnswer,
            effect: Effect::Answer { text },
            note: None,
            is_public: false,
        },
        at,
    )
    .await
}

/// Agency leader: approves the answer, which publishes it; whether it was on
/// time is fixed now.
pub async fn approve(db: &Db, actor: &StaffUser, id: i64, version: i64, at: i64) -> Result<(), AppError> {
    act(
        db,
        actor,
        Duty::Approve,
        id,
        version,
        Move {
            action: Action::Approve,
            effect: Effect::Publish,
            note: None,
            is_public: true,
        },
        at,
    )
    .await
}

/// Agency leader: sends the draft back to the officer with a comment.
pub async fn send_back(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    version: i64,
    comment: &str,
    at: i64,
) -> Result<(), AppError> {
    check_duty(actor, Duty::Approve)?;
    let comment = required_text(comment, "comment", "ý kiến")?;
    act(
        db,
        actor,
        Duty::Approve,
        id,
        version,
        Move {
            action: Action::SendBack,
            effect: Effect::None,
            note: Some(&comment),
            is_public: false,
        },
        at,
    )
    .await
}

/// Agency officer: asks the coordinator for more time.
pub async fn request_extension(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    reason: &str,
    new_date: &str,
    at: i64,
) -> Result<(), AppError> {
    check_duty(actor, Duty::Handle)?;
    let reason = required_text(reason, "reason", "lý do gia hạn")?;
    let date = NaiveDate::parse_from_str(new_date.trim(), "%Y-%m-%d")
        .map_err(|_| AppError::validation("new_date", "Vui lòng chọn ngày hạn mới."))?;
    let mut tx = begin(db, actor, Duty::Handle, id).await?;
    let case = store::work::case(&mut tx, id).await?.ok_or(AppError::NotFound)?;
    if !matches!(
        case.status,
        crate::domain::ComplaintStatus::Assigned
            | crate::domain::ComplaintStatus::InProgress
            | crate::domain::ComplaintStatus::Reopened
    ) {
        return Err(AppError::Conflict);
    }
    let old = case.deadline_at.ok_or(AppError::Conflict)?;
    let new_deadline_at = end_of_day(date);
    if new_deadline_at <= old {
        return Err(AppError::validation(
            "new_date",
            format!("Hạn mới phải sau hạn hiện tại ({}).", format_date(old)),
        ));
    }
    if local_date(new_deadline_at) > local_date(old) + chrono::Duration::days(30) {
        return Err(AppError::validation("new_date", "Chỉ được gia hạn tối đa 30 ngày."));
    }
    if store::work::has_pending_extension(&mut tx, id).await? {
        return Err(AppError::validation(
            "new_date",
            "Đã có một đề nghị gia hạn đang chờ duyệt.",
        ));
    }
    store::work::insert_extension(
        &mut tx,
        &store::work::NewExtension {
            complaint_id: id,
            requested_by: actor.id,
            reason: &reason,
            old_deadline_at: old,
            new_deadline_at,
            at,
        },
    )
    .await?;
    let note = format!("Đề nghị gia hạn đến {}: {reason}", format_date(new_deadline_at));
    event(&mut tx, id, actor, EventKind::Extension, Some(&note), false, at).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinator: approves (the deadline moves, publicly) or refuses a
/// request for more time.
pub async fn decide_extension(
    db: &Db,
    actor: &StaffUser,
    request_id: i64,
    approve: bool,
    note: &str,
    at: i64,
) -> Result<(), AppError> {
    check_duty(actor, Duty::Triage)?;
    let note = Some(note.trim()).filter(|n| !n.is_empty());
    if !approve && note.is_none() {
        return Err(AppError::validation(
            "note",
            "Vui lòng nhập lý do không đồng ý gia hạn.",
        ));
    }
    let mut tx = db.begin_write().await?;
    let (id, new_deadline_at) = store::work::pending_extension(&mut tx, request_id)
        .await?
        .ok_or(AppError::Conflict)?;
    if !store::work::decide_extension(&mut tx, request_id, approve, actor.id, note, at).await? {
        return Err(AppError::Conflict);
    }
    let text = if approve {
        store::work::move_deadline(&mut tx, id, new_deadline_at).await?;
        sqlx::query("UPDATE complaints SET version = version + 1 WHERE id = $1")
            .bind(id)
            .execute(&mut **tx)
            .await?;
        format!("Gia hạn thời hạn trả lời đến {}", format_date(new_deadline_at))
    } else {
        format!("Không đồng ý gia hạn: {}", note.unwrap_or_default())
    };
    event(&mut tx, id, actor, EventKind::Extension, Some(&text), approve, at).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinator: accepts the citizen's request to reopen. The complaint goes
/// back to the agency that answered it, with a new deadline counted from
/// today by the deadline policy; the agency accepts or returns it as it
/// does an assigned one. The rating goes (the request keeps it), so the
/// next answer is rated afresh and the statistics count no answer until it
/// is published again.
pub async fn accept_reopen(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    version: i64,
    note: &str,
    at: i64,
) -> Result<(), AppError> {
    check_duty(actor, Duty::Triage)?;
    let note = Some(note.trim()).filter(|n| !n.is_empty());
    if let Some(note) = note {
        required_text(note, "note", "ghi chú")?;
    }
    // The complaint's row first (the move checks its version), then the
    // request, then the rating: every feedback write takes them in this
    // order, so two at once wait for each other instead of deadlocking.
    let mut tx = begin(db, actor, Duty::Triage, id).await?;
    let policy = store::settings::deadline_policy(&mut tx).await?;
    let holidays = store::settings::holidays(&mut tx).await?;
    let deadline_at = policy.deadline_at(at, &holidays);
    let mut text = reopen_note(deadline_at);
    if let Some(note) = note {
        text.push(' ');
        text.push_str(note);
    }
    store::complaints::transition(
        &mut tx,
        id,
        version,
        &Transition {
            action: Action::Reopen,
            effect: Effect::Reopen { deadline_at },
            actor_id: Some(actor.id),
            note: Some(&text),
            is_public: true,
            at,
        },
    )
    .await?;
    if store::ratings::decide_reopen(&mut tx, id, true, actor.id, note, at)
        .await?
        .is_none()
    {
        return Err(AppError::Conflict);
    }
    store::ratings::delete(&mut tx, id).await?;
    store::stats::refresh_complaint(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}

/// Coordinator: refuses the citizen's request to reopen, with a reason the
/// citizen reads on the tracker.
pub async fn refuse_reopen(
    db: &Db,
    actor: &StaffUser,
    id: i64,
    version: i64,
    reason: &str,
    at: i64,
) -> Result<(), AppError> {
    check_duty(actor, Duty::Triage)?;
    let reason = required_text(reason, "reason", "lý do không chấp nhận")?;
    let mut tx = begin(db, actor, Duty::Triage, id).await?;
    if !store::work::bump_version(&mut tx, id, version).await? {
        return Err(AppError::Conflict);
    }
    if store::ratings::decide_reopen(&mut tx, id, false, actor.id, Some(&reason), at)
        .await?
        .is_none()
    {
        return Err(AppError::Conflict);
    }
    let text = format!("Không chấp nhận đề nghị mở lại: {reason}");
    event(&mut tx, id, actor, EventKind::Rating, Some(&text), true, at).await?;
    store::stats::refresh_complaint(&mut tx, id).await?;
    tx.commit().await?;
    Ok(())
}
