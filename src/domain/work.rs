//! What staff see: the inboxes by role and a complaint's full page, as
//! plain data shared by the server functions and the pages.

use serde::{Deserialize, Serialize};

use crate::domain::deadline::{Stage, Urgency};
use crate::domain::{AgencySuggestion, ComplaintStatus, Role, StaffUser};

/// Rows per inbox page.
pub const INBOX_PAGE_SIZE: i64 = 25;

/// Which list of complaints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Queue {
    /// Coordinator: received and returned complaints waiting for triage.
    Triage,
    /// Coordinator: every open complaint due within two days.
    DueSoon,
    /// Coordinator: every overdue open complaint.
    Overdue,
    /// Coordinator: pending extension requests.
    Extensions,
    /// Coordinator: citizens' pending requests to reopen.
    Reopen,
    /// Agency: assigned (or reopened) to the agency and being handled.
    Agency,
    /// Leader: answers waiting for approval.
    Approval,
    /// Every complaint one may see, newest first.
    All,
}

impl Queue {
    pub const ALL: [Queue; 8] = [
        Self::Triage,
        Self::DueSoon,
        Self::Overdue,
        Self::Extensions,
        Self::Reopen,
        Self::Agency,
        Self::Approval,
        Self::All,
    ];

    /// The name used in URLs (`?hang=`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Triage => "cho-phan-loai",
            Self::DueSoon => "sap-den-han",
            Self::Overdue => "qua-han",
            Self::Extensions => "gia-han",
            Self::Reopen => "de-nghi-mo-lai",
            Self::Agency => "dang-xu-ly",
            Self::Approval => "cho-duyet",
            Self::All => "tat-ca",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|q| q.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Triage => "Chờ phân loại",
            Self::DueSoon => "Sắp đến hạn",
            Self::Overdue => "Quá hạn",
            Self::Extensions => "Đề nghị gia hạn",
            Self::Reopen => "Đề nghị mở lại",
            Self::Agency => "Đang xử lý",
            Self::Approval => "Chờ duyệt",
            Self::All => "Tất cả",
        }
    }

    /// The lists a role works from, the first being its home.
    pub fn for_role(role: Role) -> &'static [Queue] {
        match role {
            Role::Coordinator => &[
                Self::Triage,
                Self::DueSoon,
                Self::Overdue,
                Self::Extensions,
                Self::Reopen,
                Self::All,
            ],
            Role::Officer => &[Self::Agency, Self::Approval, Self::All],
            Role::Leader => &[Self::Approval, Self::Agency, Self::All],
            Role::Admin => &[],
        }
    }
}

/// One line of an inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxRow {
    pub id: i64,
    pub code: String,
    pub title: String,
    pub status: ComplaintStatus,
    pub agency_name: Option<String>,
    pub commune_name: Option<String>,
    pub received_at: Option<i64>,
    pub deadline_at: Option<i64>,
    pub stage_due_at: Option<i64>,
    /// The colour of the nearer of the two deadlines.
    pub urgency: Option<Urgency>,
}

/// A page of an inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InboxView {
    pub me: StaffUser,
    pub queue: Queue,
    pub queues: Vec<Queue>,
    pub rows: Vec<InboxRow>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    /// For a leader: open complaints per officer of the agency.
    pub workload: Vec<Workload>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Workload {
    pub officer_name: String,
    pub open: i64,
    pub overdue: i64,
}

/// One entry of the full internal history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    pub at: i64,
    pub actor_name: Option<String>,
    pub what: String,
    pub note: Option<String>,
    pub is_public: bool,
}

/// A request for more time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtensionRequest {
    pub id: i64,
    pub requested_by: String,
    pub reason: String,
    pub old_deadline_at: i64,
    pub new_deadline_at: i64,
    pub state: String,
    pub requested_at: i64,
}

/// Something the person looking at the page may do now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Move {
    Assign,
    Reject,
    Duplicate,
    Remind,
    DecideExtension,
    /// Coordinator: accept or refuse the citizen's request to reopen.
    DecideReopen,
    Accept,
    Return,
    Answer,
    RequestExtension,
    Approve,
    SendBack,
    Note,
}

