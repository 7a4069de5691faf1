//! The life of a complaint (phản ánh, kiến nghị): its statuses and the one
//! pure function that says which action moves it where.
//!
//! ```text
//! submitted ─► received ─(coordinator)─► assigned ─(agency accepts)─► in_progress
//!                 │ reject / duplicate      │ return                    │ submit answer
//!                 ▼                         ▼                           ▼
//!              rejected               back to received          awaiting_approval
//!                                                                │ approve   │ send back
//!                                                                ▼           ▼
//!                               reopened ◄── published ──► rated ──► closed  in_progress
//! ```
//!
//! A reopened complaint is back with its agency, with a new deadline: the
//! agency accepts it (in_progress) or returns it (received) as it does an
//! assigned one, and the coordinator may still redirect it (assigned).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Trạng thái của phản ánh.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ComplaintStatus {
    /// Sent by the citizen, not yet recorded as received.
    Submitted,
    /// Đã tiếp nhận: the deadline runs from here; waits for the coordinator.
    Received,
    /// Đã chuyển xử lý: sent to an agency, waiting for it to accept.
    Assigned,
    /// Đang xử lý.
    InProgress,
    /// Chờ lãnh đạo duyệt: an answer is drafted.
    AwaitingApproval,
    /// Đã công khai trả lời.
    Published,
    /// Người dân đã đánh giá.
    Rated,
    /// Đã đóng.
    Closed,
    /// Từ chối tiếp nhận (the reason is public).
    Rejected,
    /// Mở lại theo đề nghị của người dân: back with the agency, which
    /// accepts or returns it like an assigned complaint.
    Reopened,
}

impl ComplaintStatus {
    pub const ALL: [ComplaintStatus; 10] = [
        Self::Submitted,
        Self::Received,
        Self::Assigned,
        Self::InProgress,
        Self::AwaitingApproval,
        Self::Published,
        Self::Rated,
        Self::Closed,
        Self::Rejected,
        Self::Reopened,
    ];

    /// The stable name stored in the database and used in URLs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Submitted => "submitted",
            Self::Received => "received",
            Self::Assigned => "assigned",
            Self::InProgress => "in_progress",
            Self::AwaitingApproval => "awaiting_approval",
            Self::Published => "published",
            Self::Rated => "rated",
            Self::Closed => "closed",
            Self::Rejected => "rejected",
            Self::Reopened => "reopened",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.as_str() == s)
    }

    /// What a citizen reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Submitted => "Đã gửi",
            Self::Received => "Đã tiếp nhận",
            Self::Assigned => "Đã chuyển cơ quan xử lý",
            Self::InProgress => "Đang xử lý",
            Self::AwaitingApproval => "Chờ duyệt trả lời",
            Self::Published => "Đã trả lời",
            Self::Rated => "Đã đánh giá",
            Self::Closed => "Đã đóng",
            Self::Rejected => "Từ chối tiếp nhận",
            Self::Reopened => "Mở lại",
        }
    }

    /// An answer has been published (the complaint counts as answered).
    pub fn is_answered(self) -> bool {
        matches!(self, Self::Published | Self::Rated | Self::Closed)
    }

    /// Still waiting for the state to act: the deadline matters.
    pub fn is_open(self) -> bool {
        matches!(
            self,
            Self::Received | Self::Assigned | Self::InProgress | Self::AwaitingApproval | Self::Reopened
        )
    }
}

impl fmt::Display for ComplaintStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Something a person (or the system) does to a complaint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The system records the submission as received (the deadline starts).
    Receive,
    /// The coordinator sends it to the competent agency.
    Assign,
    /// The coordinator refuses it, with a public reason.
    Reject,
    /// The coordinator marks it as a duplicate of another complaint.
    MarkDuplicate,
    /// The agency accepts it.
    Accept,
    /// The agency sends it back: "not our competence", with a reason.
    Return,
    /// The officer submits the drafted answer for approval.
    SubmitAnswer,
    /// The leader approves: the answer is published.
    Approve,
    /// The leader sends the draft back to the officer.
    SendBack,
    /// The citizen rates the published answer.
    Rate,
    /// The coordinator closes the case.
    Close,
    /// The coordinator reopens it at the citizen's request: back to the
    /// agency with a new deadline.
    Reopen,
}

impl Action {
    pub const ALL: [Action; 12] = [
        Self::Receive,
        Self::Assign,
        Self::Reject,
        Self::MarkDuplicate,
        Self::Accept,
        Self::Return,
        Self::SubmitAnswer,
        Self::Approve,
        Self::SendBack,
        Self::Rate,
        Self::Close,
        Self::Reopen,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Receive => "receive",
            Self::Assign => "assign",
            Self::Reject => "reject",
            Self::MarkDuplicate => "mark_duplicate",
            Self::Accept => "accept",
            Self::Return => "return",
            Self::SubmitAnswer => "submit_answer",
            Self::Approve => "approve",
            Self::SendBack => "send_back",
            Self::Rate => "rate",
            Self::Close => "close",
            Self::Reopen => "reopen",
        }
    }
}

