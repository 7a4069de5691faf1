//! Bảng xếp hạng cơ quan, đơn vị (public): for a period, each agency's
//! received, answered, on-time and satisfaction figures, its composite
//! score and rank, the change against the period before, a chart, the
//! formula in plain Vietnamese, and downloads.

use leptos::prelude::*;
use leptos_meta::Title;

use super::chart::{Chart, ChartFigure, ChartKind, Datum};
use super::stats_view::{field_error, period_query, ExportLinks, FigureTable, PeriodFields, PeriodForm};
use crate::api::stats::{load_ranking, ForPeriod};
use crate::components::error_view::ErrorView;
use crate::domain::deadline::format_date;
use crate::domain::report::tables::{ranking_table, RANKING};
use crate::domain::report::{format_decimal, format_percent};
use crate::domain::stats::score::{FORMULA, PRIOR_WEIGHT};
use crate::domain::stats::{AgencyRanking, PeriodQuery};

#[component]
pub fn RankingPage() -> impl IntoView {
    let query = period_query();
    let data = Resource::new_blocking(|| (), {
        let query = query.clone();
        move |_| load_ranking(query.clone())
    });
    view! {
        <Title text="Xếp hạng cơ quan, đơn vị" />
        <h1>"Xếp hạng cơ quan, đơn vị"</h1>
        <p class="lead">
            "Các cơ quan, đơn vị được xếp hạng theo tỷ lệ trả lời đúng hạn và mức độ hài lòng của người dân, theo từng kỳ."
        </p>
        <Suspense fallback=|| view! { <p class="muted">"Đang tải số liệu…"</p> }>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(page) => view! { <Ranking page query /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

#[component]
fn Ranking(page: ForPeriod<AgencyRanking>, query: PeriodQuery) -> impl IntoView {
    let ForPeriod { today, data } = page;
    let (ranking, error) = match data {
        Ok(ranking) => (Some(ranking), None),
        Err(error) => {
            crate::pages::set_status(error.status_code());
            (None, field_error(&error))
        }
    };
    let fields = PeriodFields::new(&query, ranking.as_ref().map(|r| &r.period), today);
    view! {
        <PeriodForm action="/xep-hang" fields today error />
        {ranking.map(|ranking| view! { <RankingFigures ranking /> })}
        <Formula />
    }
}

#[component]
fn RankingFigures(ranking: AgencyRanking) -> impl IntoView {
    let table = ranking_table(&ranking);
    let chart = Chart::new(
        "diem-co-quan",
        format!("Điểm tổng hợp của các cơ quan, đơn vị, {}", ranking.period.label()),
        ChartKind::Bars,
        ranking
            .rows
            .iter()
            .filter_map(|row| {
                let (rank, score) = (row.rank?, row.score?);
                Some(Datum::new(
                    format!("{rank}. {}", row.name),
                    Some(score.composite),
                    format!("{} điểm", format_decimal(score.composite, 2)),
                ))
            })
            .collect(),
    )
    .with_max(100.0);
    let empty = ranking.province.is_empty();
    let baseline = ranking.province.on_time_percent().map(format_percent);
    let satisfied = ranking.province.average_score().map(|v| format_decimal(v, 2));
    let query = ranking.period.query_string();
    let title = table.title.clone();
    view! {
        <section aria-labelledby="ky-xem">
            <h2 id="ky-xem" data-period=query.clone()>{ranking.period.label()}</h2>
            <p class="muted">
                {format!(
                    "So sánh với {}. Số phản ánh đang xử lý và quá hạn tính đến {}.",
                    ranking.previous.label(),
                    format_date(ranking.as_of),
                )}
            </p>
            {empty.then(|| view! { <p class="empty">"Chưa có phản ánh nào trong kỳ này."</p> })}
            <ul class="province-figures">
                <li>{format!("Toàn tỉnh đã trả lời đúng hạn: {}", baseline.unwrap_or_else(|| "chưa có".into()))}</li>
                <li>{format!("Điểm hài lòng trung bình: {}", satisfied.map(|s| format!("{s}/5")).unwrap_or_else(|| "chưa có đánh giá".into()))}</li>
            </ul>
            <ChartFigure chart />
            <FigureTable table />
            <ExportLinks base=format!("/{RANKING}") query title />
        </section>
    }
}

/// How the score is computed, and why small agencies are treated fairly.
#[component]
fn Formula() -> impl IntoView {
    view! {
        <section class="card formula" aria-labelledby="cach-tinh">
            <h2 id="cach-tinh">"Cách tính điểm và xếp hạng"</h2>
            <p>{FORMULA}</p>
            <h3>"Vì sao cần làm mượt số liệu?"</h3>
            <p>
                {format!(
                    "Một đơn vị chỉ có 2 phản ánh, cả 2 đều trả lời đúng hạn, sẽ có tỷ lệ 100\u{a0}% nhưng chưa nói lên nhiều. \
                     Vì vậy mỗi tỷ lệ được tính như thể đơn vị có thêm {} phản ánh đạt đúng mức chung của tỉnh. \
                     Với đơn vị nhiều phản ánh, phần thêm này gần như không ảnh hưởng; với đơn vị ít phản ánh, điểm được kéo về gần mức chung.",
                    PRIOR_WEIGHT as i64,
                )}
            </p>
            <p class="muted">
                "Tiếp nhận: phản ánh được tiếp nhận trong kỳ. Đã trả lời, đúng hạn, đánh giá: các câu trả lời công khai trong kỳ. \
                 Đang xử lý, quá hạn: phản ánh tiếp nhận trong kỳ chưa được trả lời, tính đến thời điểm xem. \
                 Hài lòng (%): tỷ lệ đánh giá “Hài lòng” hoặc “Rất hài lòng”. ▲ là tăng, ▼ là giảm so với kỳ trước."
            </p>
        </section>
    }
}