/// What waits for a decision on a complaint.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Pending {
    /// An agency's request for more time.
    pub extension: bool,
    /// The citizen's request to reopen.
    pub reopen: bool,
}

/// What `me` may do to a complaint in `status` handled by `agency_id`
/// (the server checks it again when they do it).
pub fn moves(me: &StaffUser, status: ComplaintStatus, agency_id: Option<i64>, pending: Pending) -> Vec<Move> {
    use ComplaintStatus as S;
    if !crate::domain::staff::in_scope(me, agency_id) {
        return Vec::new();
    }
    let mut out = Vec::new();
    match me.role {
        Role::Coordinator => {
            match status {
                S::Received => out.extend([Move::Assign, Move::Reject, Move::Duplicate]),
                // Redirect before the agency accepts.
                S::Assigned | S::Reopened => out.push(Move::Assign),
                _ => {}
            }
            if status.is_open() && agency_id.is_some() {
                out.push(Move::Remind);
            }
            if pending.extension {
                out.push(Move::DecideExtension);
            }
            if pending.reopen && status == S::Rated {
                out.push(Move::DecideReopen);
            }
        }
        Role::Officer => match status {
            S::Assigned | S::Reopened => out.extend([Move::Accept, Move::Return, Move::RequestExtension]),
            S::InProgress => out.extend([Move::Answer, Move::RequestExtension]),
            _ => {}
        },
        Role::Leader => {
            if status == S::AwaitingApproval {
                out.extend([Move::Approve, Move::SendBack]);
            }
        }
        Role::Admin => {}
    }
    if me.role != Role::Admin {
        out.push(Move::Note);
    }
    if pending.extension {
        out.retain(|m| *m != Move::RequestExtension);
    }
    out
}

/// A complaint as staff see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseView {
    pub me: StaffUser,
    pub id: i64,
    pub version: i64,
    pub code: String,
    pub title: String,
    pub description: String,
    pub category_name: Option<String>,
    pub commune_name: Option<String>,
    pub address: String,
    pub citizen_name: String,
    pub citizen_phone: String,
    pub citizen_email: Option<String>,
    pub is_public: bool,
    pub status: ComplaintStatus,
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    pub chosen_agency_name: Option<String>,
    pub officer_name: Option<String>,
    pub received_at: Option<i64>,
    pub deadline_at: Option<i64>,
    pub stage: Option<Stage>,
    pub stage_due_at: Option<i64>,
    pub urgency: Option<Urgency>,
    pub answer: Option<String>,
    pub answer_draft: Option<String>,
    /// Files attached to the answer (draft or published).
    pub answer_files: Vec<crate::domain::attachment::Attachment>,
    /// The citizen's photos and documents.
    pub citizen_files: Vec<crate::domain::attachment::Attachment>,
    pub reject_reason: Option<String>,
    pub duplicate_of_code: Option<String>,
    pub on_time: Option<bool>,
    pub history: Vec<HistoryEntry>,
    pub extensions: Vec<ExtensionRequest>,
    /// The citizen's rating of the published answer, if any.
    pub rating: Option<crate::domain::rating::Rating>,
    /// The citizen's requests to reopen, oldest first.
    pub reopen_requests: Vec<crate::domain::rating::ReopenRequest>,
    pub moves: Vec<Move>,
    /// The routing model's suggestions, for the coordinator's assign form.
    pub suggestions: Vec<AgencySuggestion>,
    /// Agencies one may assign to: (code, name).
    pub agencies: Vec<(String, String)>,
}

/// The reasons the coordinator most often gives for refusing a complaint;
/// the chosen one starts the public reason, which can be completed.
pub const REJECT_TEMPLATES: &[&str] = &[
    "Nội dung không thuộc phạm vi tiếp nhận của hệ thống (khiếu nại, tố cáo, vụ việc đang được tòa án giải quyết).",
    "Nội dung không rõ ràng, không đủ thông tin để xác minh, xử lý.",
    "Nội dung có lời lẽ xúc phạm, không phù hợp thuần phong mỹ tục.",
    "Nội dung đã được cơ quan có thẩm quyền trả lời trước đây.",
    "Nội dung quảng cáo, không phải phản ánh, kiến nghị.",
];

