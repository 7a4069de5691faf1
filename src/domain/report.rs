//! Tables of figures as the statistics pages show them and as they are
//! exported (CSV, XLSX): one [`Table`] feeds the HTML table, the download
//! and, often, the chart, so the three always agree. Also the Vietnamese way
//! of writing numbers ("1.234", "94,2 %").

pub mod tables;

use serde::{Deserialize, Serialize};

/// One value of a table. Numbers stay numbers, so a spreadsheet can sum them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Cell {
    Text(String),
    Int(i64),
    /// A number shown with this many decimals.
    Decimal(f64, u8),
    /// A percentage (0–100), one decimal.
    Percent(f64),
    /// A change against the previous period, with this many decimals;
    /// positive is better.
    Change(f64, u8),
    /// No value (e.g. a rate without any case): "—".
    Empty,
}

impl Cell {
    /// A percentage or nothing.
    pub fn percent(value: Option<f64>) -> Cell {
        value.filter(|v| v.is_finite()).map_or(Cell::Empty, Cell::Percent)
    }

    /// A decimal or nothing.
    pub fn decimal(value: Option<f64>, decimals: u8) -> Cell {
        value
            .filter(|v| v.is_finite())
            .map_or(Cell::Empty, |v| Cell::Decimal(v, decimals))
    }

    /// A change or nothing.
    pub fn change(value: Option<f64>, decimals: u8) -> Cell {
        value
            .filter(|v| v.is_finite())
            .map_or(Cell::Empty, |v| Cell::Change(v, decimals))
    }

    /// The value as the page shows it, in Vietnamese notation.
    pub fn display(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Int(n) => group_thousands(*n),
            Cell::Decimal(v, d) => format_decimal(*v, *d),
            Cell::Percent(v) => format_percent(*v),
            Cell::Change(v, d) => match change_sign(*v, *d) {
                0 => "=".to_owned(),
                s if s > 0 => format!("▲ {}", format_decimal(v.abs(), *d)),
                _ => format!("▼ {}", format_decimal(v.abs(), *d)),
            },
            Cell::Empty => "—".to_owned(),
        }
    }

    /// A change in words, for screen readers and for anyone who cannot tell
    /// the arrows apart; `None` for other cells.
    pub fn spoken_change(&self) -> Option<String> {
        let Cell::Change(v, d) = self else { return None };
        Some(match change_sign(*v, *d) {
            0 => "không đổi".to_owned(),
            s if s > 0 => format!("tăng {}", format_decimal(v.abs(), *d)),
            _ => format!("giảm {}", format_decimal(v.abs(), *d)),
        })
    }

    /// The value for a CSV file: plain digits with a decimal point, so any
    /// program reads it back; empty for no value.
    pub fn plain(&self) -> String {
        match self {
            Cell::Text(text) => text.clone(),
            Cell::Int(n) => n.to_string(),
            Cell::Decimal(v, d) | Cell::Change(v, d) => format!("{:.*}", usize::from(*d), v),
            Cell::Percent(v) => format!("{v:.1}"),
            Cell::Empty => String::new(),
        }
    }

    /// The number in the cell, if any.
    pub fn number(&self) -> Option<f64> {
        match self {
            Cell::Int(n) => Some(*n as f64),
            Cell::Decimal(v, _) | Cell::Percent(v) | Cell::Change(v, _) => Some(*v),
            Cell::Text(_) | Cell::Empty => None,
        }
    }

    pub fn is_numeric(&self) -> bool {
        !matches!(self, Cell::Text(_))
    }
}

/// -1, 0 or 1 as the change reads once rounded to `decimals`.
fn change_sign(value: f64, decimals: u8) -> i8 {
    let scale = 10f64.powi(i32::from(decimals));
    let rounded = (value * scale).round();
    if rounded > 0.0 {
        1
    } else if rounded < 0.0 {
        -1
    } else {
        0
    }
}

/// A column heading.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub label: String,
    /// The cells of this column name their row (`<th scope="row">`).
    pub row_header: bool,
}

impl Column {
    pub fn new(label: impl Into<String>) -> Self {
        Column {
            label: label.into(),
            row_header: false,
        }
    }

    pub fn header(label: impl Into<String>) -> Self {
        Column {
            label: label.into(),
            row_header: true,
        }
    }
}

/// A table of figures: a title (the caption, the sheet's name), columns,
/// rows, and optionally a totals row.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Table {
    /// Short ASCII name for URLs and file names (e.g. `theo-co-quan`).
    pub slug: String,
    pub title: String,
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    pub totals: Option<Vec<Cell>>,
}

