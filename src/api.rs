//! Server functions: public HTTP endpoints the pages and islands call. Each
//! one is thin: it takes the state from context and calls a service.

use leptos::prelude::*;

use crate::domain::{AgencySuggestion, HomeData, TrackedComplaint};
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

/// The agencies most likely competent for a complaint, best first (the
/// wizard's "Tôi không rõ" choice); empty when the text says too little.
#[server(endpoint = "suggest-agencies")]
pub async fn suggest_agencies(
    title: String,
    description: String,
    category: Option<String>,
    commune: Option<String>,
) -> Result<Vec<AgencySuggestion>, AppError> {
    let state = crate::server::state::app_state()?;
    let request = crate::server::services::routing::SuggestRequest {
        title,
        description,
        category,
        commune,
    };
    Ok(state.router.suggest(&request, 3))
}
