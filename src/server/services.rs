//! Services: the application's operations as plain async functions over the
//! database. Server functions and commands are thin wrappers around these;
//! tests call them directly.

pub mod admin;
pub mod complaints;
pub mod files;
pub mod home;
pub mod public;
pub mod rate_limit;
pub mod ratings;
pub mod reminders;
pub mod routing;
pub mod stats;
pub mod tracker;
pub mod wizard;
pub mod work;
pub mod workflow;
