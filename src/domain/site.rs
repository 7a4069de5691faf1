//! What every page shows about the deployment: the province and its hotline.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SiteInfo {
    pub province_name: String,
    pub hotline: String,
    pub deadline_days: u32,
}

impl Default for SiteInfo {
    fn default() -> Self {
        Self {
            province_name: "Thanh Hóa".into(),
            hotline: "0237 3 753 755".into(),
            deadline_days: 17,
        }
    }
}
