//! The citizen's feedback: one rating per complaint (`ratings`) and the
//! requests to reopen (`reopen_requests`, at most one pending per complaint:
//! a partial unique index says so on both backends).

use sqlx::Row;

use super::{catalog::bad_value, Conn};
use crate::domain::rating::{Rating, ReopenRequest, ReopenState, Satisfaction};

fn score(row: &sqlx::any::AnyRow, column: &str) -> Result<Satisfaction, sqlx::Error> {
    let value: i64 = row.try_get(column)?;
    Satisfaction::new(value).ok_or_else(|| bad_value(column, &value.to_string()))
}

/// The rating of complaint `id`, if any.
pub async fn find(conn: &mut Conn, id: i64) -> Result<Option<Rating>, sqlx::Error> {
    let row = sqlx::query("SELECT score, comment, created_at, updated_at FROM ratings WHERE complaint_id = $1")
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.map(|row| {
        Ok(Rating {
            score: score(&row, "score")?,
            comment: row.try_get("comment")?,
            created_at: row.try_get("created_at")?,
            updated_at: row.try_get("updated_at")?,
        })
    })
    .transpose()
}

/// The first rating of the current answer: a new row, or one replacing the
/// rating of an earlier answer; the change window starts at `at`.
pub async fn put_first(
    conn: &mut Conn,
    id: i64,
    score: Satisfaction,
    comment: Option<&str>,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO ratings (complaint_id, score, comment, created_at, updated_at) VALUES ($1, $2, $3, $4, $4) \
         ON CONFLICT (complaint_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, \
         created_at = excluded.created_at, updated_at = excluded.updated_at",
    )
    .bind(id)
    .bind(i64::from(score.score()))
    .bind(comment)
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A change of the rating; the window keeps its start.
pub async fn change(
    conn: &mut Conn,
    id: i64,
    score: Satisfaction,
    comment: Option<&str>,
    at: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE ratings SET score = $1, comment = $2, updated_at = $3 WHERE complaint_id = $4")
        .bind(i64::from(score.score()))
        .bind(comment)
        .bind(at)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes the rating (the answer it rated is being handled again; the
/// accepted request keeps what it was).
pub async fn delete(conn: &mut Conn, id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM ratings WHERE complaint_id = $1")
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

pub struct NewReopen<'a> {
    pub complaint_id: i64,
    pub reason: &'a str,
    pub score: Satisfaction,
    pub rating_comment: Option<&'a str>,
    pub at: i64,
}

/// Records a pending request; `None` when one is already pending.
pub async fn insert_reopen(conn: &mut Conn, new: &NewReopen<'_>) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO reopen_requests (complaint_id, reason, score, rating_comment, state, requested_at) \
         VALUES ($1, $2, $3, $4, 'pending', $5) ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(new.complaint_id)
    .bind(new.reason)
    .bind(i64::from(new.score.score()))
    .bind(new.rating_comment)
    .bind(new.at)
    .fetch_optional(conn)
    .await
}

const REOPEN_COLUMNS: &str = "r.id, r.state, r.reason, r.score, r.rating_comment, r.requested_at, r.decided_at, \
     r.decision_note, s.full_name AS decided_by";

fn reopen(row: &sqlx::any::AnyRow) -> Result<ReopenRequest, sqlx::Error> {
    let state: String = row.try_get("state")?;
    Ok(ReopenRequest {
        id: row.try_get("id")?,
        state: ReopenState::parse(&state).ok_or_else(|| bad_value("reopen_requests.state", &state))?,
        reason: row.try_get("reason")?,
        score: score(row, "score")?,
        rating_comment: row.try_get("rating_comment")?,
        requested_at: row.try_get("requested_at")?,
        decided_at: row.try_get("decided_at")?,
        decision_note: row.try_get("decision_note")?,
        decided_by: row.try_get("decided_by")?,
    })
}

/// The requests about complaint `id`, oldest first.
pub async fn reopen_requests(conn: &mut Conn, id: i64) -> Result<Vec<ReopenRequest>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {REOPEN_COLUMNS} FROM reopen_requests r LEFT JOIN staff_users s ON s.id = r.decided_by \
         WHERE r.complaint_id = $1 ORDER BY r.id"
    ))
    .bind(id)
    .fetch_all(conn)
    .await?;
    rows.iter().map(reopen).collect()
}

/// The latest request about complaint `id`, if any.
pub async fn latest_reopen(conn: &mut Conn, id: i64) -> Result<Option<ReopenRequest>, sqlx::Error> {
    let row = sqlx::query(&format!(
        "SELECT {REOPEN_COLUMNS} FROM reopen_requests r LEFT JOIN staff_users s ON s.id = r.decided_by \
         WHERE r.complaint_id = $1 ORDER BY r.id DESC LIMIT 1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(reopen).transpose()
}

/// Decides the pending request about complaint `id`: its id, or `None`
/// when none is pending (someone decided it meanwhile).
pub async fn decide_reopen(
    conn: &mut Conn,
    id: i64,
    accepted: bool,
    by: i64,
    note: Option<&str>,
    at: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let state = if accepted {
        ReopenState::Accepted
    } else {
        ReopenState::Refused
    };
    sqlx::query_scalar(
        "UPDATE reopen_requests SET state = $1, decided_by = $2, decided_at = $3, decision_note = $4 \
         WHERE complaint_id = $5 AND state = 'pending' RETURNING id",
    )
    .bind(state.as_str())
    .bind(by)
    .bind(at)
    .bind(note)
    .bind(id)
    .fetch_optional(conn)
    .await
}
