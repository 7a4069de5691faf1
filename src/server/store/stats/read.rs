//! Reading the statistics: sums of the aggregate cells over a period (whole
//! months from `stats_monthly`, the days at either end from `stats_daily`),
//! the live counts of open complaints, and the names of the groups.

use chrono::{Datelike, Duration, NaiveDate};
use sqlx::Row;

use crate::domain::deadline::end_of_day;
use crate::domain::stats::contribution::{day_key, month_key, Dim, Metrics};
use crate::server::store::Conn;

/// Where a period's counts are read: a range of whole months and up to two
/// ranges of single days. An empty range is `(1, 0)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Segments {
    pub months: (i64, i64),
    pub head_days: (i64, i64),
    pub tail_days: (i64, i64),
}

const NONE: (i64, i64) = (1, 0);

fn month_start(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

/// The first day of the month after `date`'s.
fn next_month_start(date: NaiveDate) -> NaiveDate {
    month_start(month_start(date) + Duration::days(32))
}

fn month_of(date: NaiveDate) -> i64 {
    i64::from(month_key(date.year(), date.month()))
}

fn day_of(date: NaiveDate) -> i64 {
    i64::from(day_key(date))
}

/// Splits `first..=last` into whole months and the days around them.
pub(super) fn segments(first: NaiveDate, last: NaiveDate) -> Segments {
    let full_from = if first.day() == 1 {
        first
    } else {
        next_month_start(first)
    };
    // The day after the last whole month.
    let full_end = if next_month_start(last) - Duration::days(1) == last {
        next_month_start(last)
    } else {
        month_start(last)
    };
    if full_from >= full_end {
        return Segments {
            months: NONE,
            head_days: (day_of(first), day_of(last)),
            tail_days: NONE,
        };
    }
    let last_full = full_end - Duration::days(1);
    Segments {
        months: (month_of(full_from), month_of(last_full)),
        head_days: if first < full_from {
            (day_of(first), day_of(full_from - Duration::days(1)))
        } else {
            NONE
        },
        tail_days: if full_end <= last {
            (day_of(full_end), day_of(last))
        } else {
            NONE
        },
    }
}

const SUMS: &str = "CAST(SUM(received) AS BIGINT) AS received, CAST(SUM(answered) AS BIGINT) AS answered, \
     CAST(SUM(on_time) AS BIGINT) AS on_time, CAST(SUM(rated_1) AS BIGINT) AS rated_1, \
     CAST(SUM(rated_2) AS BIGINT) AS rated_2, CAST(SUM(rated_3) AS BIGINT) AS rated_3, \
     CAST(SUM(rated_4) AS BIGINT) AS rated_4, CAST(SUM(rated_5) AS BIGINT) AS rated_5";

const COLUMNS: &str = "received, answered, on_time, rated_1, rated_2, rated_3, rated_4, rated_5";

fn metrics(row: &sqlx::any::AnyRow) -> Result<Metrics, sqlx::Error> {
    let mut m = Metrics::default();
    for (slot, column) in m.0.iter_mut().zip([
        "received", "answered", "on_time", "rated_1", "rated_2", "rated_3", "rated_4", "rated_5",
    ]) {
        *slot = row.try_get::<Option<i64>, _>(column)?.unwrap_or(0);
    }
    Ok(m)
}

/// The period's counts of dimension `dim`, per key (keys without any cell
/// in the period are absent).
pub async fn sum_by_key(
    conn: &mut Conn,
    dim: Dim,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(i64, Metrics)>, sqlx::Error> {
    let s = segments(first, last);
    let sql = format!(
        "SELECT key, {SUMS} FROM ( \
           SELECT key, {COLUMNS} FROM stats_monthly WHERE dim = $1 AND month BETWEEN $2 AND $3 \
           UNION ALL SELECT key, {COLUMNS} FROM stats_daily WHERE dim = $1 AND day BETWEEN $4 AND $5 \
           UNION ALL SELECT key, {COLUMNS} FROM stats_daily WHERE dim = $1 AND day BETWEEN $6 AND $7 \
         ) cells GROUP BY key ORDER BY key"
    );
    let rows = sqlx::query(&sql)
        .bind(dim.code())
        .bind(s.months.0)
        .bind(s.months.1)
        .bind(s.head_days.0)
        .bind(s.head_days.1)
        .bind(s.tail_days.0)
        .bind(s.tail_days.1)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| Ok((row.try_get("key")?, metrics(row)?)))
        .collect()
}

/// The period's counts of one cell key of `dim` (e.g. the province), per
/// month `yyyymm` (months without any cell are absent).
pub async fn sum_by_month(
    conn: &mut Conn,
    dim: Dim,
    key: i64,
    first: NaiveDate,
    last: NaiveDate,
) -> Result<Vec<(i32, Metrics)>, sqlx::Error> {
    let s = segments(first, last);
    let sql = format!(
        "SELECT bucket, {SUMS} FROM ( \
           SELECT month AS bucket, {COLUMNS} FROM stats_monthly \
             WHERE dim = $1 AND key = $8 AND month BETWEEN $2 AND $3 \
           UNION ALL SELECT day / 100 AS bucket, {COLUMNS} FROM stats_daily \
             WHERE dim = $1 AND key = $8 AND day BETWEEN $4 AND $5 \
           UNION ALL SELECT day / 100 AS bucket, {COLUMNS} FROM stats_daily \
             WHERE dim = $1 AND key = $8 AND day BETWEEN $6 AND $7 \
         ) cells GROUP BY bucket ORDER BY bucket"
    );
    let rows = sqlx::query(&sql)
        .bind(dim.code())
        .bind(s.months.0)
        .bind(s.months.1)
        .bind(s.head_days.0)
        .bind(s.head_days.1)
        .bind(s.tail_days.0)
        .bind(s.tail_days.1)
        .bind(key)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            let bucket: i64 = row.try_get("bucket")?;
            Ok((bucket as i32, metrics(row)?))
        })
        .collect()
}

