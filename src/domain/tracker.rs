//! What the citizen's tracker shows for a tracking code: public facts only.

use serde::{Deserialize, Serialize};

use super::ComplaintStatus;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TrackedComplaint {
    /// As displayed, `ABCD-EFGH`.
    pub code: String,
    pub status: ComplaintStatus,
    /// Withheld (None) when the citizen asked not to publish.
    pub title: Option<String>,
    pub agency_name: Option<String>,
    /// Unix seconds.
    pub submitted_at: i64,
    /// Unix seconds: end of the day by which the answer is due.
    pub deadline_at: Option<i64>,
    /// Calendar days until the deadline (negative when overdue), while the
    /// complaint is open.
    pub days_left: Option<i64>,
    pub timeline: Vec<TimelineEntry>,
    /// The published answer, when public.
    pub answer: Option<String>,
    /// Files attached to the published answer, when it is shown.
    pub answer_files: Vec<super::attachment::Attachment>,
    /// What the files' links need (`ma=…&so=…` for a private complaint
    /// opened with its second factor), or empty.
    pub file_query: String,
    pub reject_reason: Option<String>,
    /// The citizen asked not to publish it and the second factor (the last
    /// four digits of their phone) was not given: content is withheld.
    pub needs_factor: bool,
    /// The rating and the reopen request, once there is an answer (withheld
    /// with the content while the second factor is missing).
    pub feedback: Option<super::rating::Feedback>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub at: i64,
    pub status: Option<ComplaintStatus>,
    pub note: Option<String>,
}
