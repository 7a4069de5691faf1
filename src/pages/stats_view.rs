//! What the statistics pages share: the period selector (a plain GET form,
//! so it works without JavaScript), a [`Table`] as an accessible HTML table,
//! and the links that download a table as CSV or Excel.

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;

use crate::domain::report::{Cell, Table};
use crate::domain::stats::{Period, PeriodKind, PeriodQuery};
use crate::error::AppError;

/// The period parameters of the current page's query string.
pub fn period_query() -> PeriodQuery {
    let query = leptos_router::hooks::use_query_map();
    query.with_untracked(|q| PeriodQuery {
        ky: q.get("ky"),
        thang: q.get("thang"),
        quy: q.get("quy"),
        nam: q.get("nam"),
        tu: q.get("tu"),
        den: q.get("den"),
    })
}

/// The field and message of a validation error.
pub fn field_error(error: &AppError) -> Option<(String, String)> {
    match error {
        AppError::Validation { field, message } => Some((field.clone(), message.clone())),
        _ => None,
    }
}

/// The values the selector's fields start with: what the visitor sent,
/// else the period shown, else the one around today.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodFields {
    pub kind: String,
    pub month: String,
    pub quarter: String,
    pub year: String,
    pub from: String,
    pub to: String,
}

impl PeriodFields {
    pub fn new(query: &PeriodQuery, period: Option<&Period>, today: NaiveDate) -> Self {
        let sent = |value: &Option<String>| {
            value
                .as_deref()
                .map(str::trim)
                .filter(|v| !v.is_empty())
                .map(str::to_owned)
        };
        let shown = period.copied();
        let of_kind = |kind: PeriodKind| shown.filter(|p| p.kind() == kind);
        let month = of_kind(PeriodKind::Month).unwrap_or(Period::month_of(today));
        let quarter = of_kind(PeriodKind::Quarter).unwrap_or(Period::quarter_of(today));
        let year = of_kind(PeriodKind::Year).unwrap_or(Period::year_of(today));
        let span = shown.unwrap_or(month);
        let value_of = |p: Period, key: &str| {
            p.to_query()
                .into_iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| v)
                .unwrap_or_default()
        };
        PeriodFields {
            kind: sent(&query.ky)
                .or(shown.map(|p| p.kind().as_str().to_owned()))
                .unwrap_or_else(|| PeriodKind::Month.as_str().to_owned()),
            month: sent(&query.thang).unwrap_or_else(|| value_of(month, "thang")),
            quarter: sent(&query.quy).unwrap_or_else(|| value_of(quarter, "quy")),
            year: sent(&query.nam).unwrap_or_else(|| value_of(year, "nam")),
            from: sent(&query.tu).unwrap_or_else(|| span.first_day().format("%Y-%m-%d").to_string()),
            to: sent(&query.den).unwrap_or_else(|| span.last_day().format("%Y-%m-%d").to_string()),
        }
    }
}

/// The quarters offered: the last five years' up to today's, newest first,
/// as (value, label).
pub fn quarter_choices(today: NaiveDate) -> Vec<(String, String)> {
    let current = Period::quarter_of(today);
    let mut choices = Vec::new();
    for year in (today.year() - 5..=today.year()).rev() {
        for quarter in (1..=4).rev() {
            let period = Period::Quarter { year, quarter };
            if period.first_day() > current.first_day() {
                continue;
            }
            choices.push((format!("{year}-Q{quarter}"), period.label()));
        }
    }
    choices
}

