//! Server functions: public HTTP endpoints the pages and islands call. Each
//! one is thin: it takes the state from context and calls a service.

use leptos::prelude::*;

use crate::domain::{HomeData, TrackedComplaint};
use crate::error::AppError;

/// The home page's figures and latest published answers (public data).
#[server(endpoint = "home")]
pub async fn get_home_data() -> Result<HomeData, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::services::home::home_data(&state.db).await
}

/// Public facts about the complaint with tracking code `code`.
#[server(endpoint = "track")]
pub async fn track_complaint(code: String) -> Result<TrackedComplaint, AppError> {
    let code = crate::domain::TrackingCode::parse(&code).map_err(|err| AppError::validation("ma", err.to_string()))?;
    let state = crate::server::state::app_state()?;
    crate::server::services::tracker::track(&state.db, &code, crate::server::store::now()).await
}
