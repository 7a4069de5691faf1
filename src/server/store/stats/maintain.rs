//! Keeping the aggregates exact. [`refresh_complaint`] runs in the same
//! transaction as every change of a complaint's facts (a transition, a
//! filing, a rating): it reads the complaint's facts, subtracts what the
//! complaint contributed before (kept in `stats_facts`) and adds what it
//! contributes now. [`rebuild`] recomputes every table from the complaint
//! rows, whose timestamps are written by the same transitions that write
//! the events.

use std::collections::HashMap;

use sqlx::Row;

use crate::domain::stats::contribution::{contributions, net, Contribution, Dim, Facts, Metrics, RowFacts};
use crate::domain::ComplaintStatus;
use crate::server::store::Conn;

/// The complaint's facts, read from its row and its rating.
const FACTS_SQL: &str = "SELECT c.id, c.received_at, c.published_at, c.status, c.agency_id, c.officer_id, \
     c.category_id, c.commune_id, c.on_time, r.score \
     FROM complaints c LEFT JOIN ratings r ON r.complaint_id = c.id";

fn row_facts(row: &sqlx::any::AnyRow) -> Result<Facts, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(Facts::new(&RowFacts {
        received_at: row.try_get("received_at")?,
        published_at: row.try_get("published_at")?,
        status: ComplaintStatus::parse(&status),
        agency_id: row.try_get("agency_id")?,
        officer_id: row.try_get("officer_id")?,
        category_id: row.try_get("category_id")?,
        commune_id: row.try_get("commune_id")?,
        on_time: row.try_get("on_time")?,
        score: row.try_get("score")?,
    }))
}

async fn stored_facts(conn: &mut Conn, id: i64) -> Result<Option<Facts>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT received_day, published_day, status, agency_id, officer_id, category_id, commune_id, on_time, score \
         FROM stats_facts WHERE complaint_id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status: String = row.try_get("status")?;
    let day = |column: &str| -> Result<Option<i32>, sqlx::Error> {
        Ok(row.try_get::<Option<i64>, _>(column)?.map(|d| d as i32))
    };
    Ok(Some(Facts {
        received_day: day("received_day")?,
        published_day: day("published_day")?,
        status: ComplaintStatus::parse(&status).unwrap_or(ComplaintStatus::Submitted),
        agency_id: row.try_get("agency_id")?,
        officer_id: row.try_get("officer_id")?,
        category_id: row.try_get("category_id")?,
        commune_id: row.try_get("commune_id")?,
        on_time: row.try_get::<i64, _>("on_time")? == 1,
        score: row.try_get::<Option<i64>, _>("score")?.map(|s| s as u8),
    }))
}

/// Whether a complaint counts at all (it was received): only those have
/// a `stats_facts` row.
fn counts(facts: &Facts) -> bool {
    facts.received_day.is_some() || facts.published_day.is_some()
}

const FACT_COLUMNS: usize = 10;

/// Writes (or replaces) the facts of several complaints.
async fn put_facts(conn: &mut Conn, facts: &[(i64, Facts)], replace: bool) -> Result<(), sqlx::Error> {
    if facts.is_empty() {
        return Ok(());
    }
    let mut sql = String::from(
        "INSERT INTO stats_facts (complaint_id, received_day, published_day, status, agency_id, officer_id, \
         category_id, commune_id, on_time, score) VALUES ",
    );
    push_placeholders(&mut sql, facts.len(), FACT_COLUMNS, is_sqlite(conn));
    if replace {
        sql.push_str(
            " ON CONFLICT (complaint_id) DO UPDATE SET received_day = excluded.received_day, \
             published_day = excluded.published_day, status = excluded.status, agency_id = excluded.agency_id, \
             officer_id = excluded.officer_id, category_id = excluded.category_id, \
             commune_id = excluded.commune_id, on_time = excluded.on_time, score = excluded.score",
        );
    }
    let mut query = sqlx::query(&sql);
    for (id, f) in facts {
        query = query
            .bind(*id)
            .bind(f.received_day.map(i64::from))
            .bind(f.published_day.map(i64::from))
            .bind(f.status.as_str())
            .bind(f.agency_id)
            .bind(f.officer_id)
            .bind(f.category_id)
            .bind(f.commune_id)
            .bind(i64::from(f.on_time))
            .bind(f.score.map(i64::from));
    }
    query.execute(conn).await?;
    Ok(())
}

