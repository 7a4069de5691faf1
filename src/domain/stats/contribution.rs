//! How one complaint adds to the statistics aggregates. A complaint's
//! [`Facts`] (from its row: received day, published day, agency, officer,
//! category, commune, status, on time, rating) map to [`Contribution`]s:
//! counts added to (dimension, key, day) cells. When its facts change, the
//! server subtracts the old contribution and adds the new one ([`net`]) in
//! the same transaction, so the aggregates always equal a recount.
//!
//! Days are local dates (Vietnam) written `yyyymmdd` as a number, so a
//! range of days is a range of numbers and the month is `day / 100`.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::domain::deadline::local_date;
use crate::domain::ComplaintStatus;

/// `yyyymmdd` of a date.
pub fn day_key(date: NaiveDate) -> i32 {
    date.year() * 10_000 + date.month() as i32 * 100 + date.day() as i32
}

/// `yyyymmdd` of the local date at a unix time.
pub fn day_key_at(unix_seconds: i64) -> i32 {
    day_key(local_date(unix_seconds))
}

/// `yyyymm` of a month.
pub fn month_key(year: i32, month: u32) -> i32 {
    year * 100 + month as i32
}

/// What the aggregates are grouped by. The number is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Dim {
    /// The whole province (key 0).
    Province,
    /// The handling agency (key 0: none yet, or rejected).
    Agency,
    /// The officer who handled it (only complaints with one).
    Officer,
    /// The category (key 0: none).
    Category,
    /// The commune or ward (key 0: none).
    Commune,
    /// The current status ([`status_key`]); received counts only.
    Status,
}

impl Dim {
    pub const ALL: [Dim; 6] = [
        Self::Province,
        Self::Agency,
        Self::Officer,
        Self::Category,
        Self::Commune,
        Self::Status,
    ];

    pub fn code(self) -> i64 {
        match self {
            Self::Province => 0,
            Self::Agency => 1,
            Self::Officer => 2,
            Self::Category => 3,
            Self::Commune => 4,
            Self::Status => 5,
        }
    }

    pub fn from_code(code: i64) -> Option<Self> {
        Self::ALL.into_iter().find(|dim| dim.code() == code)
    }
}

/// The stored key of a status (its place in [`ComplaintStatus::ALL`]).
pub fn status_key(status: ComplaintStatus) -> i64 {
    ComplaintStatus::ALL
        .iter()
        .position(|s| *s == status)
        .unwrap_or_default() as i64
}

pub fn status_of_key(key: i64) -> Option<ComplaintStatus> {
    usize::try_from(key)
        .ok()
        .and_then(|i| ComplaintStatus::ALL.get(i).copied())
}

/// Counts added to one cell: received, answered, on time, and the ratings
/// 1..5.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metrics(pub [i64; 8]);

impl Metrics {
    pub const RECEIVED: usize = 0;
    pub const ANSWERED: usize = 1;
    pub const ON_TIME: usize = 2;
    /// Index of the count of ratings with score 1; score s is at
    /// `RATING + s - 1`.
    pub const RATING: usize = 3;

    pub fn add(&mut self, other: &Metrics, sign: i64) {
        for (mine, theirs) in self.0.iter_mut().zip(other.0) {
            *mine += sign * theirs;
        }
    }

    pub fn is_zero(&self) -> bool {
        self.0.iter().all(|v| *v == 0)
    }

    pub fn received(&self) -> i64 {
        self.0[Self::RECEIVED]
    }
    pub fn answered(&self) -> i64 {
        self.0[Self::ANSWERED]
    }
    pub fn on_time(&self) -> i64 {
        self.0[Self::ON_TIME]
    }
    pub fn ratings(&self) -> [i64; 5] {
        let mut ratings = [0; 5];
        ratings.copy_from_slice(&self.0[Self::RATING..]);
        ratings
    }
}

