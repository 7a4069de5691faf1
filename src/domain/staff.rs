//! Staff accounts and their roles. Citizens have no account.

use serde::{Deserialize, Serialize};

/// Vai trò của cán bộ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Cán bộ đầu mối tỉnh (Văn phòng UBND tỉnh): triages and watches everything.
    Coordinator,
    /// Cán bộ xử lý of an agency.
    Officer,
    /// Lãnh đạo đơn vị: approves and publishes the agency's answers.
    Leader,
    /// Quản trị hệ thống.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [Self::Coordinator, Self::Officer, Self::Leader, Self::Admin];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Coordinator => "coordinator",
            Self::Officer => "officer",
            Self::Leader => "leader",
            Self::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|role| role.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Coordinator => "Cán bộ đầu mối tỉnh",
            Self::Officer => "Cán bộ xử lý",
            Self::Leader => "Lãnh đạo đơn vị",
            Self::Admin => "Quản trị hệ thống",
        }
    }
}

/// Tài khoản cán bộ (never carries the password hash).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffUser {
    pub id: i64,
    pub username: String,
    pub email: String,
    pub full_name: String,
    pub role: Role,
    pub agency_id: i64,
}

/// What staff do, grouped by who may do it. Every staff server function
/// asks [`may`] on the server; officers and leaders act only on complaints
/// of their own agency ([`in_scope`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Duty {
    /// See every complaint, the inbox of received and returned ones, the
    /// deadlines across agencies.
    Oversee,
    /// Assign, reject, mark as duplicate, decide extensions, remind.
    Triage,
    /// See the agency's complaints.
    SeeAgency,
    /// Accept, return, draft and submit the answer, ask for more time.
    Handle,
    /// Approve (publish) or send back the answer; see each officer's load.
    Approve,
    /// Write an internal note on a complaint one may see.
    Note,
    /// Agencies, categories, communes, staff, deadlines, holidays.
    Administer,
}

/// Whether `role` may do `duty` at all.
pub fn may(role: Role, duty: Duty) -> bool {
    use Duty as D;
    use Role as R;
    matches!(
        (role, duty),
        (R::Coordinator, D::Oversee | D::Triage | D::Note)
            | (R::Officer, D::SeeAgency | D::Handle | D::Note)
            | (R::Leader, D::SeeAgency | D::Approve | D::Note)
            | (R::Admin, D::Administer)
    )
}

/// Whether `user` may see or act on a complaint handled by
/// `complaint_agency` (none while it waits for the coordinator).
pub fn in_scope(user: &StaffUser, complaint_agency: Option<i64>) -> bool {
    match user.role {
        Role::Coordinator => true,
        Role::Officer | Role::Leader => complaint_agency == Some(user.agency_id),
        Role::Admin => false,
    }
}

/// Failed sign-ins after which each further attempt waits a second.
pub const SLOWDOWN_AFTER: i64 = 3;
/// Failed sign-ins after which the account is locked for a while.
pub const LOCK_AFTER: i64 = 5;
/// How long a lock lasts, in seconds.
pub const LOCK_SECONDS: i64 = 15 * 60;

/// How long to wait before checking a password, after `failures` failed
/// attempts in a row.
pub fn sign_in_delay_ms(failures: i64) -> u64 {
    if failures < SLOWDOWN_AFTER {
        0
    } else {
        1000
    }
}

/// Checks a new password; the message is for the person typing it.
pub fn check_new_password(password: &str, username: &str) -> Result<(), &'static str> {
    let length = password.chars().count();
    if length < 10 {
        return Err("Mật khẩu phải có ít nhất 10 ký tự.");
    }
    if length > 200 {
        return Err("Mật khẩu quá dài (tối đa 200 ký tự).");
    }
    if password.eq_ignore_ascii_case(username) {
        return Err("Mật khẩu không được trùng tên đăng nhập.");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role, agency_id: i64) -> StaffUser {
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
    fn each_role_has_its_duties_only() {
        use Duty as D;
        let all = [
            D::Oversee,
            D::Triage,
            D::SeeAgency,
            D::Handle,
            D::Approve,
            D::Note,
            D::Administer,
        ];
        let allowed = |role: Role| all.into_iter().filter(|&d| may(role, d)).collect::<Vec<_>>();
        assert_eq!(allowed(Role::Coordinator), vec![D::Oversee, D::Triage, D::Note]);
        assert_eq!(allowed(Role::Officer), vec![D::SeeAgency, D::Handle, D::Note]);
        assert_eq!(allowed(Role::Leader), vec![D::SeeAgency, D::Approve, D::Note]);
        assert_eq!(allowed(Role::Admin), vec![D::Administer]);
    }

    #[test]
    fn agencies_see_only_their_complaints() {
        assert!(in_scope(&user(Role::Officer, 7), Some(7)));
        assert!(!in_scope(&user(Role::Officer, 7), Some(8)));
        assert!(!in_scope(&user(Role::Leader, 7), None));
        assert!(in_scope(&user(Role::Coordinator, 1), None));
        assert!(!in_scope(&user(Role::Admin, 1), Some(1)));
    }

    #[test]
    fn sign_in_slows_down_then_locks() {
        assert_eq!(sign_in_delay_ms(0), 0);
        assert_eq!(sign_in_delay_ms(SLOWDOWN_AFTER - 1), 0);
        assert_eq!(sign_in_delay_ms(SLOWDOWN_AFTER), 1000);
        const { assert!(LOCK_AFTER > SLOWDOWN_AFTER) };
    }

    #[test]
    fn new_passwords_are_checked() {
        assert!(check_new_password("ngan", "an").is_err());
        assert!(check_new_password("nguyenvanan", "NguyenVanAn").is_err());
        assert_eq!(check_new_password("mật khẩu đủ dài", "an"), Ok(()));
    }

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("citizen"), None);
    }
}
