//! Figures and summaries shown to the public. They carry no private data.

use serde::{Deserialize, Serialize};

/// The province's headline figures on the home page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HeadlineFigures {
    /// Complaints received (every complaint that reached "received").
    pub received: i64,
    /// Complaints whose answer was published.
    pub answered: i64,
    /// Answers published by their deadline.
    pub answered_on_time: i64,
}

impl HeadlineFigures {
    /// Share of answers published on time, in percent, or `None` before the
    /// first answer.
    pub fn on_time_percent(&self) -> Option<f64> {
        (self.answered > 0).then(|| self.answered_on_time as f64 * 100.0 / self.answered as f64)
    }
}

/// A published complaint as listed publicly: no name, phone, e-mail or
/// exact address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedSummary {
    pub id: i64,
    pub title: String,
    pub agency_name: Option<String>,
    pub commune_name: Option<String>,
    pub category_name: Option<String>,
    /// Unix seconds.
    pub published_at: i64,
    pub on_time: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn on_time_percent() {
        assert_eq!(HeadlineFigures::default().on_time_percent(), None);
        let f = HeadlineFigures {
            received: 10,
            answered: 4,
            answered_on_time: 3,
        };
        assert_eq!(f.on_time_percent(), Some(75.0));
    }
}

/// Everything the home page shows from the database.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct HomeData {
    pub figures: HeadlineFigures,
    pub latest: Vec<PublishedSummary>,
}