/// The longest note, reason or answer staff may write.
pub const MAX_TEXT: usize = 20_000;

/// Checks a required text field; the message is for the person typing.
pub fn required_text(value: &str, field: &str, what: &str) -> Result<String, crate::error::AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(crate::error::AppError::validation(
            field,
            format!("Vui lòng nhập {what}."),
        ));
    }
    if value.chars().count() > MAX_TEXT {
        return Err(crate::error::AppError::validation(
            field,
            format!("Nội dung quá dài (tối đa {MAX_TEXT} ký tự)."),
        ));
    }
    Ok(value.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_names_round_trip_and_roles_have_homes() {
        for q in Queue::ALL {
            assert_eq!(Queue::parse(q.as_str()), Some(q));
        }
        assert_eq!(Queue::for_role(Role::Coordinator)[0], Queue::Triage);
        assert_eq!(Queue::for_role(Role::Officer)[0], Queue::Agency);
        assert_eq!(Queue::for_role(Role::Leader)[0], Queue::Approval);
        assert!(Queue::for_role(Role::Admin).is_empty());
    }

    fn staff(role: Role, agency_id: i64) -> StaffUser {
        StaffUser {
            id: 1,
            username: "u".into(),
            email: "u@x.vn".into(),
            full_name: "U".into(),
            role,
            agency_id,
        }
    }

    #[test]
    fn moves_follow_role_status_and_agency() {
        use ComplaintStatus as S;
        let coordinator = staff(Role::Coordinator, 1);
        let none = Pending::default();
        let extension = Pending {
            extension: true,
            reopen: false,
        };
        let reopen = Pending {
            extension: false,
            reopen: true,
        };
        assert_eq!(
            moves(&coordinator, S::Received, None, none),
            vec![Move::Assign, Move::Reject, Move::Duplicate, Move::Note]
        );
        assert_eq!(
            moves(&coordinator, S::InProgress, Some(5), extension),
            vec![Move::Remind, Move::DecideExtension, Move::Note]
        );
        let officer = staff(Role::Officer, 5);
        assert_eq!(
            moves(&officer, S::Assigned, Some(5), none),
            vec![Move::Accept, Move::Return, Move::RequestExtension, Move::Note]
        );
        assert_eq!(
            moves(&officer, S::InProgress, Some(5), extension),
            vec![Move::Answer, Move::Note]
        );
        assert!(moves(&officer, S::Assigned, Some(6), none).is_empty());
        let leader = staff(Role::Leader, 5);
        assert_eq!(
            moves(&leader, S::AwaitingApproval, Some(5), none),
            vec![Move::Approve, Move::SendBack, Move::Note]
        );
        assert!(moves(&staff(Role::Admin, 1), S::Received, None, none).is_empty());
        // The citizen's request to reopen: only the coordinator decides it,
        // while the complaint is rated.
        assert_eq!(
            moves(&coordinator, S::Rated, Some(5), reopen),
            vec![Move::DecideReopen, Move::Note]
        );
        assert_eq!(moves(&officer, S::Rated, Some(5), reopen), vec![Move::Note]);
        assert_eq!(moves(&leader, S::Rated, Some(5), reopen), vec![Move::Note]);
        assert_eq!(moves(&coordinator, S::Closed, Some(5), reopen), vec![Move::Note]);
        // Reopened: back with the agency, which accepts or returns it; the
        // coordinator may still redirect it.
        assert_eq!(
            moves(&officer, S::Reopened, Some(5), none),
            vec![Move::Accept, Move::Return, Move::RequestExtension, Move::Note]
        );
        assert_eq!(
            moves(&coordinator, S::Reopened, Some(5), none),
            vec![Move::Assign, Move::Remind, Move::Note]
        );
    }

    #[test]
    fn required_text_is_trimmed_and_bounded() {
        assert_eq!(required_text("  lý do  ", "reason", "lý do").unwrap(), "lý do");
        let err = required_text("   ", "reason", "lý do").unwrap_err();
        assert_eq!(err.field_message("reason"), Some("Vui lòng nhập lý do."));
        assert!(required_text(&"a".repeat(MAX_TEXT + 1), "reason", "lý do").is_err());
    }
}
