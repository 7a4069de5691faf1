//! Staff server functions. Each one is a public HTTP endpoint: it finds the
//! signed-in staff member from the session and lets the service check role
//! and agency. Failures answer with their HTTP status (401, 403, 409, 422).

use leptos::prelude::*;

use crate::domain::work::{CaseView, InboxView};
use crate::domain::StaffUser;
use crate::error::AppError;

use super::support::staff_action;
#[cfg(feature = "ssr")]
use super::support::{me, now, respond, session};

/// Signs in with a user name or e-mail and a password; returns the page to
/// go to.
#[server(endpoint = "staff/sign-in")]
pub async fn sign_in(login: String, password: String) -> Result<String, AppError> {
    respond(
        async {
            let state = crate::server::state::app_state()?;
            let mut auth = session().await?;
            let creds = crate::server::auth::Credentials { login, password };
            let user = crate::server::auth::sign_in(&mut auth, &state.db, creds, now()).await?;
            Ok(crate::pages::staff::home_of(user.role).to_owned())
        }
        .await,
    )
}

#[server(endpoint = "staff/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    respond(
        async {
            let mut auth = session().await?;
            crate::server::auth::sign_out(&mut auth).await
        }
        .await,
    )
}

#[server(endpoint = "staff/password")]
pub async fn change_password(current_password: String, new_password: String, confirm: String) -> Result<(), AppError> {
    respond(
        async {
            let state = crate::server::state::app_state()?;
            let mut auth = session().await?;
            crate::server::auth::change_password(&mut auth, &state.db, current_password, new_password, confirm).await
        }
        .await,
    )
}

/// The signed-in staff member, if any.
#[server(endpoint = "staff/me")]
pub async fn who_am_i() -> Result<Option<StaffUser>, AppError> {
    respond(async { Ok(session().await?.user.map(|u| u.user)) }.await)
}

/// A page of one of the signed-in staff member's lists.
#[server(endpoint = "staff/inbox")]
pub async fn load_inbox(queue: Option<String>, page: Option<i64>) -> Result<InboxView, AppError> {
    respond(
        async {
            let state = crate::server::state::app_state()?;
            let me = me().await?;
            let queue = queue.as_deref().and_then(crate::domain::work::Queue::parse);
            crate::server::services::work::inbox(&state.db, &me, queue, page.unwrap_or(1), now()).await
        }
        .await,
    )
}

/// A complaint's full page.
#[server(endpoint = "staff/case")]
pub async fn load_case(id: i64) -> Result<CaseView, AppError> {
    respond(
        async {
            let state = crate::server::state::app_state()?;
            let me = me().await?;
            crate::server::services::work::case(&state.db, &state.router, &me, id, now()).await
        }
        .await,
    )
}

staff_action!(
    /// Coordinator: sends the complaint to an agency.
    "staff/assign", assign_complaint(id: i64, version: i64, agency: String, note: Option<String>) =>
    |state, me| crate::server::services::workflow::assign(&state.db, &me, id, version, &agency, note.as_deref().unwrap_or(""), now())
);

staff_action!(
    /// Coordinator: refuses the complaint; `template` starts the public reason.
    "staff/reject", reject_complaint(id: i64, version: i64, template: Option<String>, reason: String) =>
    |state, me| {
        let reason = [template.unwrap_or_default(), reason]
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
        async move { crate::server::services::workflow::reject(&state.db, &me, id, version, &reason, now()).await }
    }
);

staff_action!(
    /// Coordinator: closes it as a duplicate of the complaint `of_code`.
    "staff/duplicate", mark_duplicate(id: i64, version: i64, of_code: String) =>
    |state, me| crate::server::services::workflow::mark_duplicate(&state.db, &me, id, version, &of_code, now())
);

staff_action!(
    /// Coordinator: reminds the people responsible.
    "staff/remind", send_reminder(id: i64, note: Option<String>) =>
    |state, me| crate::server::services::reminders::remind(&state.db, &state.notifier, &me, id, note.as_deref().unwrap_or(""), now())
);

