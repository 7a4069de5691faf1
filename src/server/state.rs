//! The state every request handler and server function can reach. The
//! server is stateless apart from the database (the routing model is
//! rebuilt from it): any number of instances can run side by side.

use axum::extract::FromRef;
use leptos::config::LeptosOptions;
use std::sync::Arc;

use super::notify::Notifier;
use super::services::routing::Router;
use super::{Config, Db};
use crate::domain::SiteInfo;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub leptos_options: LeptosOptions,
    /// The live routing model.
    pub router: Arc<Router>,
    /// Where reminders go (the log, or e-mail).
    pub notifier: Notifier,
}

impl AppState {
    /// The state of a server over `db` with `config`.
    pub fn new(db: Db, config: Config, leptos_options: LeptosOptions, router: Arc<Router>) -> Result<Self, String> {
        let notifier =
            Notifier::from_settings(config.smtp_url.as_deref(), &config.mail_from).map_err(|e| e.to_string())?;
        Ok(Self {
            db,
            config: Arc::new(config),
            leptos_options,
            router,
            notifier,
        })
    }

    /// What pages show about the deployment.
    pub fn site_info(&self) -> SiteInfo {
        SiteInfo {
            province_name: self.config.province_name.clone(),
            hotline: self.config.hotline.clone(),
            deadline_days: self.config.deadline_days,
        }
    }
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The state, from a server function or a page rendered on the server.
pub fn app_state() -> Result<AppState, crate::error::AppError> {
    leptos::prelude::use_context::<AppState>().ok_or_else(|| {
        tracing::error!("AppState missing from the Leptos context");
        crate::error::AppError::Internal
    })
}