/// The province's counts over all time.
pub async fn all_time(conn: &mut Conn) -> Result<Metrics, sqlx::Error> {
    let sql = format!("SELECT {SUMS} FROM stats_monthly WHERE dim = $1");
    let row = sqlx::query(&sql).bind(Dim::Province.code()).fetch_one(conn).await?;
    metrics(&row)
}

/// What the live counts of open complaints are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OpenGroup {
    Province,
    Agency,
    Officer,
    Category,
    Commune,
}

impl OpenGroup {
    fn column(self) -> &'static str {
        match self {
            Self::Province => "0",
            Self::Agency => "agency_id",
            Self::Officer => "officer_id",
            Self::Category => "category_id",
            Self::Commune => "commune_id",
        }
    }
}

/// The open statuses, as the partial index `complaints_open_received`
/// lists them.
const OPEN: &str = "status IN ('received', 'assigned', 'in_progress', 'awaiting_approval', 'reopened')";

/// Of the complaints received from `first` to `last` (local days), those
/// still open at `now` and, of them, those past their deadline, per
/// `group` (`None`: complaints without one).
pub async fn open_counts(
    conn: &mut Conn,
    group: OpenGroup,
    first: NaiveDate,
    last: NaiveDate,
    now: i64,
) -> Result<Vec<(Option<i64>, i64, i64)>, sqlx::Error> {
    let column = group.column();
    let grouping = if group == OpenGroup::Province {
        String::new()
    } else {
        format!("GROUP BY {column}")
    };
    let sql = format!(
        "SELECT {column} AS k, COUNT(*) AS open, \
           CAST(COALESCE(SUM(CASE WHEN deadline_at < $3 THEN 1 ELSE 0 END), 0) AS BIGINT) AS overdue \
         FROM complaints WHERE received_at >= $1 AND received_at <= $2 AND {OPEN} {grouping}"
    );
    let rows = sqlx::query(&sql)
        .bind(end_of_day(first - Duration::days(1)) + 1)
        .bind(end_of_day(last))
        .bind(now)
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            Ok((
                row.try_get::<Option<i64>, _>("k")?,
                row.try_get("open")?,
                row.try_get("overdue")?,
            ))
        })
        .filter(|r: &Result<(Option<i64>, i64, i64), sqlx::Error>| !matches!(r, Ok((_, 0, _))))
        .collect()
}