staff_action!(
    /// Coordinator: approves a request for more time.
    "staff/extension/approve", approve_extension(request: i64, note: Option<String>) =>
    |state, me| crate::server::services::workflow::decide_extension(&state.db, &me, request, true, note.as_deref().unwrap_or(""), now())
);

staff_action!(
    /// Coordinator: refuses a request for more time, with a reason.
    "staff/extension/refuse", refuse_extension(request: i64, note: Option<String>) =>
    |state, me| crate::server::services::workflow::decide_extension(&state.db, &me, request, false, note.as_deref().unwrap_or(""), now())
);

staff_action!(
    /// Coordinator: accepts the citizen's request to reopen; the complaint
    /// goes back to its agency with a new deadline.
    "staff/reopen/accept", accept_reopen(id: i64, version: i64, note: Option<String>) =>
    |state, me| crate::server::services::workflow::accept_reopen(&state.db, &me, id, version, note.as_deref().unwrap_or(""), now())
);

staff_action!(
    /// Coordinator: refuses the citizen's request to reopen, with a reason
    /// the citizen reads on the tracker.
    "staff/reopen/refuse", refuse_reopen(id: i64, version: i64, reason: String) =>
    |state, me| crate::server::services::workflow::refuse_reopen(&state.db, &me, id, version, &reason, now())
);

staff_action!(
    /// Officer: accepts the assigned complaint.
    "staff/accept", accept_complaint(id: i64, version: i64) =>
    |state, me| crate::server::services::workflow::accept(&state.db, &me, id, version, now())
);

staff_action!(
    /// Officer: returns it to the coordinator with a reason.
    "staff/return", return_complaint(id: i64, version: i64, reason: String) =>
    |state, me| crate::server::services::workflow::return_to_coordinator(&state.db, &me, id, version, &reason, now())
);

staff_action!(
    /// Anyone who may see the complaint: an internal note.
    "staff/note", add_note(id: i64, note: String) =>
    |state, me| crate::server::services::workflow::add_note(&state.db, &me, id, &note, now())
);

staff_action!(
    /// Officer: removes a file from the answer being written.
    "staff/answer/remove-file", remove_answer_file(id: i64, file: i64) =>
    |state, me| crate::server::services::files::remove_from_answer(&state.db, &state.config.upload_dir, &me, id, file, now())
);

staff_action!(
    /// Officer: saves the answer being written.
    "staff/answer/save", save_answer(id: i64, version: i64, answer: String) =>
    |state, me| crate::server::services::workflow::save_answer(&state.db, &me, id, version, &answer, false, now())
);

staff_action!(
    /// Officer: submits the answer for the leader's approval.
    "staff/answer/submit", submit_answer(id: i64, version: i64, answer: String) =>
    |state, me| crate::server::services::workflow::save_answer(&state.db, &me, id, version, &answer, true, now())
);

staff_action!(
    /// Officer: asks for a later deadline (`new_date` is YYYY-MM-DD).
    "staff/extension/request", request_extension(id: i64, reason: String, new_date: String) =>
    |state, me| crate::server::services::workflow::request_extension(&state.db, &me, id, &reason, &new_date, now())
);

staff_action!(
    /// Leader: approves and publishes the answer.
    "staff/approve", approve_answer(id: i64, version: i64) =>
    |state, me| async move {
        crate::server::services::workflow::approve(&state.db, &me, id, version, now()).await?;
        crate::server::services::reminders::tell_citizen(&state.db, &state.notifier, id).await
    }
);

staff_action!(
    /// Leader: sends the draft back to the officer with a comment.
    "staff/send-back", send_back(id: i64, version: i64, comment: String) =>
    |state, me| crate::server::services::workflow::send_back(&state.db, &me, id, version, &comment, now())
);

/// The id of the complaint with tracking code `code`, when the signed-in
/// staff member may see it.
#[server(endpoint = "staff/find")]
pub async fn find_case(code: String) -> Result<i64, AppError> {
    respond(
        async {
            let state = crate::server::state::app_state()?;
            let me = me().await?;
            crate::server::services::work::find_by_code(&state.db, &me, &code).await
        }
        .await,
    )
}
