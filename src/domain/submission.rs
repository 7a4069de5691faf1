//! The complaint wizard's data and its validation rules: what the citizen
//! typed, kept exactly as typed, and the Vietnamese message for each field
//! that is wrong. The server validates with these functions before anything
//! is stored; the browser uses the same ones for instant feedback.

use serde::{Deserialize, Serialize};

/// Longest title, in characters.
pub const TITLE_MAX: usize = 150;
/// Shortest title, in characters.
pub const TITLE_MIN: usize = 5;
/// Longest description, in characters.
pub const DESCRIPTION_MAX: usize = 5000;
/// Shortest description, in characters.
pub const DESCRIPTION_MIN: usize = 20;
/// Longest street address, in characters.
pub const ADDRESS_MAX: usize = 200;
/// Most photos or documents per complaint.
pub const MAX_ATTACHMENTS: usize = 5;
/// The category value meaning "Khác / không rõ".
pub const OTHER_CATEGORY: &str = "khac";
/// The agency value meaning "Tôi không rõ — để hệ thống chuyển".
pub const AUTO_AGENCY: &str = "tu-dong";

/// The wizard's steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// 1. Nội dung: category, title, description, photos.
    What,
    /// 2. Địa điểm: commune, address, coordinates.
    Where,
    /// 3. Cơ quan xử lý.
    Who,
    /// 4. Liên hệ: name, phone, e-mail, publication, consent.
    Contact,
    /// 5. Xem lại và gửi.
    Review,
}

impl Step {
    pub const ALL: [Step; 5] = [Self::What, Self::Where, Self::Who, Self::Contact, Self::Review];

    /// 1-based, as in URLs (`?buoc=2`).
    pub fn number(self) -> usize {
        Self::ALL.iter().position(|s| *s == self).unwrap_or(0) + 1
    }

    pub fn from_number(n: usize) -> Option<Self> {
        n.checked_sub(1).and_then(|i| Self::ALL.get(i).copied())
    }

    pub fn title(self) -> &'static str {
        match self {
            Self::What => "Nội dung phản ánh",
            Self::Where => "Địa điểm",
            Self::Who => "Cơ quan xử lý",
            Self::Contact => "Thông tin liên hệ",
            Self::Review => "Xem lại và gửi",
        }
    }

    pub fn next(self) -> Self {
        Self::from_number(self.number() + 1).unwrap_or(Self::Review)
    }

    pub fn previous(self) -> Self {
        Self::from_number(self.number().saturating_sub(1)).unwrap_or(Self::What)
    }
}

/// Everything typed so far, as typed (strings, so nothing is ever lost to a
/// failed parse).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// A category code, or [`OTHER_CATEGORY`].
    pub category: String,
    pub title: String,
    pub description: String,
    /// A commune code.
    pub commune: String,
    pub address: String,
    pub latitude: String,
    pub longitude: String,
    /// An agency code, or [`AUTO_AGENCY`].
    pub agency: String,
    pub name: String,
    pub phone: String,
    pub email: String,
    /// "co" (may be published) or "khong".
    pub publish: String,
    /// "co" when the citizen agreed to the processing of their data.
    pub consent: String,
    /// The citizen has reached the review once: editing a step returns there.
    pub reviewed: bool,
}

/// A message for one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    pub field: String,
    pub message: String,
}

impl FieldError {
    fn new(field: &str, message: impl Into<String>) -> Self {
        Self {
            field: field.to_owned(),
            message: message.into(),
        }
    }
}

/// Characters, not bytes: "Đường" is five.
pub fn char_count(s: &str) -> usize {
    s.trim().chars().count()
}

