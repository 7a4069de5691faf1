//! What the administrator manages (agencies, categories, communes, staff
//! accounts, the deadline policy and the holidays) as the pages see it, and
//! the pure checks on what they type. Each check names the form field its
//! Vietnamese message belongs to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::{Agency, AgencyKind, Category, Commune, CommuneKind, DayKind, DeadlinePolicy, Role, StaffUser};
use crate::error::AppError;

/// Everything the administration pages show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AdminView {
    pub me: StaffUser,
    /// Every agency, the inactive ones too.
    pub agencies: Vec<AgencyEntry>,
    pub categories: Vec<Category>,
    pub communes: Vec<Commune>,
    /// Every account, without its password hash.
    pub staff: Vec<StaffAccount>,
    pub policy: DeadlinePolicy,
    /// Sorted by day.
    pub holidays: Vec<Holiday>,
}

impl AdminView {
    /// The agency with `id`, if any.
    pub fn agency(&self, id: i64) -> Option<&AgencyEntry> {
        self.agencies.iter().find(|a| a.agency.id == id)
    }
}

/// An agency and whether it still receives complaints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyEntry {
    pub agency: Agency,
    pub active: bool,
}

/// A staff account as the administrator sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub user: StaffUser,
    pub active: bool,
}

/// Ngày nghỉ lễ, Tết: skipped when deadlines count working days.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Holiday {
    pub day: NaiveDate,
    pub name: String,
}

/// The longest name (agency, category, commune, person, holiday).
pub const MAX_NAME: usize = 200;
/// The longest description (what an agency handles, what a category covers).
pub const MAX_DESCRIPTION: usize = 4_000;

/// A required name, trimmed; `what` completes "Vui lòng nhập …".
pub fn name(value: &str, field: &str, what: &str) -> Result<String, AppError> {
    let value = value.trim();
    if value.is_empty() {
        return Err(AppError::validation(field, format!("Vui lòng nhập {what}.")));
    }
    if value.chars().count() > MAX_NAME {
        return Err(AppError::validation(
            field,
            format!("Tên quá dài (tối đa {MAX_NAME} ký tự)."),
        ));
    }
    Ok(value.to_owned())
}

/// An optional longer text, trimmed.
pub fn description(value: &str, field: &str) -> Result<String, AppError> {
    let value = value.trim();
    if value.chars().count() > MAX_DESCRIPTION {
        return Err(AppError::validation(
            field,
            format!("Nội dung quá dài (tối đa {MAX_DESCRIPTION} ký tự)."),
        ));
    }
    Ok(value.to_owned())
}

/// An agency code such as `SXD` or `UBND_XA`: capital letters without
/// diacritics, digits and `_`. Lower case is accepted and raised.
pub fn agency_code(value: &str) -> Result<String, AppError> {
    let code = value.trim().to_ascii_uppercase();
    let ok = (2..=20).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if ok {
        Ok(code)
    } else {
        Err(AppError::validation(
            "code",
            "Mã cơ quan gồm 2 đến 20 ký tự: chữ in hoa không dấu (A–Z), chữ số và dấu gạch dưới (_).",
        ))
    }
}

/// A category or commune code such as `giao-thong` or `phuong-ham-rong`:
/// lower-case letters without diacritics, digits and single hyphens.
pub fn slug_code(value: &str) -> Result<String, AppError> {
    let code = value.trim().to_ascii_lowercase();
    let ok = (2..=60).contains(&code.len())
        && code
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !code.starts_with('-')
        && !code.ends_with('-')
        && !code.contains("--");
    if ok {
        Ok(code)
    } else {
        Err(AppError::validation(
            "code",
            "Mã gồm 2 đến 60 ký tự: chữ thường không dấu (a–z), chữ số và dấu gạch ngang (-), ví dụ “phuong-ham-rong”.",
        ))
    }
}

pub fn agency_kind(value: &str) -> Result<AgencyKind, AppError> {
    AgencyKind::parse(value.trim()).ok_or_else(|| AppError::validation("kind", "Vui lòng chọn loại cơ quan."))
}

pub fn commune_kind(value: &str) -> Result<CommuneKind, AppError> {
    CommuneKind::parse(value.trim()).ok_or_else(|| AppError::validation("kind", "Vui lòng chọn xã hoặc phường."))
}

pub fn role(value: &str) -> Result<Role, AppError> {
    Role::parse(value.trim()).ok_or_else(|| AppError::validation("role", "Vui lòng chọn vai trò."))
}

/// A user name, in lower case: 3 to 40 letters without diacritics,
/// digits, `.`, `_` or `-`, starting with a letter.
pub fn username(value: &str) -> Result<String, AppError> {
    let name = value.trim().to_ascii_lowercase();
    let ok = (3..=40).contains(&name.len())
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-'));
    if ok {
        Ok(name)
    } else {
        Err(AppError::validation(
            "username",
            "Tên đăng nhập gồm 3 đến 40 ký tự, bắt đầu bằng chữ cái: chữ không dấu, chữ số, dấu chấm, gạch dưới hoặc gạch ngang.",
        ))
    }
}

