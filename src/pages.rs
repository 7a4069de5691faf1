//! One module per page.

pub mod admin;
pub mod chart;
pub mod complaint;
pub mod complaints;
pub mod filed;
pub mod home;
pub mod not_found;
pub mod ranking;
pub mod staff;
pub mod stats_view;
pub mod submit;
pub mod track;

/// Sets the HTTP status of the page being rendered on the server.
pub fn set_status(code: u16) {
    #[cfg(feature = "ssr")]
    if let Some(response) = leptos::prelude::use_context::<leptos_axum::ResponseOptions>() {
        if let Ok(status) = axum::http::StatusCode::from_u16(code) {
            response.set_status(status);
        }
    }
    #[cfg(not(feature = "ssr"))]
    let _ = code;
}
