//! Configuration from environment variables (and a `.env` file, see
//! `.env.example`). Secrets never reach the logs: [`Config`]'s `Debug`
//! redacts the database password.

use std::net::SocketAddr;
use std::path::PathBuf;

/// The SQLite file used when `DATABASE_URL` is not set.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/phanhoi.db";

/// The sender of reminder e-mails when `PHANHOI_MAIL_FROM` is not set.
pub const DEFAULT_MAIL_FROM: &str = "Phản hồi <khong-tra-loi@phanhoi.local>";

#[derive(Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://path/to/file.db` or `postgres://…`.
    pub database_url: String,
    /// `LEPTOS_SITE_ADDR`: where the server listens.
    pub site_addr: SocketAddr,
    /// `LEPTOS_SITE_ROOT`: the folder cargo-leptos built the site into.
    pub site_root: String,
    /// `PHANHOI_PROVINCE_NAME`.
    pub province_name: String,
    /// `PHANHOI_HOTLINE`.
    pub hotline: String,
    /// `PHANHOI_DEADLINE_DAYS`: from receipt to publication, used to seed the
    /// deadline policy of a new database.
    pub deadline_days: u32,
    /// `PHANHOI_UPLOAD_DIR`: where attachments are stored.
    pub upload_dir: PathBuf,
    /// `PHANHOI_DEMO`: load demo complaints and staff into an empty database.
    pub demo: bool,
    /// `PHANHOI_LOG_FORMAT`: `text` (default) or `json`.
    pub log_json: bool,
    /// `PHANHOI_ROUTING_AUTO_ASSIGN`: the confidence from which a complaint
    /// whose citizen did not choose an agency is assigned automatically
    /// (default 0.9); `off` sends every such complaint to the coordinator.
    pub routing_auto_assign: Option<f64>,
    /// `PHANHOI_ROUTING_RETRAIN_MINUTES`: how often the routing model
    /// relearns from the coordinator's decisions (default 60; 0 never).
    pub routing_retrain_minutes: u64,
    /// Rate limits of the citizen side (0 turns one off).
    pub limits: Limits,
    /// `PHANHOI_TRUST_PROXY`: take the client's address from the last entry
    /// of `X-Forwarded-For` (set it only behind a reverse proxy).
    pub trust_proxy: bool,
    /// `PHANHOI_REMINDER_INTERVAL_SECONDS`: how often the reminder job runs
    /// (default 300; 0 never).
    pub reminder_interval_seconds: u64,
    /// `PHANHOI_SMTP_URL`: the mail server reminders are sent through
    /// (`smtp://…`, `smtps://…`); unset, they are only written to the log.
    pub smtp_url: Option<String>,
    /// `PHANHOI_MAIL_FROM`: the sender of those e-mails.
    pub mail_from: String,
}

/// How often one address or phone may act, per window.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// `PHANHOI_LIMIT_SUBMIT_PER_ADDRESS_HOUR` (default 10).
    pub submit_per_address_hour: u32,
    /// `PHANHOI_LIMIT_SUBMIT_PER_PHONE_DAY` (default 5).
    pub submit_per_phone_day: u32,
    /// `PHANHOI_LIMIT_LOOKUP_PER_ADDRESS_10MIN`: tracker look-ups (default 60).
    pub lookup_per_address_10min: u32,
    /// `PHANHOI_LIMIT_FEEDBACK_PER_ADDRESS_HOUR`: ratings, rating changes and
    /// reopen requests (default 30).
    pub feedback_per_address_hour: u32,
    /// Wrong second factors for one tracking code per hour (fixed: 5).
    pub wrong_factor_per_code_hour: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            submit_per_address_hour: 10,
            submit_per_phone_day: 5,
            lookup_per_address_10min: 60,
            feedback_per_address_hour: 30,
            wrong_factor_per_code_hour: 5,
        }
    }
}

/// A configuration value that cannot be used; says which and how to fix it.
#[derive(Debug, thiserror::Error)]
#[error("cấu hình {name} không hợp lệ ({value:?}): {hint}")]
pub struct ConfigError {
    pub name: &'static str,
    pub value: String,
    pub hint: &'static str,
}

