//! Staff accounts.

use sqlx::Row;

use super::{catalog::bad_value, Conn};
use crate::domain::{Role, StaffUser};

pub struct NewStaff<'a> {
    pub username: &'a str,
    pub email: &'a str,
    pub full_name: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub agency_id: i64,
}

pub async fn insert_staff(conn: &mut Conn, staff: &NewStaff<'_>, now: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "INSERT INTO staff_users (username, email, full_name, password_hash, role, agency_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(staff.username)
    .bind(staff.email)
    .bind(staff.full_name)
    .bind(staff.password_hash)
    .bind(staff.role.as_str())
    .bind(staff.agency_id)
    .bind(now)
    .fetch_one(conn)
    .await
}

pub async fn count_staff(conn: &mut Conn) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM staff_users")
        .fetch_one(conn)
        .await
}

const USER_COLUMNS: &str = "id, username, email, full_name, role, agency_id, password_hash, active";

/// A staff account as stored: the user, the password hash, whether active.
pub struct StoredStaff {
    pub user: StaffUser,
    pub password_hash: String,
    pub active: bool,
}

fn stored(row: &sqlx::any::AnyRow) -> Result<StoredStaff, sqlx::Error> {
    let role: String = row.try_get("role")?;
    Ok(StoredStaff {
        user: StaffUser {
            id: row.try_get("id")?,
            username: row.try_get("username")?,
            email: row.try_get("email")?,
            full_name: row.try_get("full_name")?,
            role: Role::parse(&role).ok_or_else(|| bad_value("staff_users.role", &role))?,
            agency_id: row.try_get("agency_id")?,
        },
        password_hash: row.try_get("password_hash")?,
        active: row.try_get::<i64, _>("active")? == 1,
    })
}

/// The account whose user name or e-mail is `login` (any case).
pub async fn find_by_login(conn: &mut Conn, login: &str) -> Result<Option<StoredStaff>, sqlx::Error> {
    let login = login.trim().to_lowercase();
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM staff_users WHERE LOWER(username) = $1 OR LOWER(email) = $1"
    ))
    .bind(login)
    .fetch_optional(conn)
    .await?;
    row.as_ref().map(stored).transpose()
}

pub async fn find_by_id(conn: &mut Conn, id: i64) -> Result<Option<StoredStaff>, sqlx::Error> {
    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM staff_users WHERE id = $1"))
        .bind(id)
        .fetch_optional(conn)
        .await?;
    row.as_ref().map(stored).transpose()
}

/// Every account, by agency then name.
pub async fn list_staff(conn: &mut Conn) -> Result<Vec<StoredStaff>, sqlx::Error> {
    let rows = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM staff_users ORDER BY agency_id, full_name, id"
    ))
    .fetch_all(conn)
    .await?;
    rows.iter().map(stored).collect()
}

/// The e-mail addresses of the active staff of `agency_id` with `role`.
pub async fn emails_of(conn: &mut Conn, agency_id: Option<i64>, role: Role) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT email FROM staff_users WHERE active = 1 AND role = $1 AND ($2 IS NULL OR agency_id = $2) ORDER BY id",
    )
    .bind(role.as_str())
    .bind(agency_id)
    .fetch_all(conn)
    .await
}

/// Whether another account than `except_id` signs in with `login` (any
/// case), as its user name or its e-mail: a login must name one account.
pub async fn login_taken(conn: &mut Conn, login: &str, except_id: i64) -> Result<bool, sqlx::Error> {
    let found: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM staff_users WHERE (LOWER(username) = $1 OR LOWER(email) = $1) AND id <> $2",
    )
    .bind(login.trim().to_lowercase())
    .bind(except_id)
    .fetch_one(conn)
    .await?;
    Ok(found > 0)
}

/// What the administrator may change on an account.
pub struct StaffChange<'a> {
    pub full_name: &'a str,
    pub email: &'a str,
    pub role: Role,
    pub agency_id: i64,
}

/// Changes an account; false when none has `id`.
pub async fn update_staff(conn: &mut Conn, id: i64, change: &StaffChange<'_>) -> Result<bool, sqlx::Error> {
    let done =
        sqlx::query("UPDATE staff_users SET full_name = $1, email = $2, role = $3, agency_id = $4 WHERE id = $5")
            .bind(change.full_name)
            .bind(change.email)
            .bind(change.role.as_str())
            .bind(change.agency_id)
            .bind(id)
            .execute(conn)
            .await?;
    Ok(done.rows_affected() == 1)
}

/// Activates or deactivates an account (a deactivated one cannot sign in,
/// and its sessions end at their next request).
pub async fn set_staff_active(conn: &mut Conn, id: i64, active: bool) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("UPDATE staff_users SET active = $1 WHERE id = $2")
        .bind(i64::from(active))
        .bind(id)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_password_hash(conn: &mut Conn, id: i64, hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE staff_users SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(conn)
        .await?;
    Ok(())
}

/// Failed sign-ins in a row for `login`: how many, and until when locked.
pub async fn sign_in_failures(conn: &mut Conn, login: &str) -> Result<(i64, Option<i64>), sqlx::Error> {
    let row = sqlx::query("SELECT failures, locked_until FROM sign_in_failures WHERE login = $1")
        .bind(login)
        .fetch_optional(conn)
        .await?;
    match row {
        Some(row) => Ok((row.try_get("failures")?, row.try_get("locked_until")?)),
        None => Ok((0, None)),
    }
}

/// Counts one more failure for `login`; locks it until `lock_until` if given.
pub async fn record_sign_in_failure(
    conn: &mut Conn,
    login: &str,
    at: i64,
    lock_until: Option<i64>,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO sign_in_failures (login, failures, last_at, locked_until) VALUES ($1, 1, $2, $3) \
         ON CONFLICT (login) DO UPDATE SET failures = sign_in_failures.failures + 1, last_at = $2, \
         locked_until = $3",
    )
    .bind(login)
    .bind(at)
    .bind(lock_until)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn clear_sign_in_failures(conn: &mut Conn, login: &str) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM sign_in_failures WHERE login = $1")
        .bind(login)
        .execute(conn)
        .await?;
    Ok(())
}
