//! The administrator's server functions (`admin/…`): one load for the
//! administration pages and one function per change. Like the staff ones,
//! each finds the signed-in staff member and lets the service check the role
//! (only an administrator may call them); failures answer with their HTTP
//! status (401, 403, 404, 422).

use leptos::prelude::*;

use super::support::staff_action;
#[cfg(feature = "ssr")]
use super::support::{me, now, respond};
use crate::domain::admin::AdminView;
use crate::error::AppError;

#[cfg(feature = "ssr")]
use crate::server::services::admin::{self, AccountChange, AgencyInput, CategoryInput, CommuneInput, NewAccount};

/// The routing model knows the agencies, categories and communes: after a
/// change it is rebuilt in the background on this server (the others pick
/// the change up at their next periodic retraining).
#[cfg(feature = "ssr")]
fn refresh_routing(state: &crate::server::state::AppState) {
    let (router, db) = (state.router.clone(), state.db.clone());
    tokio::spawn(async move {
        if let Err(err) = router.retrain(&db).await {
            tracing::warn!(error = %err, "routing: retraining after an administrator's change failed");
        }
    });
}

/// Everything the administration pages show.
#[server(endpoint = "admin/load")]
pub async fn load_admin() -> Result<AdminView, AppError> {
    respond(
        async {
            let state = crate::server::state::app_state()?;
            let me = me().await?;
            admin::overview(&state.db, &me).await
        }
        .await,
    )
}

staff_action!(
    /// Adds an agency.
    "admin/agency/create", create_agency(code: String, name: String, kind: String, handles: Option<String>) =>
    |state, me| async move {
        let input = AgencyInput { code: &code, name: &name, kind: &kind, handles: handles.as_deref().unwrap_or("") };
        admin::create_agency(&state.db, &me, &input).await?;
        refresh_routing(&state);
        Ok(())
    }
);

staff_action!(
    /// Changes an agency's name, kind and competences.
    "admin/agency/save", save_agency(code: String, name: String, kind: String, handles: Option<String>) =>
    |state, me| async move {
        let input = AgencyInput { code: &code, name: &name, kind: &kind, handles: handles.as_deref().unwrap_or("") };
        admin::update_agency(&state.db, &me, &input).await?;
        refresh_routing(&state);
        Ok(())
    }
);

staff_action!(
    /// Stops an agency from receiving complaints.
    "admin/agency/deactivate", deactivate_agency(code: String) =>
    |state, me| async move {
        admin::set_agency_active(&state.db, &me, &code, false).await?;
        refresh_routing(&state);
        Ok(())
    }
);

staff_action!(
    /// Lets an agency receive complaints again.
    "admin/agency/activate", activate_agency(code: String) =>
    |state, me| async move {
        admin::set_agency_active(&state.db, &me, &code, true).await?;
        refresh_routing(&state);
        Ok(())
    }
);

staff_action!(
    /// Adds a category; `agency` is the default agency's code, empty for none.
    "admin/category/create", create_category(code: String, name: String, description: Option<String>, agency: Option<String>) =>
    |state, me| async move {
        let input = CategoryInput {
            code: &code,
            name: &name,
            description: description.as_deref().unwrap_or(""),
            agency: agency.as_deref().unwrap_or(""),
        };
        admin::create_category(&state.db, &me, &input).await?;
        refresh_routing(&state);
        Ok(())
    }
);

staff_action!(
    /// Changes a category's name, description and default agency.
    "admin/category/save", save_category(code: String, name: String, description: Option<String>, agency: Option<String>) =>
    |state, me| async move {
        let input = CategoryInput {
            code: &code,
            name: &name,
            description: description.as_deref().unwrap_or(""),
            agency: agency.as_deref().unwrap_or(""),
        };
        admin::update_category(&state.db, &me, &input).await?;
        refresh_routing(&state);
        Ok(())
    }
);

staff_action!(
    /// Adds a commune or ward (`kind` is `phuong` or `xa`).
    "admin/commune/create", create_commune(code: String, name: String, kind: String) =>
    |state, me| async move {
        admin::create_commune(&state.db, &me, &CommuneInput { code: &code, name: &name, kind: &kind }).await?;
        refresh_routing(&state);
        Ok(())
    }
);

staff_action!(
    /// Changes a commune's name and kind.
    "admin/commune/save", save_commune(code: String, name: String, kind: String) =>
    |state, me| async move {
        admin::update_commune(&state.db, &me, &CommuneInput { code: &code, name: &name, kind: &kind }).await?;
        refresh_routing(&state);
        Ok(())
    }
);

staff_action!(
    /// Adds a staff account with its first password.
    "admin/staff/create", create_staff(username: String, email: String, full_name: String, role: String, agency: String, password: String) =>
    |state, me| async move {
        let input = NewAccount {
            username: &username,
            email: &email,
            full_name: &full_name,
            role: &role,
            agency: &agency,
            password: &password,
        };
        admin::create_staff(&state.db, &me, &input, now()).await.map(drop)
    }
);

staff_action!(
    /// Changes an account's name, e-mail, role and agency.
    "admin/staff/save", save_staff(id: i64, full_name: String, email: String, role: String, agency: String) =>
    |state, me| async move {
        let change = AccountChange { id, full_name: &full_name, email: &email, role: &role, agency: &agency };
        admin::update_staff(&state.db, &me, &change).await
    }
);

staff_action!(
    /// Stops an account from signing in.
    "admin/staff/deactivate", deactivate_staff(id: i64) =>
    |state, me| admin::set_staff_active(&state.db, &me, id, false)
);

staff_action!(
    /// Lets an account sign in again.
    "admin/staff/activate", activate_staff(id: i64) =>
    |state, me| admin::set_staff_active(&state.db, &me, id, true)
);

staff_action!(
    /// Gives an account a new password.
    "admin/staff/password", reset_password(id: i64, password: String) =>
    |state, me| async move { admin::reset_password(&state.db, &me, id, &password).await }
);

staff_action!(
    /// Saves the deadline policy (for complaints received afterwards).
    "admin/policy/save", save_policy(total_days: String, triage_days: String, handling_days: String, approval_days: String, day_kind: String) =>
    |state, me| async move {
        let input = crate::domain::admin::PolicyInput {
            total_days: &total_days,
            triage_days: &triage_days,
            handling_days: &handling_days,
            approval_days: &approval_days,
            day_kind: &day_kind,
        };
        admin::save_policy(&state.db, &me, &input).await
    }
);

staff_action!(
    /// Adds a day off (`day` is YYYY-MM-DD).
    "admin/holiday/add", add_holiday(day: String, name: String) =>
    |state, me| async move { admin::add_holiday(&state.db, &me, &day, &name).await }
);

staff_action!(
    /// Removes a day off (`day` is YYYY-MM-DD).
    "admin/holiday/remove", remove_holiday(day: String) =>
    |state, me| async move { admin::remove_holiday(&state.db, &me, &day).await }
);
