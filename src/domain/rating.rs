//! The citizen's satisfaction with a published answer: five points.

use serde::{Deserialize, Serialize};

/// Mức độ hài lòng, 1 (rất không hài lòng) to 5 (rất hài lòng).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Satisfaction(u8);

impl Satisfaction {
    pub fn new(score: i64) -> Option<Self> {
        (1..=5).contains(&score).then_some(Self(score as u8))
    }

    pub fn score(self) -> u8 {
        self.0
    }

    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Rất không hài lòng",
            2 => "Không hài lòng",
            3 => "Bình thường",
            4 => "Hài lòng",
            _ => "Rất hài lòng",
        }
    }

    /// Counts as "satisfied" in the rankings.
    pub fn is_satisfied(self) -> bool {
        self.0 >= 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_one_to_five() {
        assert!(Satisfaction::new(0).is_none());
        assert!(Satisfaction::new(6).is_none());
        assert_eq!(Satisfaction::new(1).unwrap().label(), "Rất không hài lòng");
        assert_eq!(Satisfaction::new(5).unwrap().label(), "Rất hài lòng");
        assert!(Satisfaction::new(4).unwrap().is_satisfied());
        assert!(!Satisfaction::new(3).unwrap().is_satisfied());
    }
}
