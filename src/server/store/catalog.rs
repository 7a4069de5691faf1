//! Reference data: agencies, categories, communes.

use sqlx::Row;

use super::Conn;
use crate::domain::admin::AgencyEntry;
use crate::domain::{Agency, AgencyKind, Category, Commune, CommuneKind, ComplaintStatus};

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

fn agency(row: &sqlx::any::AnyRow) -> Result<Agency, sqlx::Error> {
    let kind: String = row.try_get("kind")?;
    Ok(Agency {
        id: row.try_get("id")?,
        code: row.try_get("code")?,
        name: row.try_get("name")?,
        kind: AgencyKind::parse(&kind).ok_or_else(|| bad_value("agencies.kind", &kind))?,
        handles: row.try_get("handles")?,
    })
}

/// The active agencies: those that receive complaints.
pub async fn list_agencies(conn: &mut Conn) -> Result<Vec<Agency>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, code, name, kind, handles FROM agencies WHERE active = 1 ORDER BY id")
        .fetch_all(conn)
        .await?;
    rows.iter().map(agency).collect()
}

fn agency_entry(row: &sqlx::any::AnyRow) -> Result<AgencyEntry, sqlx::Error> {
    Ok(AgencyEntry {
        agency: agency(row)?,
        active: row.try_get::<i64, _>("active")? == 1,
    })
}

/// Every agency, the inactive ones too (the administrator's list).
pub async fn list_all_agencies(conn: &mut Conn) -> Result<Vec<AgencyEntry>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, code, name, kind, handles, active FROM agencies ORDER BY id")
        .fetch_all(conn)
        .await?;
    rows.iter().map(agency_entry).collect()
}

/// The agency with `code`, active or not.
pub async fn find_agency(conn: &mut Conn, code: &str) -> Result<Option<AgencyEntry>, sqlx::Error> {
    let row = sqlx::query("SELECT id, code, name, kind, handles, active FROM agencies WHERE code = $1")
        .bind(code)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(agency_entry).transpose()
}

pub async fn agency_id_by_code(conn: &mut Conn, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM agencies WHERE code = $1")
        .bind(code)
        .fetch_optional(conn)
        .await
}

/// The id of the active agency with `code`: one that may receive complaints
/// and staff.
pub async fn active_agency_id_by_code(conn: &mut Conn, code: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM agencies WHERE code = $1 AND active = 1")
        .bind(code)
        .fetch_optional(conn)
        .await
}

/// Changes an agency's name, kind and competences; false when none has `id`.
pub async fn update_agency(
    conn: &mut Conn,
    id: i64,
    name: &str,
    kind: AgencyKind,
    handles: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE agencies SET name = $1, kind = $2, handles = $3 WHERE id = $4")
        .bind(name)
        .bind(kind.as_str())
        .bind(handles)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Activates or deactivates an agency (agencies are never deleted:
/// complaints refer to them).
pub async fn set_agency_active(conn: &mut Conn, id: i64, active: bool) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE agencies SET active = $1 WHERE id = $2")
        .bind(i64::from(active))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// What still depends on an agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AgencyUse {
    pub active_staff: i64,
    pub open_complaints: i64,
    /// Categories whose complaints go to it by default.
    pub default_for: i64,
}

pub async fn agency_use(conn: &mut Conn, id: i64) -> Result<AgencyUse, sqlx::Error> {
    let open = ComplaintStatus::ALL
        .into_iter()
        .filter(|s| s.is_open())
        .map(|s| format!("'{}'", s.as_str()))
        .collect::<Vec<_>>()
        .join(", ");
    let active_staff = sqlx::query_scalar("SELECT COUNT(*) FROM staff_users WHERE agency_id = $1 AND active = 1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    let open_complaints = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM complaints WHERE agency_id = $1 AND status IN ({open})"
    ))
    .bind(id)
    .fetch_one(&mut *conn)
    .await?;
    let default_for = sqlx::query_scalar("SELECT COUNT(*) FROM categories WHERE default_agency_id = $1")
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(AgencyUse {
        active_staff,
        open_complaints,
        default_for,
    })
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

/// The position after the last category (new ones are listed last).
pub async fn next_category_position(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COALESCE(MAX(position), 0) + 1 FROM categories")
        .fetch_one(conn)
        .await
}

/// Changes a category; false when none has `id`.
pub async fn update_category(
    conn: &mut Conn,
    id: i64,
    name: &str,
    description: &str,
    default_agency_id: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE categories SET name = $1, description = $2, default_agency_id = $3 WHERE id = $4")
        .bind(name)
        .bind(description)
        .bind(default_agency_id)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
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

/// Changes a commune's name and kind; false when none has `id`.
pub async fn update_commune(conn: &mut Conn, id: i64, name: &str, kind: CommuneKind) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE communes SET name = $1, kind = $2 WHERE id = $3")
        .bind(name)
        .bind(kind.as_str())
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// A stored value the code does not know: the database was changed by hand.
pub(crate) fn bad_value(column: &str, value: &str) -> sqlx::Error {
    sqlx::Error::Decode(format!("unexpected value {value:?} in {column}").into())
}