impl Table {
    pub fn new(slug: impl Into<String>, title: impl Into<String>, columns: Vec<Column>) -> Self {
        Table {
            slug: slug.into(),
            title: title.into(),
            columns,
            rows: Vec::new(),
            totals: None,
        }
    }

    /// The rows, then the totals row if any: what an export writes.
    pub fn all_rows(&self) -> impl Iterator<Item = &Vec<Cell>> {
        self.rows.iter().chain(self.totals.iter())
    }
}

/// `12345` → `12.345`, as Vietnamese write numbers.
pub fn group_thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// `1234.56` with 1 decimal → `1.234,6`.
pub fn format_decimal(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return "—".to_owned();
    }
    let text = format!("{:.*}", usize::from(decimals), value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let whole: i64 = whole.parse().unwrap_or(0);
    let negative = value < 0.0 && text.chars().any(|c| c.is_ascii_digit() && c != '0');
    let mut out = String::new();
    if negative {
        out.push('-');
    }
    out.push_str(&group_thousands(whole));
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

/// `94.26` → `94,3 %` (one decimal, and a no-break space before the sign,
/// as Vietnamese typography has it, so the sign never wraps alone).
pub fn format_percent(value: f64) -> String {
    format!("{}\u{a0}%", format_decimal(value, 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_use_dots() {
        assert_eq!(group_thousands(0), "0");
        assert_eq!(group_thousands(999), "999");
        assert_eq!(group_thousands(1_234), "1.234");
        assert_eq!(group_thousands(25_000_000), "25.000.000");
        assert_eq!(group_thousands(-1234), "-1.234");
        assert_eq!(group_thousands(i64::MIN), "-9.223.372.036.854.775.808");
    }

    #[test]
    fn decimals_use_commas() {
        assert_eq!(format_decimal(94.26, 1), "94,3");
        assert_eq!(format_decimal(1234.56, 2), "1.234,56");
        assert_eq!(format_decimal(4.0, 2), "4,00");
        assert_eq!(format_decimal(7.4, 0), "7");
        assert_eq!(format_decimal(-0.04, 1), "0,0");
        assert_eq!(format_decimal(-1.26, 1), "-1,3");
        assert_eq!(format_decimal(f64::NAN, 1), "—");
        assert_eq!(format_percent(94.2), "94,2\u{a0}%");
        assert_eq!(format_percent(100.0), "100,0\u{a0}%");
    }

    #[test]
    fn cells_show_and_export() {
        assert_eq!(Cell::Int(1700).display(), "1.700");
        assert_eq!(Cell::Int(1700).plain(), "1700");
        assert_eq!(Cell::Percent(94.24).plain(), "94.2");
        assert_eq!(Cell::percent(None), Cell::Empty);
        assert_eq!(Cell::percent(Some(f64::NAN)), Cell::Empty);
        assert_eq!(Cell::Empty.display(), "—");
        assert_eq!(Cell::Empty.plain(), "");
        assert_eq!(Cell::Decimal(4.256, 2).display(), "4,26");
        assert_eq!(Cell::Text("a".into()).number(), None);
        assert_eq!(Cell::Int(3).number(), Some(3.0));
    }

    #[test]
    fn changes_have_arrows_and_words() {
        let up = Cell::Change(2.345, 1);
        assert_eq!(up.display(), "▲ 2,3");
        assert_eq!(up.spoken_change().as_deref(), Some("tăng 2,3"));
        let down = Cell::Change(-3.0, 0);
        assert_eq!(down.display(), "▼ 3");
        assert_eq!(down.spoken_change().as_deref(), Some("giảm 3"));
        let same = Cell::Change(0.04, 1);
        assert_eq!(same.display(), "=");
        assert_eq!(same.spoken_change().as_deref(), Some("không đổi"));
        assert_eq!(Cell::Int(1).spoken_change(), None);
        assert_eq!(Cell::Change(-1.5, 1).plain(), "-1.5");
    }

    #[test]
    fn totals_come_last() {
        let mut table = Table::new("t", "T", vec![Column::header("A"), Column::new("B")]);
        table.rows.push(vec![Cell::Text("x".into()), Cell::Int(1)]);
        table.totals = Some(vec![Cell::Text("Toàn tỉnh".into()), Cell::Int(1)]);
        let rows: Vec<_> = table.all_rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1][0], Cell::Text("Toàn tỉnh".into()));
    }
}