/// An e-mail address, in lower case.
pub fn email(value: &str) -> Result<String, AppError> {
    let email = value.trim().to_lowercase();
    if email.is_empty() {
        return Err(AppError::validation("email", "Vui lòng nhập e-mail."));
    }
    if !crate::domain::submission::looks_like_email(&email) {
        return Err(AppError::validation(
            "email",
            "E-mail không hợp lệ (ví dụ: ten@thanhhoa.gov.vn).",
        ));
    }
    Ok(email)
}

/// A holiday's date, as an `<input type="date">` sends it (YYYY-MM-DD).
pub fn holiday_date(value: &str) -> Result<NaiveDate, AppError> {
    use chrono::Datelike;
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d")
        .ok()
        .filter(|day| (2000..=2100).contains(&day.year()))
        .ok_or_else(|| AppError::validation("day", "Vui lòng chọn ngày (ngày/tháng/năm)."))
}

/// The deadline policy as the form sends it.
#[derive(Debug, Clone, Copy)]
pub struct PolicyInput<'a> {
    pub total_days: &'a str,
    pub triage_days: &'a str,
    pub handling_days: &'a str,
    pub approval_days: &'a str,
    pub day_kind: &'a str,
}

impl PolicyInput<'_> {
    /// The policy, checked with [`DeadlinePolicy::validate`].
    pub fn parse(&self) -> Result<DeadlinePolicy, AppError> {
        let days = |value: &str, field: &str| {
            value
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|&d| d <= 90)
                .ok_or_else(|| AppError::validation(field, "Vui lòng nhập số ngày (số nguyên từ 0 đến 90)."))
        };
        let policy = DeadlinePolicy {
            total_days: days(self.total_days, "total_days")?,
            triage_days: days(self.triage_days, "triage_days")?,
            handling_days: days(self.handling_days, "handling_days")?,
            approval_days: days(self.approval_days, "approval_days")?,
            day_kind: DayKind::parse(self.day_kind.trim())
                .ok_or_else(|| AppError::validation("day_kind", "Vui lòng chọn cách tính ngày."))?,
        };
        policy
            .validate()
            .map_err(|message| AppError::validation("total_days", message))?;
        Ok(policy)
    }
}

/// How a day kind reads on the page.
pub fn day_kind_label(kind: DayKind) -> &'static str {
    match kind {
        DayKind::Working => "Ngày làm việc (trừ thứ Bảy, Chủ nhật và ngày nghỉ lễ, Tết)",
        DayKind::Calendar => "Ngày theo lịch",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_normalised_and_checked() {
        assert_eq!(agency_code(" sxd ").unwrap(), "SXD");
        assert_eq!(agency_code("UBND_XA").unwrap(), "UBND_XA");
        assert!(agency_code("SỞ").unwrap_err().field_message("code").is_some());
        assert!(agency_code("S").is_err());
        assert_eq!(slug_code("Phuong-Ham-Rong").unwrap(), "phuong-ham-rong");
        for bad in ["-xa", "xa-", "xa--b", "xã-an", "x"] {
            assert!(slug_code(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn user_names_and_emails() {
        assert_eq!(username(" Canbo.SXD ").unwrap(), "canbo.sxd");
        assert!(username("1abc").is_err());
        assert!(username("ab").is_err());
        assert!(username("nguyễn").is_err());
        assert_eq!(email(" An@ThanhHoa.gov.vn ").unwrap(), "an@thanhhoa.gov.vn");
        assert_eq!(
            email("").unwrap_err().field_message("email"),
            Some("Vui lòng nhập e-mail.")
        );
        assert!(email("an@").is_err());
    }

    #[test]
    fn names_are_required() {
        assert_eq!(
            name("  ", "name", "tên cơ quan").unwrap_err().field_message("name"),
            Some("Vui lòng nhập tên cơ quan.")
        );
        assert_eq!(name(" Sở Y tế ", "name", "tên").unwrap(), "Sở Y tế");
        assert!(name(&"a".repeat(MAX_NAME + 1), "name", "tên").is_err());
    }

    #[test]
    fn policies_name_the_wrong_field() {
        let input = PolicyInput {
            total_days: "17",
            triage_days: "3",
            handling_days: "11",
            approval_days: "3",
            day_kind: "working",
        };
        assert_eq!(input.parse().unwrap().day_kind, DayKind::Working);
        let not_a_number = PolicyInput {
            handling_days: "mười",
            ..input
        };
        assert!(not_a_number
            .parse()
            .unwrap_err()
            .field_message("handling_days")
            .is_some());
        let wrong_sum = PolicyInput {
            handling_days: "10",
            ..input
        };
        assert_eq!(
            wrong_sum.parse().unwrap_err().field_message("total_days"),
            Some("Tổng thời hạn các bước phải bằng tổng thời hạn.")
        );
        let no_kind = PolicyInput { day_kind: "", ..input };
        assert!(no_kind.parse().unwrap_err().field_message("day_kind").is_some());
    }

    #[test]
    fn holiday_dates() {
        assert_eq!(
            holiday_date("2026-09-02").unwrap(),
            NaiveDate::from_ymd_opt(2026, 9, 2).unwrap()
        );
        assert!(holiday_date("02/09/2026").is_err());
    }
}