impl Config {
    /// Reads the process environment (after loading `.env` if present).
    pub fn from_env() -> Result<Self, ConfigError> {
        let _ = dotenvy::dotenv();
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup`, so tests need not touch the
    /// process environment.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        let site_addr = match get("LEPTOS_SITE_ADDR") {
            None => SocketAddr::from(([127, 0, 0, 1], 3000)),
            Some(value) => value.trim().parse().map_err(|_| ConfigError {
                name: "LEPTOS_SITE_ADDR",
                value,
                hint: "cần dạng địa chỉ:cổng, ví dụ 127.0.0.1:3000 hoặc 0.0.0.0:8080",
            })?,
        };
        let deadline_days = match get("PHANHOI_DEADLINE_DAYS") {
            None => 17,
            Some(value) => match value.trim().parse::<u32>() {
                Ok(days @ 1..=90) => days,
                _ => {
                    return Err(ConfigError {
                        name: "PHANHOI_DEADLINE_DAYS",
                        value,
                        hint: "cần một số ngày từ 1 đến 90, ví dụ 17",
                    })
                }
            },
        };
        let flag = |name: &'static str| -> Result<bool, ConfigError> {
            match get(name).as_deref().map(str::trim) {
                None | Some("0" | "false" | "no") => Ok(false),
                Some("1" | "true" | "yes") => Ok(true),
                Some(other) => Err(ConfigError {
                    name,
                    value: other.into(),
                    hint: "cần 1 hoặc 0",
                }),
            }
        };
        let log_json = match get("PHANHOI_LOG_FORMAT").as_deref().map(str::trim) {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => {
                return Err(ConfigError {
                    name: "PHANHOI_LOG_FORMAT",
                    value: other.into(),
                    hint: "cần text hoặc json",
                })
            }
        };
        let routing_auto_assign = match get("PHANHOI_ROUTING_AUTO_ASSIGN").as_deref().map(str::trim) {
            None => Some(0.9),
            Some("off") => None,
            Some(other) => match other.parse::<f64>() {
                Ok(threshold) if threshold > 0.0 && threshold <= 1.0 => Some(threshold),
                _ => {
                    return Err(ConfigError {
                        name: "PHANHOI_ROUTING_AUTO_ASSIGN",
                        value: other.into(),
                        hint: "cần một độ tin cậy trong khoảng (0, 1], ví dụ 0.9, hoặc off",
                    })
                }
            },
        };
        let routing_retrain_minutes = match get("PHANHOI_ROUTING_RETRAIN_MINUTES") {
            None => 60,
            Some(value) => value.trim().parse::<u64>().map_err(|_| ConfigError {
                name: "PHANHOI_ROUTING_RETRAIN_MINUTES",
                value,
                hint: "cần một số phút, ví dụ 60 (0 để không học lại)",
            })?,
        };
        let reminder_interval_seconds = match get("PHANHOI_REMINDER_INTERVAL_SECONDS") {
            None => 300,
            Some(value) => value.trim().parse::<u64>().map_err(|_| ConfigError {
                name: "PHANHOI_REMINDER_INTERVAL_SECONDS",
                value,
                hint: "cần một số giây, ví dụ 300 (0 để tắt nhắc hạn)",
            })?,
        };
        let limit = |name: &'static str, default: u32| -> Result<u32, ConfigError> {
            match get(name) {
                None => Ok(default),
                Some(value) => value.trim().parse::<u32>().map_err(|_| ConfigError {
                    name,
                    value,
                    hint: "cần một số lần (0 để tắt giới hạn)",
                }),
            }
        };
        let defaults = Limits::default();
        let limits = Limits {
            submit_per_address_hour: limit(
                "PHANHOI_LIMIT_SUBMIT_PER_ADDRESS_HOUR",
                defaults.submit_per_address_hour,
            )?,
            submit_per_phone_day: limit("PHANHOI_LIMIT_SUBMIT_PER_PHONE_DAY", defaults.submit_per_phone_day)?,
            lookup_per_address_10min: limit(
                "PHANHOI_LIMIT_LOOKUP_PER_ADDRESS_10MIN",
                defaults.lookup_per_address_10min,
            )?,
            feedback_per_address_hour: limit(
                "PHANHOI_LIMIT_FEEDBACK_PER_ADDRESS_HOUR",
                defaults.feedback_per_address_hour,
            )?,
            wrong_factor_per_code_hour: defaults.wrong_factor_per_code_hour,
        };
        Ok(Self {
            limits,
            trust_proxy: flag("PHANHOI_TRUST_PROXY")?,
            reminder_interval_seconds,
            smtp_url: get("PHANHOI_SMTP_URL").map(|url| url.trim().to_owned()),
            mail_from: get("PHANHOI_MAIL_FROM").unwrap_or_else(|| DEFAULT_MAIL_FROM.into()),
            database_url: get("DATABASE_URL").unwrap_or_else(|| DEFAULT_DATABASE_URL.into()),
            site_addr,
            site_root: get("LEPTOS_SITE_ROOT").unwrap_or_else(|| "target/site".into()),
            province_name: get("PHANHOI_PROVINCE_NAME").unwrap_or_else(|| "Thanh Hóa".into()),
            hotline: get("PHANHOI_HOTLINE").unwrap_or_else(|| "0237 3 753 755".into()),
            deadline_days,
            upload_dir: get("PHANHOI_UPLOAD_DIR")
                .unwrap_or_else(|| "data/uploads".into())
                .into(),
            demo: flag("PHANHOI_DEMO")?,
            log_json,
            routing_auto_assign,
            routing_retrain_minutes,
        })
    }
}

/// `url` with any password replaced by `***`, for logs and messages.
pub fn redact_url(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut parsed) if parsed.password().is_some() => {
            let _ = parsed.set_password(Some("***"));
            parsed.to_string()
        }
        _ => url.to_string(),
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("database_url", &redact_url(&self.database_url))
            .field("site_addr", &self.site_addr)
            .field("site_root", &self.site_root)
            .field("province_name", &self.province_name)
            .field("hotline", &self.hotline)
            .field("deadline_days", &self.deadline_days)
            .field("upload_dir", &self.upload_dir)
            .field("demo", &self.demo)
            .field("routing_auto_assign", &self.routing_auto_assign)
            .field("routing_retrain_minutes", &self.routing_retrain_minutes)
            .field("limits", &self.limits)
            .field("trust_proxy", &self.trust_proxy)
            .field("reminder_interval_seconds", &self.reminder_interval_seconds)
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("mail_from", &self.mail_from)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Config::from_lookup(|name| map.get(name).cloned())
    }

    #[test]
    fn defaults_need_nothing() {
        let c = config(&[]).unwrap();
        assert_eq!(c.database_url, DEFAULT_DATABASE_URL);
        assert_eq!(c.site_addr.to_string(), "127.0.0.1:3000");
        assert_eq!(c.deadline_days, 17);
        assert_eq!(c.province_name, "Thanh Hóa");
        assert!(!c.demo);
        assert_eq!(c.routing_auto_assign, Some(0.9));
        assert_eq!(c.routing_retrain_minutes, 60);
    }

    #[test]
    fn routing_settings_parse_and_reject_nonsense() {
        assert_eq!(
            config(&[("PHANHOI_ROUTING_AUTO_ASSIGN", "off")])
                .unwrap()
                .routing_auto_assign,
            None
        );
        assert_eq!(
            config(&[("PHANHOI_ROUTING_AUTO_ASSIGN", "0.75")])
                .unwrap()
                .routing_auto_assign,
            Some(0.75)
        );
        for bad in ["1.5", "0", "cao"] {
            let err = config(&[("PHANHOI_ROUTING_AUTO_ASSIGN", bad)]).unwrap_err();
            assert!(err.to_string().contains("PHANHOI_ROUTING_AUTO_ASSIGN"), "{err}");
        }
        assert!(config(&[("PHANHOI_ROUTING_RETRAIN_MINUTES", "-1")]).is_err());
    }

    #[test]
    fn bad_values_name_the_variable() {
        let err = config(&[("LEPTOS_SITE_ADDR", "localhost")]).unwrap_err();
        assert!(err.to_string().contains("LEPTOS_SITE_ADDR"), "{err}");
        let err = config(&[("PHANHOI_DEADLINE_DAYS", "0")]).unwrap_err();
        assert!(err.to_string().contains("PHANHOI_DEADLINE_DAYS"), "{err}");
        assert!(config(&[("PHANHOI_DEMO", "maybe")]).is_err());
    }

    #[test]
    fn mail_settings_default_to_the_log_and_hide_the_password() {
        let c = config(&[]).unwrap();
        assert_eq!(c.smtp_url, None);
        assert_eq!(c.mail_from, DEFAULT_MAIL_FROM);
        let c = config(&[
            ("PHANHOI_SMTP_URL", "smtps://app:s3cret@mail.example.vn"),
            ("PHANHOI_MAIL_FROM", "Sở TN&MT <noreply@example.vn>"),
        ])
        .unwrap();
        assert_eq!(c.smtp_url.as_deref(), Some("smtps://app:s3cret@mail.example.vn"));
        assert_eq!(c.mail_from, "Sở TN&MT <noreply@example.vn>");
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
    }

    #[test]
    fn debug_never_shows_the_password() {
        let c = config(&[("DATABASE_URL", "postgres://app:s3cret@db.example:5432/phanhoi")]).unwrap();
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cret"), "{shown}");
        assert!(shown.contains("***"));
    }
}