/// What of a complaint the statistics see. Built by [`Facts::new`], which
/// keeps only what counts: an answer counts while the complaint is
/// published, rated or closed (not while reopened), and so does its rating.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facts {
    /// `yyyymmdd` of receipt; `None`: never received (still submitted).
    pub received_day: Option<i32>,
    /// `yyyymmdd` of the publication of the answer that counts.
    pub published_day: Option<i32>,
    pub status: ComplaintStatus,
    pub agency_id: Option<i64>,
    pub officer_id: Option<i64>,
    pub category_id: Option<i64>,
    pub commune_id: Option<i64>,
    /// Published by the deadline (meaningful with `published_day`).
    pub on_time: bool,
    /// The citizen's rating, 1..5, of the counted answer.
    pub score: Option<u8>,
}

/// A complaint row's columns, as stored.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RowFacts {
    pub received_at: Option<i64>,
    pub published_at: Option<i64>,
    pub status: Option<ComplaintStatus>,
    pub agency_id: Option<i64>,
    pub officer_id: Option<i64>,
    pub category_id: Option<i64>,
    pub commune_id: Option<i64>,
    pub on_time: Option<i64>,
    pub score: Option<i64>,
}

impl Facts {
    pub fn new(row: &RowFacts) -> Self {
        let status = row.status.unwrap_or(ComplaintStatus::Submitted);
        let answered = status.is_answered() && row.published_at.is_some();
        Self {
            received_day: row.received_at.map(day_key_at),
            published_day: row.published_at.filter(|_| answered).map(day_key_at),
            status,
            agency_id: row.agency_id,
            officer_id: row.officer_id,
            category_id: row.category_id,
            commune_id: row.commune_id,
            on_time: answered && row.on_time == Some(1),
            score: row.score.filter(|s| answered && (1..=5).contains(s)).map(|s| s as u8),
        }
    }
}

/// Counts added to the cell (dimension, key, day).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contribution {
    pub dim: Dim,
    pub key: i64,
    /// `yyyymmdd`.
    pub day: i32,
    pub metrics: Metrics,
}

/// What one complaint adds: its receipt on the received day (province,
/// agency, category, commune, status), its answer and rating on the
/// published day (province, agency, officer, category, commune).
pub fn contributions(facts: &Facts) -> Vec<Contribution> {
    let mut out = Vec::with_capacity(11);
    let agency = facts.agency_id.unwrap_or(0);
    let category = facts.category_id.unwrap_or(0);
    let commune = facts.commune_id.unwrap_or(0);
    if let Some(day) = facts.received_day {
        let mut metrics = Metrics::default();
        metrics.0[Metrics::RECEIVED] = 1;
        for (dim, key) in [
            (Dim::Province, 0),
            (Dim::Agency, agency),
            (Dim::Category, category),
            (Dim::Commune, commune),
            (Dim::Status, status_key(facts.status)),
        ] {
            out.push(Contribution { dim, key, day, metrics });
        }
    }
    if let Some(day) = facts.published_day {
        let mut metrics = Metrics::default();
        metrics.0[Metrics::ANSWERED] = 1;
        metrics.0[Metrics::ON_TIME] = i64::from(facts.on_time);
        if let Some(score) = facts.score {
            metrics.0[Metrics::RATING + usize::from(score) - 1] = 1;
        }
        let officer = facts.officer_id.map(|id| (Dim::Officer, id));
        for (dim, key) in [
            (Dim::Province, 0),
            (Dim::Agency, agency),
            (Dim::Category, category),
            (Dim::Commune, commune),
        ]
        .into_iter()
        .chain(officer)
        {
            out.push(Contribution { dim, key, day, metrics });
        }
    }
    out
}

