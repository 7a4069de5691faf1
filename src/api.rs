//! Server functions: public HTTP endpoints the pages and islands call. Each
//! one is thin: it takes the state from context and calls a service.

pub mod admin;
pub mod ratings;
pub mod staff;
pub mod stats;
mod support;

use leptos::prelude::*;

use crate::domain::public::{PublicComplaint, PublicListView, PublicQuery};
use crate::domain::{AgencySuggestion, FiledView, HomeData, TrackedComplaint, WizardView};
use crate::error::AppError;

/// The home page's figures and latest published answers (public data).
#[server(endpoint = "home")]
pub async fn get_home_data() -> Result<HomeData, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::services::home::home_data(&state.db).await
}

/// The client making the current request (for rate limits).
#[cfg(feature = "ssr")]
async fn client() -> Result<crate::server::services::rate_limit::Client, AppError> {
    let axum::Extension(client) =
        leptos_axum::extract::<axum::Extension<crate::server::services::rate_limit::Client>>()
            .await
            .map_err(|_| AppError::Internal)?;
    Ok(client)
}

/// The wizard draft token of the current request's cookie.
#[cfg(feature = "ssr")]
async fn draft_token() -> Option<String> {
    let headers = leptos_axum::extract::<axum::http::HeaderMap>().await.ok()?;
    crate::server::http::wizard::draft_token(&headers)
}

/// Public facts about the complaint with tracking code `code`; `factor`
/// (the last four digits of the phone) unlocks a private complaint.
#[server(endpoint = "track")]
pub async fn track_complaint(code: String, factor: Option<String>) -> Result<TrackedComplaint, AppError> {
    let code = crate::domain::TrackingCode::parse(&code).map_err(|err| AppError::validation("ma", err.to_string()))?;
    let state = crate::server::state::app_state()?;
    let now = crate::server::store::now();
    let client = client().await?;
    crate::server::services::rate_limit::lookup(&state.db, &state.config.limits, &client, now).await?;
    crate::server::services::tracker::track(&state.db, &state.config.limits, &code, factor.as_deref(), now).await
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

/// The wizard's page for step `step` (1–5) of the caller's draft; `None`
/// when that draft is already filed.
#[server(endpoint = "wizard")]
pub async fn load_wizard(step: Option<usize>) -> Result<Option<WizardView>, AppError> {
    let state = crate::server::state::app_state()?;
    let token = draft_token().await;
    let step = step.and_then(crate::domain::Step::from_number);
    crate::server::services::wizard::view(&state.db, &state.router, token.as_deref(), step).await
}

/// The confirmation of the caller's filed draft, if any.
#[server(endpoint = "filed")]
pub async fn load_filed() -> Result<Option<FiledView>, AppError> {
    let state = crate::server::state::app_state()?;
    let Some(token) = draft_token().await else {
        return Ok(None);
    };
    crate::server::services::wizard::filed(&state.db, &token).await
}

/// A page of the public list.
#[server(endpoint = "public-list")]
pub async fn public_list(query: PublicQuery) -> Result<PublicListView, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::services::public::list(&state.db, &query).await
}

/// One complaint's public page.
#[server(endpoint = "public-complaint")]
pub async fn load_public_complaint(id: i64) -> Result<PublicComplaint, AppError> {
    let state = crate::server::state::app_state()?;
    crate::server::services::public::complaint(&state.db, id).await
}