/// The one message for `field` of `value`, or `None` when it is fine.
/// Whether a chosen code exists is checked on the server, which has the lists.
pub fn check_field(field: &str, value: &str) -> Option<String> {
    let value = value.trim();
    match field {
        "category" if value.is_empty() => Some("Vui lòng chọn lĩnh vực (hoặc “Khác / không rõ”).".into()),
        "title" => {
            let n = char_count(value);
            if n == 0 {
                Some("Vui lòng nhập tiêu đề.".into())
            } else if n < TITLE_MIN {
                Some(format!("Tiêu đề cần ít nhất {TITLE_MIN} ký tự."))
            } else if n > TITLE_MAX {
                Some(format!("Tiêu đề tối đa {TITLE_MAX} ký tự (hiện có {n})."))
            } else {
                None
            }
        }
        "description" => {
            let n = char_count(value);
            if n == 0 {
                Some("Vui lòng mô tả sự việc.".into())
            } else if n < DESCRIPTION_MIN {
                Some(format!(
                    "Vui lòng mô tả rõ hơn (ít nhất {DESCRIPTION_MIN} ký tự, hiện có {n})."
                ))
            } else if n > DESCRIPTION_MAX {
                Some(format!("Nội dung tối đa {DESCRIPTION_MAX} ký tự (hiện có {n})."))
            } else {
                None
            }
        }
        "commune" if value.is_empty() => Some("Vui lòng chọn xã, phường nơi xảy ra sự việc.".into()),
        "address" if char_count(value) > ADDRESS_MAX => Some(format!("Địa chỉ tối đa {ADDRESS_MAX} ký tự.")),
        "latitude" | "longitude" if !value.is_empty() => {
            let limit = if field == "latitude" { 90.0 } else { 180.0 };
            match value.parse::<f64>() {
                Ok(v) if v.is_finite() && v.abs() <= limit => None,
                _ => Some("Tọa độ không hợp lệ. Vui lòng xóa và thử lại “Dùng vị trí của tôi”.".into()),
            }
        }
        "agency" if value.is_empty() => {
            Some("Vui lòng chọn cơ quan, hoặc chọn “Tôi không rõ” để hệ thống chuyển.".into())
        }
        "name" => {
            let n = char_count(value);
            if n == 0 {
                Some("Vui lòng nhập họ và tên.".into())
            } else if !(2..=100).contains(&n) {
                Some("Họ và tên cần từ 2 đến 100 ký tự.".into())
            } else if value.chars().any(|c| c.is_ascii_digit()) {
                Some("Họ và tên không chứa chữ số.".into())
            } else {
                None
            }
        }
        "phone" => match normalize_phone(value) {
            Ok(_) => None,
            Err(message) => Some(message.into()),
        },
        "email" if !value.is_empty() && !looks_like_email(value) => {
            Some("Địa chỉ e-mail không hợp lệ (ví dụ: ten@gmail.com), hoặc để trống.".into())
        }
        "publish" if value != "co" && value != "khong" => {
            Some("Vui lòng chọn có cho phép công khai nội dung hay không.".into())
        }
        "consent" if value != "co" => Some("Vui lòng đồng ý để cơ quan nhà nước xử lý thông tin của bạn.".into()),
        _ => None,
    }
}

/// The fields each step asks for.
pub fn step_fields(step: Step) -> &'static [&'static str] {
    match step {
        Step::What => &["category", "title", "description"],
        Step::Where => &["commune", "address", "latitude", "longitude"],
        Step::Who => &["agency"],
        Step::Contact => &["name", "phone", "email", "publish", "consent"],
        Step::Review => &[],
    }
}

impl Draft {
    /// The value of `field` as typed.
    pub fn get(&self, field: &str) -> &str {
        match field {
            "category" => &self.category,
            "title" => &self.title,
            "description" => &self.description,
            "commune" => &self.commune,
            "address" => &self.address,
            "latitude" => &self.latitude,
            "longitude" => &self.longitude,
            "agency" => &self.agency,
            "name" => &self.name,
            "phone" => &self.phone,
            "email" => &self.email,
            "publish" => &self.publish,
            "consent" => &self.consent,
            _ => "",
        }
    }

    /// Sets `field` to `value` (unknown fields are ignored).
    pub fn set(&mut self, field: &str, value: String) {
        let slot = match field {
            "category" => &mut self.category,
            "title" => &mut self.title,
            "description" => &mut self.description,
            "commune" => &mut self.commune,
            "address" => &mut self.address,
            "latitude" => &mut self.latitude,
            "longitude" => &mut self.longitude,
            "agency" => &mut self.agency,
            "name" => &mut self.name,
            "phone" => &mut self.phone,
            "email" => &mut self.email,
            "publish" => &mut self.publish,
            "consent" => &mut self.consent,
            _ => return,
        };
        *slot = value;
    }

