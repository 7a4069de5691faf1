//! What routing reads from the database: complaints whose agency was
//! confirmed (the agency accepted the assignment), to learn from, and the
//! text of one complaint, to route it.

use sqlx::Row;

use super::Conn;

/// A complaint's text and where it went.
#[derive(Debug, Clone, PartialEq)]
pub struct LabelledComplaint {
    pub title: String,
    pub description: String,
    pub category_name: Option<String>,
    pub agency_code: String,
}

/// The newest `limit` complaints an agency accepted (they are in progress or
/// further on), with that agency's code: the coordinator's final decisions.
pub async fn confirmed_complaints(conn: &mut Conn, limit: i64) -> Result<Vec<LabelledComplaint>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT c.title, c.description, cat.name AS category_name, a.code AS agency_code \
         FROM complaints c \
         JOIN agencies a ON a.id = c.agency_id \
         LEFT JOIN categories cat ON cat.id = c.category_id \
         WHERE c.status IN ('in_progress', 'awaiting_approval', 'published', 'rated', 'closed', 'reopened') \
           AND a.kind <> 'coordinator' \
         ORDER BY c.id DESC LIMIT $1",
    )
    .bind(limit)
    .fetch_all(conn)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(LabelledComplaint {
                title: row.try_get("title")?,
                description: row.try_get("description")?,
                category_name: row.try_get("category_name")?,
                agency_code: row.try_get("agency_code")?,
            })
        })
        .collect()
}

/// What routing needs of one stored complaint.
#[derive(Debug, Clone, PartialEq)]
pub struct RoutingInput {
    pub title: String,
    pub description: String,
    pub category_code: Option<String>,
    pub commune_code: Option<String>,
    pub chosen_agency_id: Option<i64>,
}

pub async fn routing_input(conn: &mut Conn, id: i64) -> Result<Option<RoutingInput>, sqlx::Error> {
    let row = sqlx::query(
        "SELECT c.title, c.description, c.chosen_agency_id, cat.code AS category_code, m.code AS commune_code \
         FROM complaints c \
         LEFT JOIN categories cat ON cat.id = c.category_id \
         LEFT JOIN communes m ON m.id = c.commune_id \
         WHERE c.id = $1",
    )
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.map(|row| {
        Ok(RoutingInput {
            title: row.try_get("title")?,
            description: row.try_get("description")?,
            category_code: row.try_get("category_code")?,
            commune_code: row.try_get("commune_code")?,
            chosen_agency_id: row.try_get("chosen_agency_id")?,
        })
    })
    .transpose()
}

/// The codes of a category and a commune, by id (either may be absent).
pub async fn codes_of(
    conn: &mut Conn,
    category_id: Option<i64>,
    commune_id: Option<i64>,
) -> Result<(Option<String>, Option<String>), sqlx::Error> {
    let category = match category_id {
        Some(id) => {
            sqlx::query_scalar("SELECT code FROM categories WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    let commune = match commune_id {
        Some(id) => {
            sqlx::query_scalar("SELECT code FROM communes WHERE id = $1")
                .bind(id)
                .fetch_optional(&mut *conn)
                .await?
        }
        None => None,
    };
    Ok((category, commune))
}