/// `($1, $2, …), (…)` for `rows` rows of `columns` values; on SQLite
/// anonymous `?`, which it binds much faster in long statements.
fn push_placeholders(sql: &mut String, rows: usize, columns: usize, sqlite: bool) {
    for r in 0..rows {
        sql.push_str(if r == 0 { "(" } else { ", (" });
        for c in 0..columns {
            if c > 0 {
                sql.push_str(", ");
            }
            if sqlite {
                sql.push('?');
            } else {
                sql.push('$');
                sql.push_str(&(r * columns + c + 1).to_string());
            }
        }
        sql.push(')');
    }
}

fn is_sqlite(conn: &Conn) -> bool {
    conn.backend_name().eq_ignore_ascii_case("sqlite")
}

/// A table of cells: `stats_daily` (by day) or `stats_monthly` (by month).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Grain {
    Day,
    Month,
}

impl Grain {
    fn table(self) -> &'static str {
        match self {
            Self::Day => "stats_daily",
            Self::Month => "stats_monthly",
        }
    }
    fn column(self) -> &'static str {
        match self {
            Self::Day => "day",
            Self::Month => "month",
        }
    }
    fn bucket(self, day: i32) -> i32 {
        match self {
            Self::Day => day,
            Self::Month => day / 100,
        }
    }
}

const CELL_COLUMNS: usize = 11;

/// Adds `cells` ((dim, bucket, key) → counts, each cell once) to a table.
async fn add_cells(
    conn: &mut Conn,
    grain: Grain,
    cells: &[((Dim, i32, i64), Metrics)],
    fresh: bool,
) -> Result<(), sqlx::Error> {
    if cells.is_empty() {
        return Ok(());
    }
    let (table, column) = (grain.table(), grain.column());
    let mut sql = format!(
        "INSERT INTO {table} (dim, {column}, key, received, answered, on_time, rated_1, rated_2, rated_3, rated_4, \
         rated_5) VALUES "
    );
    push_placeholders(&mut sql, cells.len(), CELL_COLUMNS, is_sqlite(conn));
    if !fresh {
        sql.push_str(&format!(" ON CONFLICT (dim, {column}, key) DO UPDATE SET "));
        let sets: Vec<String> = [
            "received", "answered", "on_time", "rated_1", "rated_2", "rated_3", "rated_4", "rated_5",
        ]
        .iter()
        .map(|c| format!("{c} = {table}.{c} + excluded.{c}"))
        .collect();
        sql.push_str(&sets.join(", "));
    }
    let mut query = sqlx::query(&sql);
    for ((dim, bucket, key), metrics) in cells {
        query = query.bind(dim.code()).bind(i64::from(*bucket)).bind(*key);
        for value in metrics.0 {
            query = query.bind(value);
        }
    }
    query.execute(conn).await?;
    Ok(())
}

/// Merges contributions into one table's cells (zero cells dropped), in a
/// stable order.
fn cells_of(grain: Grain, changes: &[Contribution]) -> Vec<((Dim, i32, i64), Metrics)> {
    let mut cells: HashMap<(Dim, i32, i64), Metrics> = HashMap::new();
    for c in changes {
        cells
            .entry((c.dim, grain.bucket(c.day), c.key))
            .or_default()
            .add(&c.metrics, 1);
    }
    let mut cells: Vec<_> = cells.into_iter().filter(|(_, m)| !m.is_zero()).collect();
    cells.sort_by_key(|(k, _)| *k);
    cells
}

