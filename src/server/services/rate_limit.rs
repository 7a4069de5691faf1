//! Rate limits of the citizen side: complaints per address and per phone,
//! tracker look-ups and ratings per address, wrong second factors per
//! tracking code.
//! Counts live in the database, so every app server sees the same ones;
//! keys are hashed, so no address or phone number is stored in clear.

use sha2::{Digest, Sha256};

use crate::error::AppError;
use crate::server::config::Limits;
use crate::server::store::{self, Conn};
use crate::server::Db;

/// The polite refusal shown on the review page.
pub const TOO_MANY: &str = "Bạn đã gửi nhiều phản ánh trong thời gian ngắn. Vui lòng thử lại sau, \
     hoặc gọi đường dây nóng nếu sự việc khẩn cấp.";

const HOUR: i64 = 3600;
const DAY: i64 = 24 * HOUR;

/// Who is asking, as far as the server can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Client {
    /// The client's IP address, as text.
    pub address: String,
}

fn key(purpose: &str, value: &str) -> String {
    let digest = Sha256::digest(format!("phanhoi:{purpose}:{value}").as_bytes());
    let hex: String = digest[..12].iter().map(|b| format!("{b:02x}")).collect();
    format!("{purpose}:{hex}")
}

/// Whether `key` already had `limit` attempts (0: no limit) since `since`.
async fn exhausted(conn: &mut Conn, key: &str, limit: u32, since: i64) -> Result<bool, AppError> {
    if limit == 0 {
        return Ok(false);
    }
    Ok(store::rate_limits::count_since(conn, key, since).await? >= i64::from(limit))
}

/// `Some(message)` when this address or phone has filed too many complaints.
pub async fn check_submission(
    conn: &mut Conn,
    limits: &Limits,
    client: &Client,
    phone: &str,
    at: i64,
) -> Result<Option<String>, AppError> {
    let by_address = exhausted(
        conn,
        &key("submit-address", &client.address),
        limits.submit_per_address_hour,
        at - HOUR,
    )
    .await?;
    let by_phone = exhausted(conn, &key("submit-phone", phone), limits.submit_per_phone_day, at - DAY).await?;
    Ok((by_address || by_phone).then(|| TOO_MANY.to_owned()))
}

/// Counts a filed complaint against its address and phone, in the
/// transaction that files it.
pub async fn record_submission(
    conn: &mut Conn,
    limits: &Limits,
    client: &Client,
    phone: &str,
    at: i64,
) -> Result<(), AppError> {
    if limits.submit_per_address_hour > 0 {
        store::rate_limits::record(&mut *conn, &key("submit-address", &client.address), at, at - HOUR).await?;
    }
    if limits.submit_per_phone_day > 0 {
        store::rate_limits::record(&mut *conn, &key("submit-phone", phone), at, at - DAY).await?;
    }
    Ok(())
}

/// Counts a tracker look-up; `Err(RateLimited)` past the limit.
pub async fn lookup(db: &Db, limits: &Limits, client: &Client, at: i64) -> Result<(), AppError> {
    let limit = limits.lookup_per_address_10min;
    if limit == 0 {
        return Ok(());
    }
    let key = key("lookup-address", &client.address);
    let mut tx = db.begin_write().await?;
    if exhausted(&mut tx, &key, limit, at - 600).await? {
        return Err(AppError::RateLimited);
    }
    store::rate_limits::record(&mut tx, &key, at, at - 600).await?;
    tx.commit().await?;
    Ok(())
}

/// Counts a citizen's rating or reopen request from `client`, in the
/// transaction that writes it; `Err(RateLimited)` past the limit.
pub async fn feedback(conn: &mut Conn, limits: &Limits, client: &Client, at: i64) -> Result<(), AppError> {
    let limit = limits.feedback_per_address_hour;
    if limit == 0 {
        return Ok(());
    }
    let key = key("feedback-address", &client.address);
    if exhausted(conn, &key, limit, at - HOUR).await? {
        return Err(AppError::RateLimited);
    }
    store::rate_limits::record(conn, &key, at, at - HOUR).await?;
    Ok(())
}

/// Whether tracking code `code` has had too many wrong second factors.
pub async fn second_factor_blocked(db: &Db, limits: &Limits, code: &str, at: i64) -> Result<bool, AppError> {
    let mut conn = db.pool().acquire().await?;
    exhausted(
        &mut conn,
        &key("wrong-factor", code),
        limits.wrong_factor_per_code_hour,
        at - HOUR,
    )
    .await
}

/// Counts a wrong second factor for `code`.
pub async fn record_wrong_factor(db: &Db, code: &str, at: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    store::rate_limits::record(&mut tx, &key("wrong-factor", code), at, at - HOUR).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_hide_the_value_and_keep_the_purpose() {
        let k = key("submit-phone", "0912345678");
        assert!(k.starts_with("submit-phone:"));
        assert!(!k.contains("0912345678"));
        assert_eq!(k, key("submit-phone", "0912345678"));
        assert_ne!(k, key("submit-address", "0912345678"));
    }
}
