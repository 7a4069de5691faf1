//! Everything that only runs on the server: configuration, the database and
//! its store, the services behind server functions, seeding, the HTTP router.

pub mod auth;
pub mod cli;
pub mod config;
pub mod db;
pub mod export;
pub mod generate;
pub mod http;
pub mod media;
pub mod notify;
pub mod routing;
pub mod seed;
pub mod services;
pub mod state;
pub mod store;

pub use config::Config;
pub use db::Db;
pub use state::AppState;
