//! Kỳ thống kê: the period a ranking or a dashboard covers — a month, a
//! quarter, a year or a custom range of inclusive local dates (Vietnam,
//! UTC+7). Read from the query string (`ky=thang|quy|nam|khoang` with
//! `thang=2026-10`, `quy=2026-Q3`, `nam=2026`, `tu=…&den=…` as
//! `YYYY-MM-DD`), written back to it, labelled in Vietnamese, and stepped
//! back to the period before for the "change" columns.

use chrono::{Datelike, Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// The earliest and latest year a period may name.
pub const FIRST_YEAR: i32 = 2000;
pub const LAST_YEAR: i32 = 2100;
/// The longest custom range, in days (about ten years).
pub const MAX_RANGE_DAYS: i64 = 3660;

/// A period of whole local days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Period {
    /// `month` is 1–12.
    Month {
        year: i32,
        month: u32,
    },
    /// `quarter` is 1–4.
    Quarter {
        year: i32,
        quarter: u32,
    },
    Year {
        year: i32,
    },
    /// From `from` to `to`, both included.
    Range {
        from: NaiveDate,
        to: NaiveDate,
    },
}

/// Which kind of period: the `ky` query parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum PeriodKind {
    Month,
    Quarter,
    Year,
    Range,
}

impl PeriodKind {
    pub const ALL: [PeriodKind; 4] = [Self::Month, Self::Quarter, Self::Year, Self::Range];

    /// The value of `ky`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Month => "thang",
            Self::Quarter => "quy",
            Self::Year => "nam",
            Self::Range => "khoang",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }

    /// The selector's label.
    pub fn label(self) -> &'static str {
        match self {
            Self::Month => "Tháng",
            Self::Quarter => "Quý",
            Self::Year => "Năm",
            Self::Range => "Khoảng thời gian",
        }
    }
}

/// The period's query parameters as they arrive (all optional text).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PeriodQuery {
    pub ky: Option<String>,
    /// `YYYY-MM`.
    pub thang: Option<String>,
    /// `YYYY-Qn` (also `YYYY-n`).
    pub quy: Option<String>,
    /// `YYYY`.
    pub nam: Option<String>,
    /// `YYYY-MM-DD`.
    pub tu: Option<String>,
    /// `YYYY-MM-DD`.
    pub den: Option<String>,
}

/// A present, non-blank parameter, trimmed.
fn given(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn check_year(field: &str, year: i32) -> Result<i32, AppError> {
    if (FIRST_YEAR..=LAST_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(AppError::validation(
            field,
            format!("Năm phải trong khoảng {FIRST_YEAR}–{LAST_YEAR}."),
        ))
    }
}

fn parse_year(field: &str, text: &str) -> Result<i32, AppError> {
    let year = text
        .parse::<i32>()
        .map_err(|_| AppError::validation(field, "Năm không hợp lệ, ví dụ: 2026."))?;
    check_year(field, year)
}

fn parse_month(text: &str) -> Result<(i32, u32), AppError> {
    let bad = || AppError::validation("thang", "Tháng không hợp lệ, ví dụ: 2026-10.");
    let (year, month) = text.split_once('-').ok_or_else(bad)?;
    let month: u32 = month.parse().map_err(|_| bad())?;
    if !(1..=12).contains(&month) {
        return Err(bad());
    }
    let year = year.parse::<i32>().map_err(|_| bad())?;
    Ok((check_year("thang", year)?, month))
}

fn parse_quarter(text: &str) -> Result<(i32, u32), AppError> {
    let bad = || AppError::validation("quy", "Quý không hợp lệ, ví dụ: 2026-Q3.");
    let (year, quarter) = text.split_once('-').ok_or_else(bad)?;
    let quarter = quarter.trim_start_matches(['Q', 'q']);
    let quarter: u32 = quarter.parse().map_err(|_| bad())?;
    if !(1..=4).contains(&quarter) {
        return Err(bad());
    }
    let year = year.parse::<i32>().map_err(|_| bad())?;
    Ok((check_year("quy", year)?, quarter))
}

fn parse_date(field: &str, text: &str) -> Result<NaiveDate, AppError> {
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(text, "%d/%m/%Y"))
        .map_err(|_| AppError::validation(field, "Ngày không hợp lệ, ví dụ: 2026-10-31."))?;
    check_year(field, date.year())?;
    Ok(date)
}

fn first_of(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or_default()
}

