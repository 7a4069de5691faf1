//! Public figures: headline counts and the latest published complaints.

use sqlx::Row;

use super::Conn;
use crate::domain::{HeadlineFigures, PublishedSummary};

/// Received, answered and answered-on-time counts over all time.
pub async fn headline_figures(conn: &mut Conn) -> Result<HeadlineFigures, sqlx::Error> {
    let row = sqlx::query(
        "SELECT \
           COUNT(received_at) AS received, \
           COUNT(published_at) AS answered, \
           COALESCE(SUM(CASE WHEN published_at IS NOT NULL AND on_time = 1 THEN 1 ELSE 0 END), 0) AS on_time \
         FROM complaints",
    )
    .fetch_one(conn)
    .await?;
    Ok(HeadlineFigures {
        received: row.try_get("received")?,
        answered: row.try_get("answered")?,
        answered_on_time: row.try_get("on_time")?,
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