    /// The messages for one step's fields.
    pub fn check_step(&self, step: Step) -> Vec<FieldError> {
        step_fields(step)
            .iter()
            .filter_map(|field| check_field(field, self.get(field)).map(|m| FieldError::new(field, m)))
            .collect()
    }

    /// The first step with a wrong field, if any.
    pub fn first_incomplete_step(&self) -> Option<Step> {
        Step::ALL.into_iter().find(|step| !self.check_step(*step).is_empty())
    }

    /// Every message of every step.
    pub fn check_all(&self) -> Vec<FieldError> {
        Step::ALL.into_iter().flat_map(|step| self.check_step(step)).collect()
    }
}

/// A Vietnamese mobile number in its ten-digit form (`0912345678`) from what
/// was typed: spaces, dots and dashes are ignored, `+84`/`84` means `0`.
pub fn normalize_phone(typed: &str) -> Result<String, &'static str> {
    let digits: String = typed
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '(' | ')'))
        .collect();
    if digits.is_empty() {
        return Err("Vui lòng nhập số điện thoại di động để cơ quan liên hệ khi cần.");
    }
    let digits = digits.strip_prefix('+').unwrap_or(&digits);
    if !digits.chars().all(|c| c.is_ascii_digit()) {
        return Err("Số điện thoại chỉ gồm chữ số (ví dụ: 0912 345 678).");
    }
    let national = match digits.strip_prefix("84") {
        Some(rest) if digits.len() == 11 => format!("0{rest}"),
        _ => digits.to_owned(),
    };
    if national.len() != 10 {
        return Err("Số di động Việt Nam gồm 10 chữ số (ví dụ: 0912 345 678).");
    }
    // Mobile prefixes since the 2018 renumbering: 03, 05, 07, 08, 09.
    if !matches!(&national[..2], "03" | "05" | "07" | "08" | "09") {
        return Err("Số di động phải bắt đầu bằng 03, 05, 07, 08 hoặc 09.");
    }
    Ok(national)
}

/// A plausible address: one `@`, a dotted domain, no spaces.
pub fn looks_like_email(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 254 || s.chars().any(char::is_whitespace) {
        return false;
    }
    let Some((local, domain)) = s.split_once('@') else {
        return false;
    };
    !local.is_empty()
        && !domain.contains('@')
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..")
}

/// The last four digits of a phone number, the tracker's second factor for
/// private complaints.
pub fn phone_suffix(phone: &str) -> String {
    let digits: Vec<char> = phone.chars().filter(char::is_ascii_digit).collect();
    digits[digits.len().saturating_sub(4)..].iter().collect()
}

/// One choice of a list (category, commune, agency).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub code: String,
    pub name: String,
    /// What it covers, in plain words (categories).
    pub hint: String,
}

/// Everything a wizard step's page needs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WizardView {
    pub step: Step,
    pub draft: Draft,
    /// Messages from the last attempt to leave this step.
    pub errors: Vec<FieldError>,
    pub attachments: Vec<super::attachment::Attachment>,
    pub categories: Vec<Choice>,
    pub communes: Vec<Choice>,
    pub agencies: Vec<Choice>,
    /// Where "Tôi không rõ" would most likely send the complaint.
    pub suggestions: Vec<super::AgencySuggestion>,
    /// The chosen category's default agency, the fallback of "Tôi không rõ".
    pub category_agency: Option<String>,
}

impl WizardView {
    /// The message for `field`, if the last attempt found one.
    pub fn error(&self, field: &str) -> Option<String> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.clone())
    }

    /// The display name of `code` in `list`, or the code itself.
    pub fn name_of(list: &[Choice], code: &str) -> String {
        list.iter()
            .find(|c| c.code == code)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| code.to_owned())
    }
}

