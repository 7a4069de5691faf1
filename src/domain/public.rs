//! The public answers: what anyone may read of complaints their citizens
//! agreed to publish. Only the commune appears as the place, never the
//! street address; never the citizen's name, phone or e-mail.

use serde::{Deserialize, Serialize};

use super::ComplaintStatus;

/// Complaints per page of the public list.
pub const PAGE_SIZE: i64 = 20;

/// The public list's status filter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum StatusFilter {
    /// Đã trả lời (published, rated or closed).
    #[default]
    Answered,
    /// Đang xử lý (assigned to an agency, not yet answered).
    InProgress,
    /// Tất cả.
    All,
}

impl StatusFilter {
    pub const ALL: [StatusFilter; 3] = [Self::Answered, Self::InProgress, Self::All];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Answered => "da-tra-loi",
            Self::InProgress => "dang-xu-ly",
            Self::All => "tat-ca",
        }
    }

    pub fn parse(s: &str) -> Self {
        Self::ALL.into_iter().find(|f| f.as_str() == s).unwrap_or_default()
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Answered => "Đã trả lời",
            Self::InProgress => "Đang xử lý",
            Self::All => "Tất cả",
        }
    }

    /// The statuses the filter shows. Complaints not yet accepted for
    /// handling (submitted, received) or rejected are never listed.
    pub fn statuses(self) -> &'static [ComplaintStatus] {
        use ComplaintStatus as S;
        match self {
            Self::Answered => &[S::Published, S::Rated, S::Closed],
            Self::InProgress => &[S::Assigned, S::InProgress, S::AwaitingApproval, S::Reopened],
            Self::All => &[
                S::Assigned,
                S::InProgress,
                S::AwaitingApproval,
                S::Reopened,
                S::Published,
                S::Rated,
                S::Closed,
            ],
        }
    }
}

/// The filters of the public list, as in its URL.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicQuery {
    /// Words to find, with or without diacritics.
    pub text: String,
    /// An agency code.
    pub agency: String,
    /// A category code.
    pub category: String,
    /// A commune code.
    pub commune: String,
    pub status: StatusFilter,
    /// 1-based.
    pub page: i64,
}

/// One complaint in the public list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSummary {
    pub id: i64,
    pub title: String,
    pub status: ComplaintStatus,
    pub agency_name: Option<String>,
    pub category_name: Option<String>,
    pub commune_name: Option<String>,
    pub received_at: i64,
    pub published_at: Option<i64>,
}

/// A page of the public list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicPage {
    pub items: Vec<PublicSummary>,
    /// Matching complaints on all pages.
    pub total: i64,
    pub page: i64,
}

impl PublicPage {
    pub fn page_count(&self) -> i64 {
        ((self.total + PAGE_SIZE - 1) / PAGE_SIZE).max(1)
    }
}

/// The public list's page: results and the choices of its filters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicListView {
    pub results: PublicPage,
    pub agencies: Vec<super::submission::Choice>,
    pub categories: Vec<super::submission::Choice>,
    pub communes: Vec<super::submission::Choice>,
}

/// A published complaint's public page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicComplaint {
    pub summary: PublicSummary,
    /// With phone numbers, e-mails and the citizen's name hidden.
    pub description: String,
    pub answer: Option<String>,
    /// Files the agency attached to its answer.
    pub answer_files: Vec<crate::domain::attachment::Attachment>,
    pub deadline_at: Option<i64>,
    pub on_time: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_round_trip_and_default_to_answered() {
        for f in StatusFilter::ALL {
            assert_eq!(StatusFilter::parse(f.as_str()), f);
        }
        assert_eq!(StatusFilter::parse("bogus"), StatusFilter::Answered);
        assert!(!StatusFilter::All.statuses().contains(&ComplaintStatus::Received));
        assert!(!StatusFilter::All.statuses().contains(&ComplaintStatus::Rejected));
    }

    #[test]
    fn page_count_rounds_up() {
        let page = |total| PublicPage {
            items: vec![],
            total,
            page: 1,
        };
        assert_eq!(page(0).page_count(), 1);
        assert_eq!(page(20).page_count(), 2 - 1);
        assert_eq!(page(21).page_count(), 2);
    }
}
