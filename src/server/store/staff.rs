//! Staff accounts.

use super::Conn;
use crate::domain::Role;

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
