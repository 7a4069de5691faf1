//! Communes and wards (xã, phường): since July 2025 the only level of local
//! government below the province.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CommuneKind {
    /// Phường (urban ward).
    Phuong,
    /// Xã (rural commune).
    Xa,
}

impl CommuneKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Phuong => "phuong",
            Self::Xa => "xa",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "phuong" => Some(Self::Phuong),
            "xa" => Some(Self::Xa),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Phuong => "Phường",
            Self::Xa => "Xã",
        }
    }
}

/// Xã, phường.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Commune {
    pub id: i64,
    /// ASCII slug, e.g. `phuong-ham-rong`.
    pub code: String,
    /// Full name with its prefix, e.g. "Phường Hàm Rồng".
    pub name: String,
    pub kind: CommuneKind,
}
