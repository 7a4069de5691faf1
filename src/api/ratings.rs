//! The citizen's feedback from the tracker: rating the answer and asking
//! for the complaint to be reopened. Both are sent by a plain form: without
//! JavaScript the answer is a redirect back to the tracker (with a
//! confirmation, or with what was typed and the problem's code, never its
//! text); the tracker's island calls them and goes to the address returned.

use leptos::prelude::*;

use crate::error::AppError;

/// Rates (or re-rates, within seven days) the answer to complaint `code`;
/// `factor` is the tracker's second factor (private complaints). Returns
/// the tracker's address with the confirmation.
#[server(endpoint = "track/rate")]
pub async fn rate_complaint(
    code: String,
    factor: Option<String>,
    score: Option<String>,
    comment: Option<String>,
) -> Result<String, AppError> {
    use crate::domain::rating::RateMove;
    let result = async {
        let state = crate::server::state::app_state()?;
        let client = super::client().await?;
        let code = form::parse_code(&code)?;
        let sender = crate::server::services::ratings::Sender {
            code: &code,
            factor: factor.as_deref(),
            client: &client,
        };
        let limits = &state.config.limits;
        let step = crate::server::services::ratings::rate_from_tracker(
            &state.db,
            limits,
            &sender,
            score.as_deref(),
            comment.as_deref(),
            crate::server::store::now(),
        )
        .await?;
        Ok(match step {
            RateMove::First => form::Saved::Rating,
            RateMove::Change => form::Saved::Change,
        })
    }
    .await;
    let kept = [("diem", score.as_deref()), ("y-kien", comment.as_deref())];
    form::finish(&code, factor.as_deref(), form::Which::Rating, &kept, result)
}

/// Asks for complaint `code` to be reopened, with a reason. Returns the
/// tracker's address with the confirmation.
#[server(endpoint = "track/reopen")]
pub async fn request_reopen(code: String, factor: Option<String>, reason: Option<String>) -> Result<String, AppError> {
    let result = async {
        let state = crate::server::state::app_state()?;
        let client = super::client().await?;
        let code = form::parse_code(&code)?;
        let sender = crate::server::services::ratings::Sender {
            code: &code,
            factor: factor.as_deref(),
            client: &client,
        };
        crate::server::services::ratings::request_reopen(
            &state.db,
            &state.config.limits,
            &sender,
            reason.as_deref(),
            crate::server::store::now(),
        )
        .await?;
        Ok(form::Saved::Reopen)
    }
    .await;
    let kept = [("ly-do", reason.as_deref())];
    form::finish(&code, factor.as_deref(), form::Which::Reopen, &kept, result)
}

/// The two forms' answers: the address to go to, and for a plain form
/// (no JavaScript) the redirect there.
#[cfg(feature = "ssr")]
mod form {
    use crate::domain::rating::FeedbackProblem;
    use crate::domain::TrackingCode;
    use crate::error::AppError;
    use crate::pages::track::feedback::query;

    pub use crate::pages::track::feedback::Saved;

    /// Which form was sent.
    #[derive(Clone, Copy)]
    pub enum Which {
        Rating,
        Reopen,
    }

    /// What a plain form's redirect keeps of the text typed: more than any
    /// valid input, less than a URL may carry.
    const KEPT_CHARS: usize = 2_000;

    pub fn parse_code(code: &str) -> Result<TrackingCode, AppError> {
        TrackingCode::parse(code).map_err(|_| AppError::NotFound)
    }

    /// The tracker's address for `code` with `pairs` added.
    fn tracker_url(code: &str, factor: Option<&str>, pairs: &[(&str, &str)], anchor: &str) -> String {
        let shown = TrackingCode::parse(code).map(|c| c.to_string()).unwrap_or_default();
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair(query::CODE, &shown);
        if let Some(factor) = factor.map(str::trim).filter(|f| !f.is_empty()) {
            query.append_pair(query::FACTOR, factor);
        }
        for (name, value) in pairs {
            query.append_pair(name, value);
        }
        format!("/tra-cuu?{}#{anchor}", query.finish())
    }

    /// Whether the request is a plain form post (the browser wants a page).
    fn plain_form() -> bool {
        leptos::prelude::use_context::<axum::http::request::Parts>()
            .and_then(|parts| {
                parts
                    .headers
                    .get(axum::http::header::ACCEPT)
                    .and_then(|v| v.to_str().ok())
                    .map(|v| v.contains("text/html"))
            })
            .unwrap_or(false)
    }

    pub fn finish(
        code: &str,
        factor: Option<&str>,
        which: Which,
        kept: &[(&str, Option<&str>)],
        result: Result<Saved, AppError>,
    ) -> Result<String, AppError> {
        let (form, anchor) = match which {
            Which::Rating => (query::RATING_FORM, "danh-gia"),
            Which::Reopen => (query::REOPEN_FORM, "mo-lai"),
        };
        match result {
            Ok(saved) => {
                let url = tracker_url(code, factor, &[(query::SAVED, saved.as_str())], "danh-gia");
                if plain_form() {
                    leptos_axum::redirect(&url);
                }
                Ok(url)
            }
            Err(error) => {
                let error = crate::api::support::respond(Err(error));
                if plain_form() {
                    let problem = error
                        .as_ref()
                        .err()
                        .map(FeedbackProblem::of)
                        .unwrap_or(FeedbackProblem::Failed);
                    let cut: Vec<(&str, String)> = kept
                        .iter()
                        .filter_map(|(name, value)| value.map(|v| (*name, v.chars().take(KEPT_CHARS).collect())))
                        .collect();
                    let mut pairs: Vec<(&str, &str)> = cut.iter().map(|(n, v)| (*n, v.as_str())).collect();
                    pairs.push((query::FORM, form));
                    pairs.push((query::PROBLEM, problem.code()));
                    leptos_axum::redirect(&tracker_url(code, factor, &pairs, anchor));
                }
                error
            }
        }
    }
}
