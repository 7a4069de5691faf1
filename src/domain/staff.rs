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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("citizen"), None);
    }
}