/// The change to the aggregates when a complaint's facts go from `old` to
/// `new` (either may be absent): new contributions minus old, merged per
/// cell, cells with no change left out, in cell order.
pub fn net(old: Option<&Facts>, new: Option<&Facts>) -> Vec<Contribution> {
    let mut cells: BTreeMap<(Dim, i64, i32), Metrics> = BTreeMap::new();
    for (facts, sign) in [(old, -1), (new, 1)] {
        for c in facts.map(contributions).unwrap_or_default() {
            cells.entry((c.dim, c.key, c.day)).or_default().add(&c.metrics, sign);
        }
    }
    cells
        .into_iter()
        .filter(|(_, metrics)| !metrics.is_zero())
        .map(|((dim, key, day), metrics)| Contribution { dim, key, day, metrics })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::deadline::end_of_day;

    fn at(y: i32, m: u32, d: u32) -> i64 {
        end_of_day(NaiveDate::from_ymd_opt(y, m, d).unwrap()) - 3600
    }

    fn published_row() -> RowFacts {
        RowFacts {
            received_at: Some(at(2026, 10, 30)),
            published_at: Some(at(2026, 11, 2)),
            status: Some(ComplaintStatus::Rated),
            agency_id: Some(3),
            officer_id: Some(7),
            category_id: Some(2),
            commune_id: None,
            on_time: Some(1),
            score: Some(4),
        }
    }

    #[test]
    fn day_keys_are_local_dates() {
        // 2026-10-31 17:30 UTC is 1 November 00:30 in Vietnam.
        let t = chrono::DateTime::parse_from_rfc3339("2026-10-31T17:30:00Z")
            .unwrap()
            .timestamp();
        assert_eq!(day_key_at(t), 20261101);
        assert_eq!(day_key_at(t - 3600), 20261031);
        assert_eq!(month_key(2026, 3), 202603);
        assert_eq!(20261101 / 100, month_key(2026, 11));
    }

    #[test]
    fn keys_round_trip() {
        for dim in Dim::ALL {
            assert_eq!(Dim::from_code(dim.code()), Some(dim));
        }
        for status in ComplaintStatus::ALL {
            assert_eq!(status_of_key(status_key(status)), Some(status));
        }
        assert_eq!(status_of_key(99), None);
    }

    #[test]
    fn a_rated_complaint_contributes_receipt_and_answer() {
        let facts = Facts::new(&published_row());
        let cells = contributions(&facts);
        assert_eq!(cells.len(), 10);
        let received: Vec<_> = cells.iter().filter(|c| c.metrics.received() == 1).collect();
        assert_eq!(received.len(), 5);
        assert!(received.iter().all(|c| c.day == 20261030));
        assert!(received
            .iter()
            .any(|c| c.dim == Dim::Status && c.key == status_key(ComplaintStatus::Rated)));
        assert!(received.iter().any(|c| c.dim == Dim::Commune && c.key == 0));
        let answered: Vec<_> = cells.iter().filter(|c| c.metrics.answered() == 1).collect();
        assert_eq!(answered.len(), 5);
        for c in answered {
            assert_eq!(c.day, 20261102);
            assert_eq!(c.metrics.on_time(), 1);
            assert_eq!(c.metrics.ratings(), [0, 0, 0, 1, 0]);
        }
        assert!(cells.iter().any(|c| c.dim == Dim::Officer && c.key == 7));
    }

    #[test]
    fn a_reopened_complaint_counts_no_answer() {
        let row = RowFacts {
            status: Some(ComplaintStatus::Reopened),
            ..published_row()
        };
        let facts = Facts::new(&row);
        assert_eq!((facts.published_day, facts.score, facts.on_time), (None, None, false));
        assert_eq!(contributions(&facts).len(), 5);
        let submitted = Facts::new(&RowFacts {
            status: Some(ComplaintStatus::Submitted),
            ..RowFacts::default()
        });
        assert!(contributions(&submitted).is_empty());
    }

    #[test]
    fn net_change_of_a_status_move() {
        let before = Facts::new(&RowFacts {
            status: Some(ComplaintStatus::Published),
            score: None,
            ..published_row()
        });
        let after = Facts::new(&published_row());
        let change = net(Some(&before), Some(&after));
        // Status cell moves, and every answer cell gains a 4.
        let status_cells: Vec<_> = change.iter().filter(|c| c.dim == Dim::Status).collect();
        assert_eq!(status_cells.len(), 2);
        assert_eq!(status_cells.iter().map(|c| c.metrics.received()).sum::<i64>(), 0);
        let rating_cells: Vec<_> = change.iter().filter(|c| c.dim != Dim::Status).collect();
        assert_eq!(rating_cells.len(), 5);
        assert!(rating_cells
            .iter()
            .all(|c| c.metrics.ratings() == [0, 0, 0, 1, 0] && c.metrics.answered() == 0));
        assert!(net(Some(&after), Some(&after)).is_empty());
        let gone = net(Some(&after), None);
        assert_eq!(gone.len(), 10);
        assert!(gone.iter().all(|c| c.metrics.0.iter().all(|v| *v <= 0)));
    }
}
