//! Reference data: agencies, categories, communes.

use sqlx::Row;

use super::Conn;
use crate::domain::{Agency, AgencyKind, Category, Commune, CommuneKind};

pub async fn insert_agency(
    conn: &mut Conn,
    code: &str,
    name: &str,
    kind: AgencyKind,
    handles: &str,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO agencies (code, name, kind, handles) VALUES ($1, $2, $3, $4) RETURNING id")
        .bind(code)
        .bind(name)
        .bind(kind.as_str())
        .bind(handles)
        .fetch_one(conn)
        .await
}

pub async fn list_agencies(conn: &mut Conn) -> Result<Vec<Agency>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, code, name, kind, handles FROM agencies WHERE active = 1 ORDER BY id")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(Agency {
                id: row.try_get("id")?,
                code: row.try_get("code")?,
                name: row.try_get("name")?,
                kind: AgencyKind::parse(&kind).ok_or_else(|| bad_value("agencies.kind", &kind))?,
                handles: row.try_get("handles")?,
            })
        })
        .collect()
}

pub async fn agency_id_by_code(conn: &mut Conn, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM agencies WHERE code = $1")
        .bind(code)
        .fetch_optional(conn)
        .await
}

pub async fn insert_category(
    conn: &mut Conn,
    code: &str,
    name: &str,
    description: &str,
    default_agency_id: Option<i64>,
    position: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO categories (code, name, description, default_agency_id, position) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(code)
    .bind(name)
    .bind(description)
    .bind(default_agency_id)
    .bind(position)
    .fetch_one(conn)
    .await
}

pub async fn list_categories(conn: &mut Conn) -> Result<Vec<Category>, sqlx::Error> {
    let rows =
        sqlx::query("SELECT id, code, name, description, default_agency_id FROM categories ORDER BY position, id")
            .fetch_all(conn)
            .await?;
    rows.iter()
        .map(|row| {
            Ok(Category {
                id: row.try_get("id")?,
                code: row.try_get("code")?,
                name: row.try_get("name")?,
                description: row.try_get("description")?,
                default_agency_id: row.try_get("default_agency_id")?,
            })
        })
        .collect()
}

pub async fn category_id_by_code(conn: &mut Conn, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM categories WHERE code = $1")
        .bind(code)
        .fetch_optional(conn)
        .await
}

pub async fn insert_commune(conn: &mut Conn, code: &str, name: &str, kind: CommuneKind) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("INSERT INTO communes (code, name, kind) VALUES ($1, $2, $3) RETURNING id")
        .bind(code)
        .bind(name)
        .bind(kind.as_str())
        .fetch_one(conn)
        .await
}

pub async fn list_communes(conn: &mut Conn) -> Result<Vec<Commune>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, code, name, kind FROM communes ORDER BY name")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            let kind: String = row.try_get("kind")?;
            Ok(Commune {
                id: row.try_get("id")?,
                code: row.try_get("code")?,
                name: row.try_get("name")?,
                kind: CommuneKind::parse(&kind).ok_or_else(|| bad_value("communes.kind", &kind))?,
            })
        })
        .collect()
}

pub async fn commune_id_by_code(conn: &mut Conn, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM communes WHERE code = $1")
        .bind(code)
        .fetch_optional(conn)
        .await
}

/// A stored value the code does not know: the database was changed by hand.
pub(crate) fn bad_value(column: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected value {value:?} in {column}").into())
}
