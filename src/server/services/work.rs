//! What staff read: their inboxes and a complaint's full page, limited on
//! the server to what their role and agency allow.

use crate::domain::deadline::{Stage, Urgency};
use crate::domain::rating::ReopenState;
use crate::domain::work::{moves, CaseView, HistoryEntry, InboxView, Move, Pending, Queue, INBOX_PAGE_SIZE};
use crate::domain::{Duty, EventKind, Role, StaffUser};
use crate::error::AppError;
use crate::server::services::routing::{Router, SuggestRequest};
use crate::server::store;
use crate::server::Db;

/// A page of `queue` (the role's first list when none or a foreign one is asked).
pub async fn inbox(db: &Db, me: &StaffUser, queue: Option<Queue>, page: i64, now: i64) -> Result<InboxView, AppError> {
    let queues = Queue::for_role(me.role);
    let Some(&home) = queues.first() else {
        return Err(AppError::Forbidden);
    };
    let queue = queue.filter(|q| queues.contains(q)).unwrap_or(home);
    let mut conn = db.pool().acquire().await?;
    let (rows, total) = store::work::inbox(&mut conn, me, queue, page, now).await?;
    let workload = if me.role == Role::Leader {
        store::work::workload(&mut conn, me.agency_id, now).await?
    } else {
        Vec::new()
    };
    let pages = ((total + INBOX_PAGE_SIZE - 1) / INBOX_PAGE_SIZE).max(1);
    Ok(InboxView {
        me: me.clone(),
        queue,
        queues: queues.to_vec(),
        rows,
        total,
        page: page.clamp(1, pages),
        pages,
        workload,
    })
}

/// Refuses roles that see no complaints at all (the admin).
pub(crate) fn check_can_see(me: &StaffUser) -> Result<(), AppError> {
    use crate::domain::staff::may;
    if may(me.role, Duty::Oversee) || may(me.role, Duty::SeeAgency) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// What one history entry says happened (`by_staff`: someone signed in
/// acted, not the citizen or the system).
fn describe(
    kind: EventKind,
    from: Option<crate::domain::ComplaintStatus>,
    to: Option<crate::domain::ComplaintStatus>,
    by_staff: bool,
) -> String {
    match kind {
        EventKind::Status => match (from, to) {
            (Some(from), Some(to)) => format!("{} → {}", from.label(), to.label()),
            (None, Some(to)) => to.label().to_owned(),
            _ => "Cập nhật trạng thái".to_owned(),
        },
        EventKind::Note => "Ghi chú nội bộ".to_owned(),
        EventKind::Extension => "Gia hạn".to_owned(),
        EventKind::Reminder => "Nhắc hạn".to_owned(),
        // The coordinator's answer to a request to reopen.
        EventKind::Rating if by_staff => "Trả lời đề nghị của người dân".to_owned(),
        EventKind::Rating => "Đánh giá, đề nghị của người dân".to_owned(),
    }
}

/// A complaint's full page for `me`: 404 when it does not exist, 403 when
/// it is another agency's.
pub async fn case(db: &Db, router: &Router, me: &StaffUser, id: i64, now: i64) -> Result<CaseView, AppError> {
    check_can_see(me)?;
    let mut conn = db.pool().acquire().await?;
    let row = store::work::case(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    if !crate::domain::staff::in_scope(me, row.agency_id) {
        return Err(AppError::Forbidden);
    }
    let history = store::work::history(&mut conn, id)
        .await?
        .into_iter()
        .map(|h| HistoryEntry {
            at: h.at,
            what: describe(h.kind, h.from_status, h.to_status, h.actor_name.is_some()),
            actor_name: h.actor_name,
            note: h.note,
            is_public: h.is_public,
        })
        .collect();
    let extensions = store::work::extensions(&mut conn, id).await?;
    let answer_files = store::attachments::for_complaint(&mut conn, id, true).await?;
    let citizen_files = store::attachments::for_complaint(&mut conn, id, false).await?;
    let rating = store::ratings::find(&mut conn, id).await?;
    let reopen_requests = store::ratings::reopen_requests(&mut conn, id).await?;
    let pending = Pending {
        extension: extensions.iter().any(|x| x.state == "pending"),
        reopen: reopen_requests.iter().any(|r| r.state == ReopenState::Pending),
    };
    let moves = moves(me, row.status, row.agency_id, pending);
    let (suggestions, agencies) = if moves.contains(&Move::Assign) {
        let request = SuggestRequest {
            title: row.title.clone(),
            description: row.description.clone(),
            category: row.category_code.clone(),
            commune: row.commune_code.clone(),
        };
        let agencies = store::catalog::list_agencies(&mut conn)
            .await?
            .into_iter()
            .filter(|a| a.kind != crate::domain::AgencyKind::Coordinator)
            .map(|a| (a.code, a.name))
            .collect();
        (router.suggest(&request, 3), agencies)
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(CaseView {
        me: me.clone(),
        id: row.id,
        version: row.version,
        code: row.code,
        title: row.title,
        description: row.description,
        category_name: row.category_name,
        commune_name: row.commune_name,
        address: row.address,
        citizen_name: row.citizen_name,
        citizen_phone: row.citizen_phone,
        citizen_email: row.citizen_email,
        is_public: row.is_public,
        status: row.status,
        agency_id: row.agency_id,
        agency_name: row.agency_name,
        chosen_agency_name: row.chosen_agency_name,
        officer_name: row.officer_name,
        received_at: row.received_at,
        deadline_at: row.deadline_at,
        stage: Stage::of(row.status),
        stage_due_at: row.stage_due_at,
        urgency: row
            .stage_due_at
            .filter(|_| row.status.is_open())
            .map(|due| Urgency::of(now, due)),
        answer: row.answer,
        answer_draft: row.answer_draft,
        answer_files,
        citizen_files,
        reject_reason: row.reject_reason,
        duplicate_of_code: row.duplicate_of_code,
        on_time: row.on_time,
        history,
        extensions,
        rating,
        reopen_requests,
        moves,
        suggestions,
        agencies,
    })
}

/// The complaint with tracking code `code`, if `me` may see it (a citizen
/// calling the hotline reads their code out).
pub async fn find_by_code(db: &Db, me: &StaffUser, code: &str) -> Result<i64, AppError> {
    check_can_see(me)?;
    let code = crate::domain::TrackingCode::parse(code).map_err(|err| AppError::validation("ma", err.to_string()))?;
    let mut conn = db.pool().acquire().await?;
    let id = store::work::complaint_id_by_code(&mut conn, code.as_str())
        .await?
        .ok_or(AppError::NotFound)?;
    let agency = store::work::agency_of(&mut conn, id).await?.flatten();
    if !crate::domain::staff::in_scope(me, agency) {
        return Err(AppError::NotFound);
    }
    Ok(id)
}