/// Brings the aggregates up to date with complaint `id`'s current row and
/// rating. Call it inside the transaction that changed them, after the
/// change; it is cheap when nothing that counts changed.
pub async fn refresh_complaint(conn: &mut Conn, id: i64) -> Result<(), sqlx::Error> {
    let row = sqlx::query(&format!("{FACTS_SQL} WHERE c.id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let new = row.as_ref().map(row_facts).transpose()?.filter(counts);
    let old = stored_facts(conn, id).await?;
    apply(conn, id, old, new).await
}

/// [`refresh_complaint`] for a complaint just inserted with `row`'s facts:
/// it contributed nothing before, so nothing needs reading.
pub async fn add_new_complaint(conn: &mut Conn, id: i64, row: &RowFacts) -> Result<(), sqlx::Error> {
    let new = Some(Facts::new(row)).filter(counts);
    apply(conn, id, None, new).await
}

/// Moves complaint `id`'s contribution from `old` to `new` facts.
async fn apply(conn: &mut Conn, id: i64, old: Option<Facts>, new: Option<Facts>) -> Result<(), sqlx::Error> {
    if new == old {
        return Ok(());
    }
    let changes = net(old.as_ref(), new.as_ref());
    for grain in [Grain::Day, Grain::Month] {
        add_cells(conn, grain, &cells_of(grain, &changes), false).await?;
    }
    match new {
        Some(facts) => put_facts(conn, &[(id, facts)], true).await?,
        None => {
            sqlx::query("DELETE FROM stats_facts WHERE complaint_id = $1")
                .bind(id)
                .execute(conn)
                .await?;
        }
    }
    Ok(())
}

/// What a rebuild wrote.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RebuildReport {
    pub complaints: usize,
    pub daily_cells: usize,
    pub monthly_cells: usize,
}

/// Complaints read per query while rebuilding.
const REBUILD_CHUNK: i64 = 20_000;
/// Rows per INSERT, under both backends' bind limits.
const ROWS_PER_INSERT: usize = 2_500;

/// Recomputes every aggregate from the complaint rows and ratings. Run it
/// in a write transaction: the tables are emptied first.
pub async fn rebuild(conn: &mut Conn) -> Result<RebuildReport, sqlx::Error> {
    for table in ["stats_daily", "stats_monthly", "stats_facts"] {
        sqlx::query(&format!("DELETE FROM {table}")).execute(&mut *conn).await?;
    }
    let mut report = RebuildReport::default();
    let mut daily: HashMap<(Dim, i32, i64), Metrics> = HashMap::new();
    let mut after = 0_i64;
    loop {
        let rows = sqlx::query(&format!("{FACTS_SQL} WHERE c.id > $1 ORDER BY c.id LIMIT $2"))
            .bind(after)
            .bind(REBUILD_CHUNK)
            .fetch_all(&mut *conn)
            .await?;
        let Some(last) = rows.last() else { break };
        after = last.try_get("id")?;
        let mut facts = Vec::with_capacity(rows.len());
        for row in &rows {
            let f = row_facts(row)?;
            if !counts(&f) {
                continue;
            }
            for c in contributions(&f) {
                daily.entry((c.dim, c.day, c.key)).or_default().add(&c.metrics, 1);
            }
            facts.push((row.try_get::<i64, _>("id")?, f));
        }
        report.complaints += rows.len();
        for batch in facts.chunks(ROWS_PER_INSERT) {
            put_facts(conn, batch, false).await?;
        }
    }
    let mut monthly: HashMap<(Dim, i32, i64), Metrics> = HashMap::new();
    for ((dim, day, key), m) in &daily {
        monthly.entry((*dim, day / 100, *key)).or_default().add(m, 1);
    }
    for (grain, cells) in [(Grain::Day, daily), (Grain::Month, monthly)] {
        let mut cells: Vec<_> = cells.into_iter().filter(|(_, m)| !m.is_zero()).collect();
        cells.sort_by_key(|(k, _)| *k);
        match grain {
            Grain::Day => report.daily_cells = cells.len(),
            Grain::Month => report.monthly_cells = cells.len(),
        }
        for batch in cells.chunks(ROWS_PER_INSERT) {
            add_cells(conn, grain, batch, true).await?;
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders() {
        let mut sql = String::new();
        push_placeholders(&mut sql, 2, 3, false);
        assert_eq!(sql, "($1, $2, $3), ($4, $5, $6)");
        let mut sql = String::new();
        push_placeholders(&mut sql, 2, 2, true);
        assert_eq!(sql, "(?, ?), (?, ?)");
    }
}
