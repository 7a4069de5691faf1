//! Trang chủ: the way in for citizens — send a complaint, track one, and
//! see how the province is doing (the headline figures come from the same
//! aggregates as the ranking, which they link to).

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::get_home_data;
use crate::components::error_view::ErrorView;
use crate::components::tracking_form::TrackingForm;
use crate::domain::deadline::format_date;
use crate::domain::report::format_percent;
pub use crate::domain::report::group_thousands;
use crate::domain::{HeadlineFigures, PublishedSummary, SiteInfo};

#[component]
pub fn HomePage() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let data = Resource::new_blocking(|| (), |_| get_home_data());
    view! {
        <Title text="Trang chủ" />
        <section class="hero">
            <h1>{format!("Phản ánh, kiến nghị với chính quyền tỉnh {}", site.province_name)}</h1>
            <p class="lead">
                {format!(
                    "Gặp đường hỏng, rác thải, mất điện hay thủ tục chậm? Gửi phản ánh trong vài phút. Cơ quan có thẩm quyền sẽ trả lời và công khai trong tối đa {} ngày.",
                    site.deadline_days,
                )}
            </p>
            <a class="btn btn-primary btn-large" href="/gui-phan-anh">"Gửi phản ánh"</a>
        </section>
        <section class="card" aria-labelledby="tra-cuu-tieu-de">
            <h2 id="tra-cuu-tieu-de">"Theo dõi phản ánh đã gửi"</h2>
            <TrackingForm />
        </section>
        <Suspense fallback=|| view! { <p class="muted">"Đang tải số liệu…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(home) => view! {
                        <Figures figures=home.figures />
                        <LatestAnswers latest=home.latest />
                    }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Figures(figures: HeadlineFigures) -> impl IntoView {
    let on_time = figures
        .on_time_percent()
        .map(format_percent)
        .unwrap_or_else(|| "—".to_owned());
    view! {
        <section aria-labelledby="so-lieu-tieu-de">
            <h2 id="so-lieu-tieu-de">"Kết quả tiếp nhận và trả lời"</h2>
            <dl class="figures">
                <div class="figure">
                    <dt>"Đã tiếp nhận"</dt>
                    <dd data-figure="received">{group_thousands(figures.received)}</dd>
                </div>
                <div class="figure">
                    <dt>"Đã trả lời"</dt>
                    <dd data-figure="answered">{group_thousands(figures.answered)}</dd>
                </div>
                <div class="figure">
                    <dt>"Trả lời đúng hạn"</dt>
                    <dd data-figure="on-time">{on_time}</dd>
                </div>
            </dl>
            <p><a href="/xep-hang">"Xem bảng xếp hạng cơ quan, đơn vị"</a></p>
        </section>
    }
}

#[component]
fn LatestAnswers(latest: Vec<PublishedSummary>) -> impl IntoView {
    view! {
        <section aria-labelledby="moi-tra-loi-tieu-de">
            <h2 id="moi-tra-loi-tieu-de">"Phản ánh mới được trả lời"</h2>
            {if latest.is_empty() {
                view! { <p class="empty">"Chưa có phản ánh nào được trả lời công khai."</p> }.into_any()
            } else {
                view! {
                    <ul class="complaint-list">
                        {latest
                            .into_iter()
                            .map(|item| view! { <PublishedItem item /> })
                            .collect_view()}
                    </ul>
                }
                    .into_any()
            }}
        </section>
    }
}

#[component]
fn PublishedItem(item: PublishedSummary) -> impl IntoView {
    let meta = [item.agency_name, item.commune_name]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    view! {
        <li class="complaint-item">
            <h3>{item.title}</h3>
            <p class="muted">{meta}</p>
            <p class="muted">
                {format!("Trả lời ngày {}", format_date(item.published_at))}
                {item.on_time.then(|| view! { <span class="badge badge-ok">"Đúng hạn"</span> })}
            </p>
        </li>
    }
}
