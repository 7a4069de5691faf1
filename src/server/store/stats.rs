//! Statistics: the aggregate tables (`stats_daily`, `stats_monthly`,
//! `stats_facts`, see migration 20261128000006) read by period and
//! dimension, the live counts of open complaints, names for the groups,
//! and the latest published complaints. Keeping the aggregates exact is
//! [`maintain`]'s job ([`refresh_complaint`], [`add_new_complaint`],
//! [`rebuild`]).

mod maintain;
mod read;

pub use maintain::{add_new_complaint, rebuild, refresh_complaint, RebuildReport};
pub use read::{
    all_time, group_names, open_counts, staff_names, sum_by_key, sum_by_month, AgencyName, GroupNames, OpenGroup,
    StaffName,
};

use sqlx::Row;

use super::Conn;
use crate::domain::{HeadlineFigures, PublishedSummary};

/// Received, answered and answered-on-time counts over all time, from the
/// aggregates (the same computation as the rankings).
pub async fn headline_figures(conn: &mut Conn) -> Result<HeadlineFigures, sqlx::Error> {
    let totals = all_time(conn).await?;
    Ok(HeadlineFigures {
        received: totals.received(),
        answered: totals.answered(),
        answered_on_time: totals.on_time(),
    })
}

/// The newest published complaints whose citizens agreed to publication.
pub async fn latest_published(conn: &mut Conn, limit: i64) -> Result<Vec<PublishedSummary>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.id, c.title, a.name AS agency_name, m.name AS commune_name, g.name AS category_name, \
                c.published_at, c.on_time \
         FROM complaints c \
         LEFT JOIN agencies a ON a.id = c.agency_id \
         LEFT JOIN communes m ON m.id = c.commune_id \
         LEFT JOIN categories g ON g.id = c.category_id \
         WHERE c.published_at IS NOT NULL AND c.is_public = 1 \
         ORDER BY c.published_at DESC, c.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(PublishedSummary {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                agency_name: row.try_get("agency_name")?,
                commune_name: row.try_get("commune_name")?,
                category_name: row.try_get("category_name")?,
                published_at: row.try_get("published_at")?,
                on_time: row.try_get::<Option<i64>, _>("on_time")? == Some(1),
            })
        })
        .collect()
}
