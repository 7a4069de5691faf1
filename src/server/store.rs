//! The store: every SQL query of the application, written once for both
//! backends (`$1` placeholders, integer timestamps and flags, portable SQL).
//! Functions take an executor so services can compose them in a transaction.

pub mod attachments;
pub mod catalog;
pub mod complaints;
pub mod drafts;
pub mod public;
pub mod rate_limits;
pub mod ratings;
pub mod reference;
pub mod routing;
pub mod settings;
pub mod staff;
pub mod stats;
pub mod work;

/// A connection or a transaction: what store functions run on.
pub type Conn = sqlx::AnyConnection;

/// The current time in unix seconds.
pub fn now() -> i64 {
    chrono::Utc::now().timestamp()
}