/// What the confirmation page shows once the complaint is filed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FiledView {
    /// As displayed, `ABCD-EFGH`.
    pub code: String,
    pub deadline_at: Option<i64>,
    /// The agency it went to, when already known.
    pub agency_name: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complete() -> Draft {
        Draft {
            category: "giao-thong".into(),
            title: "Đường vào thôn 3 bị sụt lún".into(),
            description: "Đoạn đường dài khoảng 50 m bị sụt sâu, xe máy đi qua rất nguy hiểm.".into(),
            commune: "phuong-ham-rong".into(),
            address: "Thôn 3".into(),
            agency: AUTO_AGENCY.into(),
            name: "Nguyễn Văn An".into(),
            phone: "0912 345 678".into(),
            publish: "co".into(),
            consent: "co".into(),
            ..Draft::default()
        }
    }

    #[test]
    fn a_complete_draft_has_no_errors() {
        assert_eq!(complete().check_all(), vec![]);
        assert_eq!(complete().first_incomplete_step(), None);
    }

    #[test]
    fn each_step_names_its_wrong_fields() {
        let mut draft = complete();
        draft.title = "abc".into();
        draft.phone = "12345".into();
        let what = draft.check_step(Step::What);
        assert_eq!(what.len(), 1);
        assert_eq!(what[0].field, "title");
        assert!(what[0].message.contains("ít nhất 5"));
        assert_eq!(draft.check_step(Step::Contact)[0].field, "phone");
        assert_eq!(draft.first_incomplete_step(), Some(Step::What));
    }

    #[test]
    fn lengths_count_characters_not_bytes() {
        // Five Vietnamese letters are more than five bytes but pass the minimum.
        assert_eq!(check_field("title", "Đường"), None);
        let long = "đ".repeat(TITLE_MAX + 1);
        assert!(check_field("title", &long).unwrap().contains("151"));
        assert!(check_field("description", "ngắn quá").unwrap().contains("hiện có 8"));
    }

    #[test]
    fn vietnamese_mobile_numbers() {
        assert_eq!(normalize_phone("0912 345 678"), Ok("0912345678".into()));
        assert_eq!(normalize_phone("+84 912.345.678"), Ok("0912345678".into()));
        assert_eq!(normalize_phone("84912345678"), Ok("0912345678".into()));
        assert_eq!(normalize_phone("0387-654-321"), Ok("0387654321".into()));
        assert!(normalize_phone("").is_err());
        assert!(normalize_phone("091234567").is_err());
        assert!(normalize_phone("0212345678").unwrap_err().contains("03, 05"));
        assert!(normalize_phone("09123abc78").unwrap_err().contains("chữ số"));
    }

    #[test]
    fn emails_and_names() {
        assert!(looks_like_email("an.nguyen@gmail.com"));
        assert!(!looks_like_email("an@gmail"));
        assert!(!looks_like_email("an nguyen@gmail.com"));
        assert!(!looks_like_email("@gmail.com"));
        assert_eq!(check_field("email", ""), None);
        assert!(check_field("name", "An 2").is_some());
        assert_eq!(check_field("name", "Lê Thị Hoa"), None);
    }

    #[test]
    fn coordinates_are_optional_but_must_be_numbers() {
        assert_eq!(check_field("latitude", ""), None);
        assert_eq!(check_field("latitude", "19.807"), None);
        assert!(check_field("latitude", "95").is_some());
        assert!(check_field("longitude", "abc").is_some());
    }

    #[test]
    fn consent_and_publication_must_be_chosen() {
        assert!(check_field("consent", "").is_some());
        assert!(check_field("publish", "").is_some());
        assert_eq!(check_field("publish", "khong"), None);
    }

    #[test]
    fn steps_round_trip_and_move() {
        for step in Step::ALL {
            assert_eq!(Step::from_number(step.number()), Some(step));
        }
        assert_eq!(Step::from_number(0), None);
        assert_eq!(Step::from_number(6), None);
        assert_eq!(Step::What.next(), Step::Where);
        assert_eq!(Step::Review.next(), Step::Review);
        assert_eq!(Step::What.previous(), Step::What);
    }

    #[test]
    fn phone_suffix_is_the_last_four_digits() {
        assert_eq!(phone_suffix("0912345678"), "5678");
        assert_eq!(phone_suffix("12"), "12");
    }
}
