//! Key/value settings, the deadline policy and the holiday list.

use chrono::NaiveDate;
use sqlx::Row;

use super::{catalog::bad_value, Conn};
use crate::domain::admin::Holiday;
use crate::domain::{DayKind, DeadlinePolicy};

pub async fn get_setting(conn: &mut Conn, key: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(key)
        .fetch_optional(conn)
        .await
}

pub async fn set_setting(conn: &mut Conn, key: &str, value: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )
    .bind(key)
    .bind(value)
    .execute(conn)
    .await?;
    Ok(())
}

/// The deadline policy, or the default one when none is stored.
pub async fn deadline_policy(conn: &mut Conn) -> Result<DeadlinePolicy, sqlx::Error> {
    let row = sqlx::query(
        "SELECT total_days, triage_days, handling_days, approval_days, day_kind FROM deadline_policy WHERE id = 1",
    )
    .fetch_optional(conn)
    .await?;
    let Some(row) = row else {
        return Ok(DeadlinePolicy::default());
    };
    let day_kind: String = row.try_get("day_kind")?;
    let days = |name: &str| -> Result<u32, sqlx::Error> {
        let value: i64 = row.try_get(name)?;
        u32::try_from(value).map_err(|_| bad_value(name, &value.to_string()))
    };
    Ok(DeadlinePolicy {
        total_days: days("total_days")?,
        triage_days: days("triage_days")?,
        handling_days: days("handling_days")?,
        approval_days: days("approval_days")?,
        day_kind: DayKind::parse(&day_kind).ok_or_else(|| bad_value("deadline_policy.day_kind", &day_kind))?,
    })
}

pub async fn save_deadline_policy(conn: &mut Conn, policy: &DeadlinePolicy) -> Result<(), sqlx::Error> {
    sqlx::query(
        "INSERT INTO deadline_policy (id, total_days, triage_days, handling_days, approval_days, day_kind) \
         VALUES (1, $1, $2, $3, $4, $5) \
         ON CONFLICT (id) DO UPDATE SET total_days = excluded.total_days, triage_days = excluded.triage_days, \
         handling_days = excluded.handling_days, approval_days = excluded.approval_days, day_kind = excluded.day_kind",
    )
    .bind(i64::from(policy.total_days))
    .bind(i64::from(policy.triage_days))
    .bind(i64::from(policy.handling_days))
    .bind(i64::from(policy.approval_days))
    .bind(policy.day_kind.as_str())
    .execute(conn)
    .await?;
    Ok(())
}

/// Adds a holiday; false when `day` already is one (it is left as it was).
pub async fn insert_holiday(conn: &mut Conn, day: NaiveDate, name: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("INSERT INTO holidays (day, name) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING")
        .bind(day.format("%Y-%m-%d").to_string())
        .bind(name)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Removes a holiday; false when `day` was none.
pub async fn delete_holiday(conn: &mut Conn, day: NaiveDate) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM holidays WHERE day = $1")
        .bind(day.format("%Y-%m-%d").to_string())
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// All holidays with their names, sorted by day.
pub async fn list_holidays_with_names(conn: &mut Conn) -> Result<Vec<Holiday>, sqlx::Error> {
    let rows = sqlx::query("SELECT day, name FROM holidays ORDER BY day")
        .fetch_all(conn)
        .await?;
    rows.iter()
        .map(|row| {
            let day: String = row.try_get("day")?;
            Ok(Holiday {
                day: NaiveDate::parse_from_str(&day, "%Y-%m-%d").map_err(|_| bad_value("holidays.day", &day))?,
                name: row.try_get("name")?,
            })
        })
        .collect()
}

/// All holidays, sorted (what deadline arithmetic expects).
pub async fn holidays(conn: &mut Conn) -> Result<Vec<NaiveDate>, sqlx::Error> {
    let days: Vec<String> = sqlx::query_scalar("SELECT day FROM holidays ORDER BY day")
        .fetch_all(conn)
        .await?;
    days.iter()
        .map(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| bad_value("holidays.day", day)))
        .collect()
}
