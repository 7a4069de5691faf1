//! Agencies (cơ quan, đơn vị) that handle complaints, and the categories
//! (lĩnh vực) a citizen picks from, each with a default agency.

use serde::{Deserialize, Serialize};

/// What kind of body an agency is, as listed in `seed/agencies.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// The provincial coordinating office (Văn phòng UBND tỉnh).
    Coordinator,
    /// A provincial department (Sở).
    Department,
    /// A sector body (công an, thuế, bảo hiểm xã hội…).
    Sector,
    /// A public utility company (điện, nước).
    Utility,
    /// The People's Committee of the commune or ward where the matter is.
    Local,
}

impl AgencyKind {
    pub const ALL: [AgencyKind; 5] = [
        Self::Coordinator,
        Self::Department,
        Self::Sector,
        Self::Utility,
        Self::Local,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Coordinator => "coordinator",
            Self::Department => "department",
            Self::Sector => "sector",
            Self::Utility => "utility",
            Self::Local => "local",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }

    /// What the administrator reads.
    pub fn label(self) -> &'static str {
        match self {
            Self::Coordinator => "Cơ quan đầu mối (Văn phòng UBND tỉnh)",
            Self::Department => "Sở, ban, ngành",
            Self::Sector => "Cơ quan ngành dọc (công an, thuế, bảo hiểm xã hội…)",
            Self::Utility => "Doanh nghiệp dịch vụ công (điện, nước)",
            Self::Local => "UBND xã, phường",
        }
    }
}

/// Cơ quan, đơn vị.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    pub id: i64,
    /// Stable code other tools rely on, e.g. `SXD`.
    pub code: String,
    pub name: String,
    pub kind: AgencyKind,
    /// What it is competent for, in plain words.
    pub handles: String,
}

/// Lĩnh vực.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Category {
    pub id: i64,
    pub code: String,
    pub name: String,
    pub description: String,
    /// The agency a complaint in this category goes to by default.
    pub default_agency_id: Option<i64>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agency_kinds_round_trip() {
        for s in ["coordinator", "department", "sector", "utility", "local"] {
            assert_eq!(AgencyKind::parse(s).unwrap().as_str(), s);
        }
        assert_eq!(AgencyKind::parse("ministry"), None);
    }
}
