//! Routing by content, as the wizard, the coordinator and other programs see
//! it: agencies ranked by how likely each is competent for a complaint.

use serde::{Deserialize, Serialize};

/// One suggested agency. `confidence` is calibrated: of the suggestions made
/// at 0.9, about nine in ten name the right agency.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencySuggestion {
    pub agency_code: String,
    /// For `UBND_XA`, the People's Committee of the complaint's commune or
    /// ward when that is known ("UBND phường Hàm Rồng").
    pub agency_name: String,
    pub confidence: f64,
}

/// What the citizen or the coordinator reads when the text says too little.
pub const NOT_ENOUGH_TEXT: &str = "Không đủ thông tin để gợi ý cơ quan xử lý.";

/// A confidence as people read it: "87 %".
pub fn percent(confidence: f64) -> String {
    format!("{} %", (confidence * 100.0).round() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_rounds_to_whole_numbers() {
        assert_eq!(percent(0.874), "87 %");
        assert_eq!(percent(0.999), "100 %");
        assert_eq!(percent(0.0), "0 %");
    }
}