/// An agency as the ranking needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgencyName {
    pub id: i64,
    pub code: String,
    pub name: String,
    /// Coordinating agencies handle no complaints and are not ranked.
    pub handles_complaints: bool,
    pub active: bool,
}

/// The names of every agency, category and commune.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupNames {
    pub agencies: Vec<AgencyName>,
    /// (id, name), in the order the citizen sees them.
    pub categories: Vec<(i64, String)>,
    /// (id, name), by name.
    pub communes: Vec<(i64, String)>,
}

pub async fn group_names(conn: &mut Conn) -> Result<GroupNames, sqlx::Error> {
    let agencies = sqlx::query("SELECT id, code, name, kind, active FROM agencies ORDER BY name, id")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            Ok(AgencyName {
                id: row.try_get("id")?,
                code: row.try_get("code")?,
                name: row.try_get("name")?,
                handles_complaints: row.try_get::<String, _>("kind")? != "coordinator",
                active: row.try_get::<i64, _>("active")? == 1,
            })
        })
        .collect::<Result<_, sqlx::Error>>()?;
    let pairs = |rows: Vec<sqlx::any::AnyRow>| {
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, row.try_get("name")?)))
            .collect::<Result<Vec<(i64, String)>, sqlx::Error>>()
    };
    let categories = pairs(
        sqlx::query("SELECT id, name FROM categories ORDER BY position, id")
            .fetch_all(&mut *conn)
            .await?,
    )?;
    let communes = pairs(
        sqlx::query("SELECT id, name FROM communes ORDER BY name, id")
            .fetch_all(&mut *conn)
            .await?,
    )?;
    Ok(GroupNames {
        agencies,
        categories,
        communes,
    })
}

/// A staff member as the staff ranking names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffName {
    pub id: i64,
    pub full_name: String,
    pub is_officer: bool,
    pub active: bool,
    pub agency_id: i64,
    pub agency_name: String,
}

/// Staff of `agency` (or everyone), by name.
pub async fn staff_names(conn: &mut Conn, agency: Option<i64>) -> Result<Vec<StaffName>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT s.id, s.full_name, s.role, s.active, s.agency_id, a.name AS agency_name \
         FROM staff_users s JOIN agencies a ON a.id = s.agency_id \
         WHERE $1 = 0 OR s.agency_id = $1 ORDER BY s.full_name, s.id",
    )
    .bind(agency.unwrap_or(0))
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(StaffName {
                id: row.try_get("id")?,
                full_name: row.try_get("full_name")?,
                is_officer: row.try_get::<String, _>("role")? == "officer",
                active: row.try_get::<i64, _>("active")? == 1,
                agency_id: row.try_get("agency_id")?,
                agency_name: row.try_get("agency_name")?,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn whole_months_read_months() {
        let s = segments(date(2026, 1, 1), date(2026, 12, 31));
        assert_eq!(s.months, (202601, 202612));
        assert_eq!((s.head_days, s.tail_days), (NONE, NONE));
        let s = segments(date(2026, 2, 1), date(2026, 2, 28));
        assert_eq!(s.months, (202602, 202602));
    }

    #[test]
    fn partial_months_read_days() {
        let s = segments(date(2025, 11, 20), date(2026, 2, 10));
        assert_eq!(s.head_days, (20251120, 20251130));
        assert_eq!(s.months, (202512, 202601));
        assert_eq!(s.tail_days, (20260201, 20260210));
        let s = segments(date(2026, 3, 5), date(2026, 3, 31));
        assert_eq!((s.months, s.head_days, s.tail_days), (NONE, (20260305, 20260331), NONE));
        let s = segments(date(2026, 3, 5), date(2026, 4, 30));
        assert_eq!(
            (s.months, s.head_days, s.tail_days),
            ((202604, 202604), (20260305, 20260331), NONE)
        );
        let s = segments(date(2026, 3, 1), date(2026, 4, 2));
        assert_eq!(
            (s.months, s.head_days, s.tail_days),
            ((202603, 202603), NONE, (20260401, 20260402))
        );
        let s = segments(date(2026, 12, 31), date(2026, 12, 31));
        assert_eq!((s.months, s.head_days), (NONE, (20261231, 20261231)));
    }
}