/// The last day of a month.
fn last_of(year: i32, month: u32) -> NaiveDate {
    let (next_year, next_month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
    first_of(next_year, next_month) - Duration::days(1)
}

const ROMAN: [&str; 4] = ["I", "II", "III", "IV"];

impl Period {
    /// The month containing `today`.
    pub fn month_of(today: NaiveDate) -> Self {
        Self::Month {
            year: today.year(),
            month: today.month(),
        }
    }

    /// The quarter containing `today`.
    pub fn quarter_of(today: NaiveDate) -> Self {
        Self::Quarter {
            year: today.year(),
            quarter: (today.month() - 1) / 3 + 1,
        }
    }

    /// The year containing `today`.
    pub fn year_of(today: NaiveDate) -> Self {
        Self::Year { year: today.year() }
    }

    /// Reads the query parameters; a missing `ky` means the current month,
    /// and a kind without its value means the current one of that kind.
    /// Errors name the parameter and speak Vietnamese.
    pub fn from_query(query: &PeriodQuery, today: NaiveDate) -> Result<Self, AppError> {
        let kind = match given(&query.ky) {
            None => PeriodKind::Month,
            Some(ky) => PeriodKind::parse(ky)
                .ok_or_else(|| AppError::validation("ky", "Vui lòng chọn tháng, quý, năm hoặc khoảng thời gian."))?,
        };
        match kind {
            PeriodKind::Month => Ok(match given(&query.thang) {
                None => Self::month_of(today),
                Some(text) => {
                    let (year, month) = parse_month(text)?;
                    Self::Month { year, month }
                }
            }),
            PeriodKind::Quarter => Ok(match given(&query.quy) {
                None => Self::quarter_of(today),
                Some(text) => {
                    let (year, quarter) = parse_quarter(text)?;
                    Self::Quarter { year, quarter }
                }
            }),
            PeriodKind::Year => Ok(match given(&query.nam) {
                None => Self::year_of(today),
                Some(text) => Self::Year {
                    year: parse_year("nam", text)?,
                },
            }),
            PeriodKind::Range => {
                let from = given(&query.tu)
                    .ok_or_else(|| AppError::validation("tu", "Vui lòng chọn ngày bắt đầu."))
                    .and_then(|text| parse_date("tu", text))?;
                let to = given(&query.den)
                    .ok_or_else(|| AppError::validation("den", "Vui lòng chọn ngày kết thúc."))
                    .and_then(|text| parse_date("den", text))?;
                Self::range(from, to)
            }
        }
    }

    /// A custom range, checked: `from` not after `to`, at most
    /// [`MAX_RANGE_DAYS`] days.
    pub fn range(from: NaiveDate, to: NaiveDate) -> Result<Self, AppError> {
        if from > to {
            return Err(AppError::validation(
                "den",
                "Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.",
            ));
        }
        if (to - from).num_days() + 1 > MAX_RANGE_DAYS {
            return Err(AppError::validation("den", "Khoảng thời gian dài nhất là 10 năm."));
        }
        Ok(Self::Range { from, to })
    }

    pub fn kind(&self) -> PeriodKind {
        match self {
            Self::Month { .. } => PeriodKind::Month,
            Self::Quarter { .. } => PeriodKind::Quarter,
            Self::Year { .. } => PeriodKind::Year,
            Self::Range { .. } => PeriodKind::Range,
        }
    }

    /// The query parameters that give this period back (`ky` first).
    pub fn to_query(&self) -> Vec<(&'static str, String)> {
        let ky = ("ky", self.kind().as_str().to_owned());
        match *self {
            Self::Month { year, month } => vec![ky, ("thang", format!("{year:04}-{month:02}"))],
            Self::Quarter { year, quarter } => vec![ky, ("quy", format!("{year:04}-Q{quarter}"))],
            Self::Year { year } => vec![ky, ("nam", format!("{year:04}"))],
            Self::Range { from, to } => vec![
                ky,
                ("tu", from.format("%Y-%m-%d").to_string()),
                ("den", to.format("%Y-%m-%d").to_string()),
            ],
        }
    }

    /// `ky=thang&thang=2026-10` (the values need no escaping).
    pub fn query_string(&self) -> String {
        self.to_query()
            .into_iter()
            .map(|(key, value)| format!("{key}={value}"))
            .collect::<Vec<_>>()
            .join("&")
    }

    /// The first day, included.
    pub fn first_day(&self) -> NaiveDate {
        match *self {
            Self::Month { year, month } => first_of(year, month),
            Self::Quarter { year, quarter } => first_of(year, quarter * 3 - 2),
            Self::Year { year } => first_of(year, 1),
            Self::Range { from, .. } => from,
        }
    }

    /// The last day, included.
    pub fn last_day(&self) -> NaiveDate {
        match *self {
            Self::Month { year, month } => last_of(year, month),
            Self::Quarter { year, quarter } => last_of(year, quarter * 3),
            Self::Year { year } => last_of(year, 12),
            Self::Range { to, .. } => to,
        }
    }

    /// How many days it covers.
    pub fn days(&self) -> i64 {
        (self.last_day() - self.first_day()).num_days() + 1
    }

    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first_day() <= date && date <= self.last_day()
    }

    /// The period just before, of the same kind and length: the month,
    /// quarter or year before, or as many days ending the day before.
    pub fn previous(&self) -> Self {
        match *self {
            Self::Month { year, month: 1 } => Self::Month {
                year: year - 1,
                month: 12,
            },
            Self::Month { year, month } => Self::Month { year, month: month - 1 },
            Self::Quarter { year, quarter: 1 } => Self::Quarter {
                year: year - 1,
                quarter: 4,
            },
            Self::Quarter { year, quarter } => Self::Quarter {
                year,
                quarter: quarter - 1,
            },
            Self::Year { year } => Self::Year { year: year - 1 },
            Self::Range { from, to } => {
                let length = (to - from).num_days() + 1;
                let new_to = from - Duration::days(1);
                Self::Range {
                    from: new_to - Duration::days(length - 1),
                    to: new_to,
                }
            }
        }
    }

    /// "Tháng 10/2026", "Quý III/2026", "Năm 2026",
    /// "Từ 01/10/2026 đến 15/11/2026".
    pub fn label(&self) -> String {
        match *self {
            Self::Month { year, month } => format!("Tháng {month}/{year}"),
            Self::Quarter { year, quarter } => {
                format!("Quý {}/{year}", ROMAN.get(quarter as usize - 1).unwrap_or(&"?"))
            }
            Self::Year { year } => format!("Năm {year}"),
            Self::Range { from, to } => format!("Từ {} đến {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y")),
        }
    }

    /// The months it touches, in order, as (year, month).
    pub fn months(&self) -> Vec<(i32, u32)> {
        let (first, last) = (self.first_day(), self.last_day());
        let mut months = Vec::new();
        let (mut year, mut month) = (first.year(), first.month());
        while (year, month) <= (last.year(), last.month()) {
            months.push((year, month));
            (year, month) = if month == 12 { (year + 1, 1) } else { (year, month + 1) };
        }
        months
    }
}

