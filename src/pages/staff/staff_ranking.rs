//! Xếp hạng cán bộ: the officers' handled, on-time and satisfaction figures
//! for a period — a leader sees the agency's officers, the coordinator
//! everyone or one agency. Others get 403.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{StaffBar, StaffError};
use crate::api::stats::{load_staff_ranking, StaffRankingView};
use crate::domain::report::format_decimal;
use crate::domain::report::tables::staff_table;
use crate::domain::stats::{PeriodQuery, StaffRanking};
use crate::pages::chart::{Chart, ChartFigure, ChartKind, Datum};
use crate::pages::stats_view::{field_error, period_query, ExportLinks, FigureTable, PeriodFields, PeriodForm};

/// The page (and, with `.csv` or `.xlsx`, its downloads).
pub const STAFF_RANKING_PATH: &str = "/can-bo/xep-hang";

/// The query parameter naming the coordinator's agency filter.
pub const AGENCY_PARAM: &str = "co-quan";

#[component]
pub fn StaffRankingPage() -> impl IntoView {
    let query = period_query();
    let agency = use_query_map().with_untracked(|q| q.get(AGENCY_PARAM).and_then(|a| a.trim().parse::<i64>().ok()));
    let data = Resource::new_blocking(|| (), {
        let query = query.clone();
        move |_| load_staff_ranking(query.clone(), agency)
    });
    view! {
        <Title text="Xếp hạng cán bộ" />
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(view) => view! { <StaffRankingBody view query agency /> }.into_any(),
                        Err(error) => view! { <StaffError error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn StaffRankingBody(view: StaffRankingView, query: PeriodQuery, agency: Option<i64>) -> impl IntoView {
    let StaffRankingView { me, agencies, ranking } = view;
    let today = ranking.today;
    let (ranking, error) = match ranking.data {
        Ok(ranking) => (Some(ranking), None),
        Err(error) => {
            crate::pages::set_status(error.status_code());
            (None, field_error(&error))
        }
    };
    let fields = PeriodFields::new(&query, ranking.as_ref().map(|r| &r.period), today);
    let picker = (!agencies.is_empty()).then(|| {
        let options = agencies
            .into_iter()
            .map(|(id, name)| view! { <option value=id.to_string() selected=agency == Some(id)>{name}</option> })
            .collect_view();
        view! {
            <div class="field agency-filter">
                <label for="co-quan">"Cơ quan, đơn vị"</label>
                <select name=AGENCY_PARAM id="co-quan">
                    <option value="" selected=agency.is_none()>"Tất cả cơ quan, đơn vị"</option>
                    {options}
                </select>
            </div>
        }
    });
    view! {
        <StaffBar me />
        <h1>"Xếp hạng cán bộ"</h1>
        <p class="lead">"Số phản ánh cán bộ đã xử lý đến khi trả lời, tỷ lệ đúng hạn và mức độ hài lòng của người dân, theo kỳ."</p>
        <PeriodForm action=STAFF_RANKING_PATH fields today error>{picker}</PeriodForm>
        {ranking.map(|ranking| view! { <StaffFigures ranking /> })}
    }
}

#[component]
fn StaffFigures(ranking: StaffRanking) -> impl IntoView {
    let table = staff_table(&ranking);
    let chart = Chart::new(
        "diem-can-bo",
        format!("Điểm tổng hợp của cán bộ, {}", ranking.period.label()),
        ChartKind::Bars,
        ranking
            .rows
            .iter()
            .filter_map(|row| {
                let (rank, score) = (row.rank?, row.score?);
                Some(Datum::new(
                    format!("{rank}. {}", row.full_name),
                    Some(score.composite),
                    format!("{} điểm", format_decimal(score.composite, 2)),
                ))
            })
            .collect(),
    )
    .with_max(100.0);
    let mut query = ranking.period.query_string();
    if let Some(id) = ranking.agency_id {
        query.push_str(&format!("&{AGENCY_PARAM}={id}"));
    }
    let title = table.title.clone();
    view! {
        <section aria-labelledby="ky-xem">
            <h2 id="ky-xem">
                {format!("{} · {}", ranking.period.label(), ranking.agency_name.clone().unwrap_or_else(|| "Toàn tỉnh".into()))}
            </h2>
            <p class="muted">
                {format!(
                    "So sánh với {}. Điểm của mỗi cán bộ được làm mượt về mức chung của các cán bộ trong bảng, như cách tính xếp hạng cơ quan.",
                    ranking.previous.label(),
                )}
            </p>
            <ChartFigure chart />
            <FigureTable table />
            <ExportLinks base=STAFF_RANKING_PATH.to_owned() query title />
        </section>
    }
}
