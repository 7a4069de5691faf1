//! Complaint events: the immutable history. The tracker's timeline and every
//! statistic are read from these rows.

use super::ComplaintStatus;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The status changed (from → to).
    Status,
    /// An internal note.
    Note,
    /// A deadline extension was asked for or decided.
    Extension,
    /// Someone was reminded of a deadline.
    Reminder,
    /// The citizen rated the answer.
    Rating,
}

impl EventKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Status => "status",
            Self::Note => "note",
            Self::Extension => "extension",
            Self::Reminder => "reminder",
            Self::Rating => "rating",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Status, Self::Note, Self::Extension, Self::Reminder, Self::Rating]
            .into_iter()
            .find(|kind| kind.as_str() == s)
    }
}

/// One row of a complaint's history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ComplaintEvent {
    pub id: i64,
    pub complaint_id: i64,
    /// Unix seconds.
    pub at: i64,
    /// The staff member who acted; `None` for the citizen or the system.
    pub actor_id: Option<i64>,
    pub kind: EventKind,
    pub from_status: Option<ComplaintStatus>,
    pub to_status: Option<ComplaintStatus>,
    pub note: Option<String>,
    /// Shown on the citizen's tracker.
    pub is_public: bool,
}
