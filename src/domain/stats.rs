//! Figures and summaries: the home page's headline counts, the public
//! agency ranking, the staff ranking and the coordinator's dashboard. They
//! carry no private data. The periods are in [`period`], the composite
//! score in [`score`], and how one complaint adds to the aggregates in
//! [`contribution`]; the server computes all of them in
//! `server::services::stats`.

pub mod contribution;
pub mod period;
pub mod score;

use serde::{Deserialize, Serialize};

use super::ComplaintStatus;
pub use period::{Period, PeriodKind, PeriodQuery};
pub use score::Score;

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

/// The counts behind every figure of a group (an agency, an officer, a
/// category, a commune, a month or the whole province) over a period.
///
/// - `received`: complaints received (tiếp nhận) during the period, whatever
///   became of them (rejected ones included);
/// - `answered`, `on_time`: answers published during the period (the
///   complaint is published, rated or closed), and those published by their
///   deadline;
/// - `ratings`: the ratings of those answers, by score;
/// - `open`, `overdue`: counted at the time of asking, of the complaints
///   received during the period — not yet answered, and of those, past
///   their deadline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub received: i64,
    pub answered: i64,
    pub on_time: i64,
    /// `ratings[0]` counts the 1s (rất không hài lòng), …, `ratings[4]` the
    /// 5s (rất hài lòng).
    pub ratings: [i64; 5],
    pub open: i64,
    pub overdue: i64,
}

impl Tally {
    /// How many answers were rated.
    pub fn rated(&self) -> i64 {
        self.ratings.iter().sum()
    }

    /// The sum of the scores.
    pub fn score_sum(&self) -> i64 {
        self.ratings.iter().zip(1..).map(|(count, score)| count * score).sum()
    }

    /// Ratings of 4 or 5 (hài lòng, rất hài lòng).
    pub fn satisfied(&self) -> i64 {
        self.ratings[3] + self.ratings[4]
    }

    /// Answers published after their deadline.
    pub fn late(&self) -> i64 {
        self.answered - self.on_time
    }

    /// Share of the answers published on time, in percent.
    pub fn on_time_percent(&self) -> Option<f64> {
        percent(self.on_time, self.answered)
    }

    /// The average score, 1 to 5.
    pub fn average_score(&self) -> Option<f64> {
        let rated = self.rated();
        (rated > 0).then(|| self.score_sum() as f64 / rated as f64)
    }

    /// Share of the ratings that are 4 or 5, in percent.
    pub fn satisfied_percent(&self) -> Option<f64> {
        percent(self.satisfied(), self.rated())
    }

    /// Adds another group's counts to these.
    pub fn add(&mut self, other: &Tally) {
        self.received += other.received;
        self.answered += other.answered;
        self.on_time += other.on_time;
        for (mine, theirs) in self.ratings.iter_mut().zip(other.ratings) {
            *mine += theirs;
        }
        self.open += other.open;
        self.overdue += other.overdue;
    }

    /// No complaint at all in the period.
    pub fn is_empty(&self) -> bool {
        *self == Tally::default()
    }
}

/// `part` of `whole` in percent, `None` when `whole` is 0.
pub fn percent(part: i64, whole: i64) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// Where a ranked row stood in the period before.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// The composite score then.
    pub previous_score: Option<f64>,
    /// The rank then.
    pub previous_rank: Option<u32>,
    /// Score now minus score then (positive: better).
    pub score_delta: Option<f64>,
    /// Rank then minus rank now (positive: moved up).
    pub rank_delta: Option<i64>,
}

/// One agency in the public ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyRankRow {
    pub agency_id: i64,
    pub code: String,
    pub name: String,
    pub tally: Tally,
    /// `None` when the agency had nothing answered or overdue in the period.
    pub score: Option<Score>,
    /// 1 is best; equal scores share a rank; `None` without a score.
    pub rank: Option<u32>,
    pub change: Change,
}

/// Bảng xếp hạng cơ quan, đơn vị: every active handling agency, ranked
/// rows first (best first), then the unranked ones by name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgencyRanking {
    pub period: Period,
    /// The period the change columns compare with.
    pub previous: Period,
    pub rows: Vec<AgencyRankRow>,
    /// The whole province, including complaints not (yet) given to an agency.
    pub province: Tally,
    /// The province's own score (the means every agency is smoothed toward).
    pub province_score: Option<Score>,
    /// The live counts (open, overdue) are as of this time, unix seconds.
    pub as_of: i64,
}

/// One officer in the staff ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OfficerRankRow {
    pub officer_id: i64,
    pub full_name: String,
    pub agency_id: i64,
    pub agency_name: String,
    /// `answered` is what the officer handled to publication; `received`
    /// is 0 (an officer receives nothing); `open`/`overdue` are the
    /// complaints of the period the officer holds now.
    pub tally: Tally,
    pub score: Option<Score>,
    pub rank: Option<u32>,
    pub change: Change,
}

/// Xếp hạng cán bộ: a leader sees the officers of the agency, the
/// coordinator everyone (or one agency).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StaffRanking {
    pub period: Period,
    pub previous: Period,
    /// The agency shown, or `None` for all of them.
    pub agency_id: Option<i64>,
    pub agency_name: Option<String>,
    pub rows: Vec<OfficerRankRow>,
    /// The sum over the rows' scope (every officer shown).
    pub total: Tally,
    pub as_of: i64,
}

/// A count for one group of the dashboard (an agency, a category, a
/// commune). `id` is `None` for complaints without one (e.g. not yet given
/// to an agency), named accordingly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupRow {
    pub id: Option<i64>,
    pub name: String,
    pub tally: Tally,
}

/// One month of the dashboard: its counts (within the period) and thus the
/// on-time trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthRow {
    pub year: i32,
    pub month: u32,
    /// "10/2026".
    pub label: String,
    /// Only the days of the month inside the period count.
    pub tally: Tally,
}

/// Complaints received in the period that are now in `status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: ComplaintStatus,
    pub count: i64,
}

/// Bảng điều khiển of the coordinator for one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dashboard {
    pub period: Period,
    /// The whole province; `totals.ratings` is the distribution of ratings.
    pub totals: Tally,
    /// Every status a received complaint can be in, in workflow order
    /// (zeros included; `submitted` never appears).
    pub by_status: Vec<StatusCount>,
    /// Agencies with any count, most received first; the group without an
    /// agency last.
    pub by_agency: Vec<GroupRow>,
    pub by_category: Vec<GroupRow>,
    pub by_commune: Vec<GroupRow>,
    /// Every month the period touches, in order.
    pub by_month: Vec<MonthRow>,
    pub as_of: i64,
}
