//! Bảng điều khiển thống kê (coordinator): for a period, the headline
//! counts, then counts by status, agency, category, commune/ward and month,
//! the on-time trend and the distribution of ratings — each a chart, a
//! table and its downloads.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{StaffBar, StaffError};
use crate::api::stats::{load_dashboard, DashboardView};
use crate::domain::report::tables::{dashboard_table, rating_label, DASHBOARD_TABLES};
use crate::domain::report::{format_decimal, format_percent, group_thousands};
use crate::domain::stats::{Dashboard, GroupRow, PeriodQuery};
use crate::pages::chart::{Chart, ChartFigure, ChartKind, Datum};
use crate::pages::stats_view::{field_error, period_query, ExportLinks, FigureTable, PeriodFields, PeriodForm};

/// The page (its tables download from `<path>/<table>.csv|xlsx`).
pub const DASHBOARD_PATH: &str = "/can-bo/thong-ke";

/// Tables longer than this start folded (a `<details>`), so a phone
/// scrolls past them; the chart above shows the largest groups.
pub const FOLDED_ROWS: usize = 20;

/// How many agencies, categories or communes a chart shows (the table has
/// them all).
pub const CHART_GROUPS: usize = 15;

#[component]
pub fn DashboardPage() -> impl IntoView {
    let query = period_query();
    let data = Resource::new_blocking(|| (), {
        let query = query.clone();
        move |_| load_dashboard(query.clone())
    });
    view! {
        <Title text="Thống kê" />
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <DashboardBody view query /> }.into_any(),
                        Err(error) => view! { <StaffError error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn DashboardBody(view: DashboardView, query: PeriodQuery) -> impl IntoView {
    let DashboardView { me, dashboard } = view;
    let today = dashboard.today;
    let (dashboard, error) = match dashboard.data {
        Ok(dashboard) => (Some(dashboard), None),
        Err(error) => {
            crate::pages::set_status(error.status_code());
            (None, field_error(&error))
        }
    };
    let fields = PeriodFields::new(&query, dashboard.as_ref().map(|d| &d.period), today);
    view! {
        <StaffBar me />
        <h1>"Thống kê"</h1>
        <PeriodForm action=DASHBOARD_PATH fields today error />
        {dashboard.map(|dashboard| view! { <Figures dashboard /> })}
    }
}

/// The charts of each table, in the order of [`DASHBOARD_TABLES`].
pub fn charts_for(dashboard: &Dashboard, slug: &str) -> Vec<Chart> {
    let label = dashboard.period.label();
    let count = |n: i64| group_thousands(n);
    let received = |rows: &[GroupRow]| {
        let mut rows: Vec<&GroupRow> = rows.iter().filter(|r| r.tally.received > 0).collect();
        rows.sort_by_key(|r| std::cmp::Reverse(r.tally.received));
        rows.into_iter()
            .take(CHART_GROUPS)
            .map(|r| Datum::new(r.name.clone(), Some(r.tally.received as f64), count(r.tally.received)))
            .collect::<Vec<_>>()
    };
    let groups_title = |what: &str, rows: &[GroupRow]| {
        if rows.len() > CHART_GROUPS {
            format!("Số phản ánh tiếp nhận, {CHART_GROUPS} {what} nhiều nhất, {label}")
        } else {
            format!("Số phản ánh tiếp nhận theo {what}, {label}")
        }
    };
    match slug {
        "trang-thai" => vec![Chart::new(
            "bieu-do-trang-thai",
            format!("Số phản ánh theo trạng thái hiện tại, {label}"),
            ChartKind::Bars,
            dashboard
                .by_status
                .iter()
                .map(|s| Datum::new(s.status.label(), Some(s.count as f64), count(s.count)))
                .collect(),
        )],
        "co-quan" => vec![Chart::new(
            "bieu-do-co-quan",
            groups_title("cơ quan, đơn vị", &dashboard.by_agency),
            ChartKind::Bars,
            received(&dashboard.by_agency),
        )],
        "linh-vuc" => vec![Chart::new(
            "bieu-do-linh-vuc",
            groups_title("lĩnh vực", &dashboard.by_category),
            ChartKind::Bars,
            received(&dashboard.by_category),
        )],
        "xa-phuong" => vec![Chart::new(
            "bieu-do-xa-phuong",
            groups_title("xã, phường", &dashboard.by_commune),
            ChartKind::Bars,
            received(&dashboard.by_commune),
        )],
        "thang" => vec![
            Chart::new(
                "bieu-do-thang",
                format!("Số phản ánh tiếp nhận theo tháng, {label}"),
                ChartKind::Columns,
                dashboard
                    .by_month
                    .iter()
                    .map(|m| Datum::new(m.label.clone(), Some(m.tally.received as f64), count(m.tally.received)))
                    .collect(),
            ),
            Chart::new(
                "bieu-do-dung-han",
                format!("Tỷ lệ trả lời đúng hạn theo tháng, {label}"),
                ChartKind::Line,
                dashboard
                    .by_month
                    .iter()
                    .map(|m| {
                        let percent = m.tally.on_time_percent();
                        Datum::new(
                            m.label.clone(),
                            percent,
                            percent.map(format_percent).unwrap_or_else(|| "chưa có trả lời".into()),
                        )
                    })
                    .collect(),
            )
            .with_max(100.0)
            .with_unit(" %"),
        ],
        _ => {
            let rated = dashboard.totals.rated();
            let data = if rated == 0 {
                Vec::new()
            } else {
                let mut data: Vec<Datum> = (1..=5)
                    .zip(dashboard.totals.ratings)
                    .zip(RATING_TONES)
                    .map(|((score, n), tone)| {
                        Datum::new(rating_label(score), Some(n as f64), count(n)).with_class(tone)
                    })
                    .collect();
                data.reverse();
                data
            };
            vec![Chart::new(
                "bieu-do-danh-gia",
                format!("Phân bố đánh giá của người dân, {label}"),
                ChartKind::Bars,
                data,
            )]
        }
    }
}

/// The bar colours of ratings 1 to 5.
const RATING_TONES: [&str; 5] = ["tone-1", "tone-2", "tone-3", "tone-4", "tone-5"];

#[component]
fn Figures(dashboard: Dashboard) -> impl IntoView {
    let totals = dashboard.totals;
    let query = dashboard.period.query_string();
    let headline = [
        ("received", "Tiếp nhận", group_thousands(totals.received)),
        ("answered", "Đã trả lời", group_thousands(totals.answered)),
        (
            "on-time",
            "Đúng hạn",
            totals
                .on_time_percent()
                .map(format_percent)
                .unwrap_or_else(|| "—".into()),
        ),
        (
            "satisfaction",
            "Hài lòng trung bình",
            totals
                .average_score()
                .map(|v| format!("{}/5", format_decimal(v, 2)))
                .unwrap_or_else(|| "—".into()),
        ),
        ("open", "Đang xử lý", group_thousands(totals.open)),
        ("overdue", "Quá hạn", group_thousands(totals.overdue)),
    ]
    .into_iter()
    .map(|(key, label, value)| {
        view! {
            <div class="figure">
                <dt>{label}</dt>
                <dd data-figure=key>{value}</dd>
            </div>
        }
    })
    .collect_view();
    let sections = DASHBOARD_TABLES
        .iter()
        .filter_map(|(slug, heading)| {
            let table = dashboard_table(&dashboard, slug)?;
            let charts = charts_for(&dashboard, slug)
                .into_iter()
                .map(|chart| view! { <ChartFigure chart /> })
                .collect_view();
            let title = table.title.clone();
            let long = table.rows.len() > FOLDED_ROWS;
            let rows = table.rows.len();
            let table = if long {
                view! {
                    <details class="table-details">
                        <summary>{format!("Xem bảng đầy đủ ({rows} dòng)")}</summary>
                        <FigureTable table />
                    </details>
                }
                .into_any()
            } else {
                view! { <FigureTable table /> }.into_any()
            };
            let heading_id = format!("muc-{slug}");
            let labelled_by = heading_id.clone();
            Some(view! {
                <section class="stats-section" aria-labelledby=labelled_by>
                    <h2 id=heading_id>{*heading}</h2>
                    {charts}
                    {table}
                    <ExportLinks base=format!("{DASHBOARD_PATH}/{slug}") query=query.clone() title />
                </section>
            })
        })
        .collect_view();
    view! {
        <section aria-labelledby="ky-xem">
            <h2 id="ky-xem" data-period=query.clone()>{dashboard.period.label()}</h2>
            <p class="muted">
                {format!(
                    "Phản ánh tiếp nhận và câu trả lời công khai trong kỳ; đang xử lý, quá hạn tính đến {}.",
                    crate::domain::deadline::format_date(dashboard.as_of),
                )}
            </p>
            <dl class="figures">{headline}</dl>
            <nav class="stats-toc" aria-label="Các bảng thống kê">
                <ul>
                    {DASHBOARD_TABLES
                        .iter()
                        .map(|(slug, heading)| view! { <li><a href=format!("#muc-{slug}")>{*heading}</a></li> })
                        .collect_view()}
                </ul>
            </nav>
        </section>
        {sections}
    }
}