/// The period selector: one radio button per kind of period, each with its
/// field; the error, if any, under the field it is about.
#[component]
pub fn PeriodForm(
    action: &'static str,
    fields: PeriodFields,
    today: NaiveDate,
    error: Option<(String, String)>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let error_for = move |name: &'static str| {
        error
            .as_ref()
            .filter(|(field, _)| field == name)
            .map(|(_, message)| message.clone())
    };
    let described = |name: &'static str, has_error: bool| has_error.then(|| format!("{name}-loi"));
    let message = |name: &'static str, text: Option<String>| {
        text.map(|text| view! { <p class="field-error" id=format!("{name}-loi")>{text}</p> })
    };
    let checked = |kind: PeriodKind| fields.kind == kind.as_str();
    let radio = move |kind: PeriodKind| {
        view! {
            <input type="radio" name="ky" value=kind.as_str() id=format!("ky-{}", kind.as_str()) checked=checked(kind) />
            <label for=format!("ky-{}", kind.as_str())>{kind.label()}</label>
        }
    };
    let (ky_error, thang_error, quy_error, nam_error, tu_error, den_error) = (
        error_for("ky"),
        error_for("thang"),
        error_for("quy"),
        error_for("nam"),
        error_for("tu"),
        error_for("den"),
    );
    let quarters = quarter_choices(today)
        .into_iter()
        .map(|(value, label)| {
            let selected = value == fields.quarter;
            view! { <option value=value selected=selected>{label}</option> }
        })
        .collect_view();
    view! {
        <form method="get" action=action class="card period-form">
            <fieldset class="period-kinds" aria-describedby=described("ky", ky_error.is_some())>
                <legend>"Kỳ thống kê"</legend>
                <div class="period-option">
                    {radio(PeriodKind::Month)}
                    <input type="month" name="thang" id="thang" value=fields.month.clone() aria-label="Chọn tháng"
                        placeholder="2026-10" aria-invalid=thang_error.is_some().then_some("true")
                        aria-describedby=described("thang", thang_error.is_some()) />
                    {message("thang", thang_error.clone())}
                </div>
                <div class="period-option">
                    {radio(PeriodKind::Quarter)}
                    <select name="quy" id="quy" aria-label="Chọn quý" aria-invalid=quy_error.is_some().then_some("true")
                        aria-describedby=described("quy", quy_error.is_some())>
                        {quarters}
                    </select>
                    {message("quy", quy_error.clone())}
                </div>
                <div class="period-option">
                    {radio(PeriodKind::Year)}
                    <input type="number" name="nam" id="nam" value=fields.year.clone() aria-label="Chọn năm"
                        min=crate::domain::stats::period::FIRST_YEAR max=crate::domain::stats::period::LAST_YEAR
                        inputmode="numeric" aria-invalid=nam_error.is_some().then_some("true")
                        aria-describedby=described("nam", nam_error.is_some()) />
                    {message("nam", nam_error.clone())}
                </div>
                <div class="period-option period-range">
                    {radio(PeriodKind::Range)}
                    <span class="range-fields">
                        <label for="tu">"Từ ngày"</label>
                        <input type="date" name="tu" id="tu" value=fields.from.clone()
                            aria-invalid=tu_error.is_some().then_some("true")
                            aria-describedby=described("tu", tu_error.is_some()) />
                        {message("tu", tu_error.clone())}
                        <label for="den">"Đến ngày"</label>
                        <input type="date" name="den" id="den" value=fields.to.clone()
                            aria-invalid=den_error.is_some().then_some("true")
                            aria-describedby=described("den", den_error.is_some()) />
                        {message("den", den_error.clone())}
                    </span>
                </div>
            </fieldset>
            {message("ky", ky_error.clone())}
            {children.map(|children| children())}
            <button type="submit" class="btn">"Xem số liệu"</button>
        </form>
    }
}

/// The links that download `table` (`<base>.csv?<query>`, `.xlsx`).
#[component]
pub fn ExportLinks(base: String, query: String, title: String) -> impl IntoView {
    let suffix = if query.is_empty() {
        String::new()
    } else {
        format!("?{query}")
    };
    let csv = format!("{base}.csv{suffix}");
    let xlsx = format!("{base}.xlsx{suffix}");
    view! {
        <p class="export-links">
            "Tải bảng về: "
            <a href=csv download="" aria-label=format!("Tải {title} dạng CSV") data-export="csv">"CSV"</a>
            " · "
            <a href=xlsx download="" aria-label=format!("Tải {title} dạng Excel") data-export="xlsx">"Excel (.xlsx)"</a>
        </p>
    }
}

