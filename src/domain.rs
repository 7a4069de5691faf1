//! The domain model shared by the server and the browser: plain data and pure
//! rules, no I/O. Everything here compiles to WASM.

pub mod admin;
pub mod agency;
pub mod attachment;
pub mod complaint;
pub mod deadline;
pub mod event;
pub mod place;
pub mod privacy;
pub mod public;
pub mod rating;
pub mod report;
pub mod routing;
pub mod site;
pub mod staff;
pub mod stats;
pub mod submission;
pub mod text;
pub mod tracker;
pub mod tracking;
pub mod work;

pub use agency::{Agency, AgencyKind, Category};
pub use complaint::{Action, ComplaintStatus, TransitionError};
pub use deadline::{DayKind, DeadlinePolicy};
pub use event::{ComplaintEvent, EventKind};
pub use place::{Commune, CommuneKind};
pub use rating::Satisfaction;
pub use routing::AgencySuggestion;
pub use site::SiteInfo;
pub use staff::{Duty, Role, StaffUser};
pub use stats::{HeadlineFigures, HomeData, PublishedSummary};
pub use submission::{Draft, FieldError, FiledView, Step, WizardView};
pub use tracker::{TimelineEntry, TrackedComplaint};
pub use tracking::TrackingCode;