/// A month as a column heading: "10/2026".
pub fn month_label(year: i32, month: u32) -> String {
    format!("{month:02}/{year}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn query(pairs: &[(&str, &str)]) -> PeriodQuery {
        let mut q = PeriodQuery::default();
        for (key, value) in pairs {
            let slot = match *key {
                "ky" => &mut q.ky,
                "thang" => &mut q.thang,
                "quy" => &mut q.quy,
                "nam" => &mut q.nam,
                "tu" => &mut q.tu,
                _ => &mut q.den,
            };
            *slot = Some((*value).to_owned());
        }
        q
    }

    fn today() -> NaiveDate {
        date(2026, 11, 28)
    }

    #[test]
    fn defaults_to_the_current_month_and_kind() {
        assert_eq!(
            Period::from_query(&PeriodQuery::default(), today()),
            Ok(Period::Month { year: 2026, month: 11 })
        );
        assert_eq!(
            Period::from_query(&query(&[("ky", "quy")]), today()),
            Ok(Period::Quarter { year: 2026, quarter: 4 })
        );
        assert_eq!(
            Period::from_query(&query(&[("ky", "nam"), ("nam", " ")]), today()),
            Ok(Period::Year { year: 2026 })
        );
    }

    #[test]
    fn parses_each_kind() {
        let parse = |pairs: &[(&str, &str)]| Period::from_query(&query(pairs), today());
        assert_eq!(
            parse(&[("ky", "thang"), ("thang", "2026-02")]),
            Ok(Period::Month { year: 2026, month: 2 })
        );
        assert_eq!(
            parse(&[("ky", "quy"), ("quy", "2026-Q3")]),
            Ok(Period::Quarter { year: 2026, quarter: 3 })
        );
        assert_eq!(
            parse(&[("ky", "quy"), ("quy", "2026-2")]),
            Ok(Period::Quarter { year: 2026, quarter: 2 })
        );
        assert_eq!(
            parse(&[("ky", "nam"), ("nam", "2025")]),
            Ok(Period::Year { year: 2025 })
        );
        assert_eq!(
            parse(&[("ky", "khoang"), ("tu", "2026-10-01"), ("den", "2026-11-15")]),
            Ok(Period::Range {
                from: date(2026, 10, 1),
                to: date(2026, 11, 15)
            })
        );
        assert_eq!(
            parse(&[("ky", "khoang"), ("tu", "01/10/2026"), ("den", "2026-10-01")]),
            Ok(Period::Range {
                from: date(2026, 10, 1),
                to: date(2026, 10, 1)
            })
        );
    }

    #[test]
    fn errors_name_the_field() {
        let field = |pairs: &[(&str, &str)]| match Period::from_query(&query(pairs), today()) {
            Err(AppError::Validation { field, message }) => {
                assert!(!message.is_empty());
                field
            }
            other => panic!("expected a validation error, got {other:?}"),
        };
        assert_eq!(field(&[("ky", "tuan")]), "ky");
        assert_eq!(field(&[("ky", "thang"), ("thang", "2026-13")]), "thang");
        assert_eq!(field(&[("ky", "thang"), ("thang", "tháng mười")]), "thang");
        assert_eq!(field(&[("ky", "quy"), ("quy", "2026-Q5")]), "quy");
        assert_eq!(field(&[("ky", "nam"), ("nam", "1999")]), "nam");
        assert_eq!(field(&[("ky", "nam"), ("nam", "abc")]), "nam");
        assert_eq!(field(&[("ky", "khoang"), ("den", "2026-10-01")]), "tu");
        assert_eq!(field(&[("ky", "khoang"), ("tu", "2026-10-01")]), "den");
        assert_eq!(
            field(&[("ky", "khoang"), ("tu", "2026-02-30"), ("den", "2026-03-01")]),
            "tu"
        );
        assert_eq!(
            field(&[("ky", "khoang"), ("tu", "2026-10-02"), ("den", "2026-10-01")]),
            "den"
        );
        assert_eq!(
            field(&[("ky", "khoang"), ("tu", "2000-01-01"), ("den", "2026-10-01")]),
            "den"
        );
    }

    #[test]
    fn bounds() {
        let q3 = Period::Quarter { year: 2026, quarter: 3 };
        assert_eq!((q3.first_day(), q3.last_day()), (date(2026, 7, 1), date(2026, 9, 30)));
        assert_eq!(q3.days(), 92);
        let feb = Period::Month { year: 2028, month: 2 };
        assert_eq!(feb.last_day(), date(2028, 2, 29));
        let dec = Period::Month { year: 2026, month: 12 };
        assert_eq!(dec.last_day(), date(2026, 12, 31));
        assert_eq!(Period::Year { year: 2026 }.days(), 365);
        assert!(q3.contains(date(2026, 9, 30)) && !q3.contains(date(2026, 10, 1)));
    }

    #[test]
    fn previous_periods() {
        assert_eq!(
            Period::Month { year: 2026, month: 1 }.previous(),
            Period::Month { year: 2025, month: 12 }
        );
        assert_eq!(
            Period::Month { year: 2026, month: 10 }.previous(),
            Period::Month { year: 2026, month: 9 }
        );
        assert_eq!(
            Period::Quarter { year: 2026, quarter: 1 }.previous(),
            Period::Quarter { year: 2025, quarter: 4 }
        );
        assert_eq!(Period::Year { year: 2026 }.previous(), Period::Year { year: 2025 });
        let range = Period::Range {
            from: date(2026, 3, 1),
            to: date(2026, 3, 10),
        };
        assert_eq!(
            range.previous(),
            Period::Range {
                from: date(2026, 2, 19),
                to: date(2026, 2, 28)
            }
        );
    }

    #[test]
    fn labels_and_query_round_trip() {
        let periods = [
            Period::Month { year: 2026, month: 10 },
            Period::Quarter { year: 2026, quarter: 3 },
            Period::Year { year: 2026 },
            Period::Range {
                from: date(2026, 10, 1),
                to: date(2026, 11, 15),
            },
        ];
        let labels: Vec<String> = periods.iter().map(Period::label).collect();
        assert_eq!(
            labels,
            [
                "Tháng 10/2026",
                "Quý III/2026",
                "Năm 2026",
                "Từ 01/10/2026 đến 15/11/2026"
            ]
        );
        for period in periods {
            let pairs = period.to_query();
            let pairs: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
            assert_eq!(Period::from_query(&query(&pairs), today()), Ok(period));
        }
        assert_eq!(periods[1].query_string(), "ky=quy&quy=2026-Q3");
    }

    #[test]
    fn months_touched() {
        let range = Period::Range {
            from: date(2025, 11, 20),
            to: date(2026, 2, 1),
        };
        assert_eq!(range.months(), vec![(2025, 11), (2025, 12), (2026, 1), (2026, 2)]);
        assert_eq!(Period::Month { year: 2026, month: 3 }.months(), vec![(2026, 3)]);
        assert_eq!(month_label(2026, 3), "03/2026");
    }
}