/// A [`Table`] as an HTML table: a caption, column headings, row headings,
/// numbers aligned right, changes with arrows and words, and the totals row
/// in the footer. Scrolls sideways on a phone.
#[component]
pub fn FigureTable(table: Table) -> impl IntoView {
    let caption_id = format!("bang-{}-tieu-de", table.slug);
    let labelled_by = caption_id.clone();
    let width = table.columns.len();
    let heads = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let numeric = !c.row_header && !table.all_rows().any(|row| matches!(row.get(i), Some(Cell::Text(_))));
            view! { <th scope="col" class=numeric.then_some("num")>{c.label.clone()}</th> }
        })
        .collect_view();
    let row_headers: Vec<bool> = table.columns.iter().map(|c| c.row_header).collect();
    let render_row = move |cells: &Vec<Cell>| {
        cells
            .iter()
            .enumerate()
            .map(|(i, cell)| cell_view(cell, row_headers.get(i).copied().unwrap_or(false)))
            .collect_view()
    };
    let body = if table.rows.is_empty() {
        view! { <tr><td colspan=width class="empty-row">"Chưa có dữ liệu trong kỳ này."</td></tr> }.into_any()
    } else {
        table
            .rows
            .iter()
            .map(|row| view! { <tr>{render_row(row)}</tr> })
            .collect_view()
            .into_any()
    };
    let foot = table
        .totals
        .as_ref()
        .map(|totals| view! { <tfoot><tr class="totals">{render_row(totals)}</tr></tfoot> });
    view! {
        <div class="table-wrap" role="region" tabindex="0" aria-labelledby=labelled_by>
            <table class="stats-table" id=format!("bang-{}", table.slug) data-table=table.slug.clone()>
                <caption id=caption_id>{table.title.clone()}</caption>
                <thead><tr>{heads}</tr></thead>
                <tbody>{body}</tbody>
                {foot}
            </table>
        </div>
    }
}

fn cell_view(cell: &Cell, row_header: bool) -> AnyView {
    let text = cell.display();
    if row_header {
        return view! { <th scope="row">{text}</th> }.into_any();
    }
    match cell.spoken_change() {
        Some(words) => {
            let class = match cell.number() {
                Some(v) if text.starts_with('▲') && v > 0.0 => "num change change-up",
                Some(v) if text.starts_with('▼') && v < 0.0 => "num change change-down",
                _ => "num change",
            };
            view! {
                <td class=class>
                    <span aria-hidden="true">{text}</span>
                    <span class="visually-hidden">{words}</span>
                </td>
            }
            .into_any()
        }
        None if cell.is_numeric() => view! { <td class="num">{text}</td> }.into_any(),
        None => view! { <td>{text}</td> }.into_any(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn fields_prefer_what_was_sent_then_the_period() {
        let today = date(2026, 11, 28);
        let none = PeriodFields::new(&PeriodQuery::default(), None, today);
        assert_eq!(none.kind, "thang");
        assert_eq!(none.month, "2026-11");
        assert_eq!(none.quarter, "2026-Q4");
        assert_eq!(none.year, "2026");
        assert_eq!((none.from.as_str(), none.to.as_str()), ("2026-11-01", "2026-11-30"));

        let q3 = Period::Quarter { year: 2026, quarter: 3 };
        let shown = PeriodFields::new(&PeriodQuery::default(), Some(&q3), today);
        assert_eq!(shown.kind, "quy");
        assert_eq!(shown.quarter, "2026-Q3");
        assert_eq!(shown.month, "2026-11", "other kinds start at today");
        assert_eq!((shown.from.as_str(), shown.to.as_str()), ("2026-07-01", "2026-09-30"));

        let sent = PeriodQuery {
            ky: Some("thang".into()),
            thang: Some("2026-13".into()),
            ..PeriodQuery::default()
        };
        let wrong = PeriodFields::new(&sent, None, today);
        assert_eq!(wrong.month, "2026-13", "kept for correcting");
    }

    #[test]
    fn quarters_stop_at_today() {
        let choices = quarter_choices(date(2026, 8, 1));
        assert_eq!(choices[0], ("2026-Q3".to_owned(), "Quý III/2026".to_owned()));
        assert_eq!(choices.len(), 3 + 5 * 4);
        assert_eq!(choices.last().unwrap().0, "2021-Q1");
    }
}
