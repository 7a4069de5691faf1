//! The public list and the public page of a complaint: only complaints whose
//! citizen agreed to publish them, only columns that may be public.

use sqlx::Row;

use super::{catalog::bad_value, Conn};
use crate::domain::public::{PublicQuery, PublicSummary, PAGE_SIZE};
use crate::domain::text::{fold, words};
use crate::domain::ComplaintStatus;

/// Most search words used (the rest are ignored).
const MAX_WORDS: usize = 8;

/// The folded words of `title` and `description` as stored for search:
/// each word preceded by a space, so `LIKE '% word%'` finds word starts.
pub fn search_text(title: &str, description: &str) -> String {
    let folded = fold(&format!("{title} {description}"));
    let mut out = String::with_capacity(folded.len() + 2);
    for word in words(&folded) {
        out.push(' ');
        out.push_str(word);
    }
    out
}

const SUMMARY_COLUMNS: &str = "c.id, c.title, c.status, c.received_at, c.published_at, \
     a.name AS agency_name, k.name AS category_name, m.name AS commune_name";

const JOINS: &str = "FROM complaints c \
     LEFT JOIN agencies a ON a.id = c.agency_id \
     LEFT JOIN categories k ON k.id = c.category_id \
     LEFT JOIN communes m ON m.id = c.commune_id";

/// The WHERE clause for `query` and the values to bind, in order.
fn filter(query: &PublicQuery) -> (String, Vec<String>) {
    let statuses: Vec<String> = query
        .status
        .statuses()
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    let mut sql = format!("WHERE c.is_public = 1 AND c.status IN ({})", statuses.join(", "));
    let mut binds = Vec::new();
    let mut push = |sql: &mut String, clause: &str, value: String| {
        binds.push(value);
        sql.push_str(&clause.replace("$?", &format!("${}", binds.len())));
    };
    if !query.agency.is_empty() {
        push(&mut sql, " AND a.code = $?", query.agency.clone());
    }
    if !query.category.is_empty() {
        push(&mut sql, " AND k.code = $?", query.category.clone());
    }
    if !query.commune.is_empty() {
        push(&mut sql, " AND m.code = $?", query.commune.clone());
    }
    let folded = fold(&query.text);
    for word in words(&folded).take(MAX_WORDS) {
        push(&mut sql, " AND c.search_text LIKE $?", format!("% {word}%"));
    }
    (sql, binds)
}

fn summary(row: &sqlx::any::AnyRow) -> Result<PublicSummary, sqlx::Error> {
    let status: String = row.try_get("status")?;
    Ok(PublicSummary {
        id: row.try_get("id")?,
        title: row.try_get("title")?,
        status: ComplaintStatus::parse(&status).ok_or_else(|| bad_value("complaints.status", &status))?,
        agency_name: row.try_get("agency_name")?,
        category_name: row.try_get("category_name")?,
        commune_name: row.try_get("commune_name")?,
        received_at: row.try_get("received_at")?,
        published_at: row.try_get("published_at")?,
    })
}

/// One page of the list, newest first, and the number of matches.
pub async fn list(conn: &mut Conn, query: &PublicQuery) -> Result<(Vec<PublicSummary>, i64), sqlx::Error> {
    let (where_sql, binds) = filter(query);
    let count_sql = format!("SELECT COUNT(*) {JOINS} {where_sql}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for value in &binds {
        count = count.bind(value.clone());
    }
    let total = count.fetch_one(&mut *conn).await?;
    let page = query.page.max(1);
    let list_sql = format!(
        "SELECT {SUMMARY_COLUMNS} {JOINS} {where_sql} ORDER BY c.received_at DESC, c.id DESC LIMIT {PAGE_SIZE} OFFSET {}",
        (page - 1) * PAGE_SIZE
    );
    let mut rows = sqlx::query(&list_sql);
    for value in &binds {
        rows = rows.bind(value.clone());
    }
    let items = rows
        .fetch_all(conn)
        .await?
        .iter()
        .map(summary)
        .collect::<Result<_, _>>()?;
    Ok((items, total))
}

/// What a public page shows of complaint `id`, with the citizen's name for
/// redaction (never shown).
pub struct PublicRow {
    pub summary: PublicSummary,
    pub description: String,
    pub answer: Option<String>,
    pub deadline_at: Option<i64>,
    pub on_time: Option<bool>,
    pub citizen_name: String,
}

/// Complaint `id` when it may be shown publicly (any listed status).
pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<PublicRow>, sqlx::Error> {
    let (where_sql, _) = filter(&PublicQuery {
        status: crate::domain::public::StatusFilter::All,
        ..PublicQuery::default()
    });
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS}, c.description, c.answer, c.deadline_at, c.on_time, c.citizen_name \
         {JOINS} {where_sql} AND c.id = $1"
    );
    let Some(row) = sqlx::query(&sql).bind(id).fetch_optional(conn).await? else {
        return Ok(None);
    };
    Ok(Some(PublicRow {
        summary: summary(&row)?,
        description: row.try_get("description")?,
        answer: row.try_get("answer")?,
        deadline_at: row.try_get("deadline_at")?,
        on_time: row.try_get::<Option<i64>, _>("on_time")?.map(|v| v == 1),
        citizen_name: row.try_get("citizen_name")?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::public::StatusFilter;

    #[test]
    fn search_text_is_folded_words_with_leading_spaces() {
        assert_eq!(search_text("Đường HỎNG", "ổ gà, 3m"), " duong hong o ga 3m");
    }

    #[test]
    fn filters_number_their_placeholders_in_order() {
        let (sql, binds) = filter(&PublicQuery {
            text: "Đường hỏng".into(),
            agency: "SXD".into(),
            commune: "phuong-ham-rong".into(),
            status: StatusFilter::Answered,
            ..PublicQuery::default()
        });
        assert!(sql.contains("a.code = $1"));
        assert!(sql.contains("m.code = $2"));
        assert!(sql.contains("c.search_text LIKE $3"));
        assert!(sql.contains("c.search_text LIKE $4"));
        assert!(sql.contains("'published', 'rated', 'closed'"));
        assert_eq!(binds, vec!["SXD", "phuong-ham-rong", "% duong%", "% hong%"]);
    }
}