/// An action that the complaint's current status does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error, Serialize, Deserialize)]
#[error("không thể thực hiện thao tác {} khi phản ánh ở trạng thái “{}”", action.as_str(), from.label())]
pub struct TransitionError {
    pub from: ComplaintStatus,
    pub action: Action,
}

/// The status a complaint moves to when `action` is taken in status `from`.
///
/// This is the whole workflow: every service that changes a status asks here
/// first, in the same transaction that writes the event.
pub fn next_status(from: ComplaintStatus, action: Action) -> Result<ComplaintStatus, TransitionError> {
    use Action as A;
    use ComplaintStatus as S;
    let to = match (from, action) {
        (S::Submitted, A::Receive) => S::Received,
        (S::Received, A::Assign) => S::Assigned,
        // The coordinator redirects it before the agency accepts (for
        // example, undoing an automatic assignment).
        (S::Assigned, A::Assign) => S::Assigned,
        (S::Received, A::Reject | A::MarkDuplicate) => S::Rejected,
        (S::Assigned, A::Accept) => S::InProgress,
        (S::Assigned, A::Return) => S::Received,
        (S::InProgress, A::SubmitAnswer) => S::AwaitingApproval,
        (S::AwaitingApproval, A::Approve) => S::Published,
        (S::AwaitingApproval, A::SendBack) => S::InProgress,
        (S::Published, A::Rate) => S::Rated,
        (S::Published | S::Rated, A::Close) => S::Closed,
        (S::Published | S::Rated, A::Reopen) => S::Reopened,
        (S::Reopened, A::Accept) => S::InProgress,
        (S::Reopened, A::Return) => S::Received,
        (S::Reopened, A::Assign) => S::Assigned,
        _ => return Err(TransitionError { from, action }),
    };
    Ok(to)
}

#[cfg(test)]
mod tests {
    use super::*;
    use Action as A;
    use ComplaintStatus as S;

    /// Every legal move, written out once more by hand from DESIGN.md.
    const LEGAL: &[(S, A, S)] = &[
        (S::Submitted, A::Receive, S::Received),
        (S::Received, A::Assign, S::Assigned),
        (S::Assigned, A::Assign, S::Assigned),
        (S::Received, A::Reject, S::Rejected),
        (S::Received, A::MarkDuplicate, S::Rejected),
        (S::Assigned, A::Accept, S::InProgress),
        (S::Assigned, A::Return, S::Received),
        (S::InProgress, A::SubmitAnswer, S::AwaitingApproval),
        (S::AwaitingApproval, A::Approve, S::Published),
        (S::AwaitingApproval, A::SendBack, S::InProgress),
        (S::Published, A::Rate, S::Rated),
        (S::Published, A::Close, S::Closed),
        (S::Rated, A::Close, S::Closed),
        (S::Published, A::Reopen, S::Reopened),
        (S::Rated, A::Reopen, S::Reopened),
        (S::Reopened, A::Accept, S::InProgress),
        (S::Reopened, A::Return, S::Received),
        (S::Reopened, A::Assign, S::Assigned),
    ];

    #[test]
    fn every_legal_transition_moves_where_the_design_says() {
        for &(from, action, to) in LEGAL {
            assert_eq!(next_status(from, action), Ok(to), "{from} + {action:?}");
        }
    }

    #[test]
    fn every_other_pair_is_a_typed_error() {
        let mut illegal = 0;
        for from in S::ALL {
            for action in A::ALL {
                if LEGAL.iter().any(|&(f, a, _)| f == from && a == action) {
                    continue;
                }
                assert_eq!(next_status(from, action), Err(TransitionError { from, action }));
                illegal += 1;
            }
        }
        assert_eq!(illegal, S::ALL.len() * A::ALL.len() - LEGAL.len());
    }

    #[test]
    fn terminal_states_allow_nothing() {
        for action in A::ALL {
            assert!(next_status(S::Closed, action).is_err());
            assert!(next_status(S::Rejected, action).is_err());
        }
    }

    #[test]
    fn status_names_round_trip() {
        for status in S::ALL {
            assert_eq!(S::parse(status.as_str()), Some(status));
        }
        assert_eq!(S::parse("bogus"), None);
    }

    #[test]
    fn transition_error_is_vietnamese() {
        let err = next_status(S::Closed, A::Approve).unwrap_err();
        assert!(err.to_string().contains("Đã đóng"));
    }
}
