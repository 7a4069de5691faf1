//! Phản hồi — a citizen feedback system for Vietnamese provinces.
//!
//! One crate, two builds: with `ssr` it is the axum server (pages rendered on
//! the server, server functions, database); with `hydrate` it is the small
//! WASM bundle that wakes up the interactive islands in the browser.
//!
//! - [`domain`]: types both sides share (complaints, statuses, agencies…).
//! - [`error`]: the one error type, shared so server functions can return it.
//! - [`app`], [`pages`], [`components`]: the user interface.
//! - `server` (ssr only): configuration, database, services, HTTP router.

// The staff and admin pages' views are deeply nested types.
#![recursion_limit = "256"]

pub mod api;
pub mod app;
pub mod components;
pub mod domain;
pub mod error;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod server;

/// Entry point of the WASM bundle: hydrates the `#[island]` components only.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}
