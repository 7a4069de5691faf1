//! Phản ánh công khai: the list of complaints their citizens agreed to
//! publish, newest first, with filters, a search that ignores diacritics,
//! and pagination. A plain GET form: it works without JavaScript.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::public_list;
use crate::components::error_view::ErrorView;
use crate::domain::deadline::format_date;
use crate::domain::public::{PublicListView, PublicQuery, PublicSummary, StatusFilter};
use crate::domain::submission::Choice;

/// The list's URL for `query` (page included).
pub fn list_href(query: &PublicQuery) -> String {
    let mut parts = Vec::new();
    let mut add = |name: &str, value: &str| {
        if !value.is_empty() {
            parts.push(format!("{name}={}", encode(value)));
        }
    };
    add("q", &query.text);
    add("co-quan", &query.agency);
    add("linh-vuc", &query.category);
    add("xa", &query.commune);
    if query.status != StatusFilter::default() {
        add("trang-thai", query.status.as_str());
    }
    if query.page > 1 {
        add("trang", &query.page.to_string());
    }
    if parts.is_empty() {
        "/phan-anh".into()
    } else {
        format!("/phan-anh?{}", parts.join("&"))
    }
}

/// Percent-encoding for a query value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            b' ' => "+".into(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[component]
pub fn ComplaintsPage() -> impl IntoView {
    let query = use_query_map().with_untracked(|q| PublicQuery {
        text: q.get("q").unwrap_or_default(),
        agency: q.get("co-quan").unwrap_or_default(),
        category: q.get("linh-vuc").unwrap_or_default(),
        commune: q.get("xa").unwrap_or_default(),
        status: StatusFilter::parse(&q.get("trang-thai").unwrap_or_default()),
        page: q.get("trang").and_then(|p| p.parse().ok()).unwrap_or(1),
    });
    let data = {
        let query = query.clone();
        Resource::new_blocking(|| (), move |_| public_list(query.clone()))
    };
    view! {
        <Title text="Phản ánh công khai" />
        <h1>"Phản ánh và trả lời công khai"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || {
                let query = query.clone();
                Suspend::new(async move {
                    match data.await {
                        Ok(list) => view! { <Filters query=query.clone() list=list.clone() /> <Results query list /> }.into_any(),
                        Err(error) => view! { <ErrorView error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

fn options(choices: &[Choice], selected: &str, all: &'static str) -> impl IntoView {
    let items = choices
        .iter()
        .map(|c| view! { <option value=c.code.clone() selected=c.code == selected>{c.name.clone()}</option> })
        .collect_view();
    view! { <option value="" selected=selected.is_empty()>{all}</option> {items} }
}

#[component]
fn Filters(query: PublicQuery, list: PublicListView) -> impl IntoView {
    view! {
        <form class="card filters" method="get" action="/phan-anh" role="search">
            <div class="field">
                <label for="q">"Tìm kiếm"</label>
                <input id="q" name="q" type="search" value=query.text.clone() placeholder="Ví dụ: duong hong, mất điện" />
            </div>
            <details open=!(query.agency.is_empty() && query.category.is_empty() && query.commune.is_empty())>
                <summary>"Lọc theo cơ quan, lĩnh vực, xã phường"</summary>
                <div class="field">
                    <label for="co-quan">"Cơ quan"</label>
                    <select id="co-quan" name="co-quan">{options(&list.agencies, &query.agency, "Tất cả cơ quan")}</select>
                </div>
                <div class="field">
                    <label for="linh-vuc">"Lĩnh vực"</label>
                    <select id="linh-vuc" name="linh-vuc">{options(&list.categories, &query.category, "Tất cả lĩnh vực")}</select>
                </div>
                <div class="field">
                    <label for="xa">"Xã, phường"</label>
                    <select id="xa" name="xa">{options(&list.communes, &query.commune, "Tất cả xã, phường")}</select>
                </div>
            </details>
            <div class="field">
                <label for="trang-thai">"Trạng thái"</label>
                <select id="trang-thai" name="trang-thai">
                    {StatusFilter::ALL
                        .into_iter()
                        .map(|f| view! { <option value=f.as_str() selected=f == query.status>{f.label()}</option> })
                        .collect_view()}
                </select>
            </div>
            <button type="submit" class="btn btn-primary">"Tìm"</button>
        </form>
    }
}

#[component]
fn Results(query: PublicQuery, list: PublicListView) -> impl IntoView {
    let page = list.results.clone();
    let count = page.page_count();
    let summary = format!(
        "{} phản ánh · trang {} / {}",
        crate::pages::home::group_thousands(page.total),
        page.page.min(count),
        count
    );
    let link = |n: i64| {
        list_href(&PublicQuery {
            page: n,
            ..query.clone()
        })
    };
    let previous = (page.page > 1)
        .then(|| view! { <a class="btn btn-secondary" rel="prev" href=link(page.page - 1)>"‹ Trang trước"</a> });
    let next = (page.page < count)
        .then(|| view! { <a class="btn btn-secondary" rel="next" href=link(page.page + 1)>"Trang sau ›"</a> });
    view! {
        <section aria-labelledby="ket-qua">
            <h2 id="ket-qua" class="visually-hidden">"Kết quả"</h2>
            <p class="muted" aria-live="polite">{summary}</p>
            {if page.items.is_empty() {
                view! {
                    <p class="empty">
                        "Không có phản ánh nào khớp. Thử bỏ bớt bộ lọc hoặc gõ từ khóa khác."
                    </p>
                }.into_any()
            } else {
                view! {
                    <ul class="complaint-list">
                        {page.items.into_iter().map(|item| view! { <Item item /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <nav class="pager" aria-label="Phân trang">{previous}{next}</nav>
        </section>
    }
}

#[component]
fn Item(item: PublicSummary) -> impl IntoView {
    let meta = [item.agency_name, item.commune_name, item.category_name]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let date = match item.published_at {
        Some(at) => format!("Trả lời ngày {}", format_date(at)),
        None => format!("Tiếp nhận ngày {}", format_date(item.received_at)),
    };
    view! {
        <li class="complaint-item">
            <h3><a href=format!("/phan-anh/{}", item.id)>{item.title}</a></h3>
            <p class="muted">{meta}</p>
            <p class="muted">{date} " · " <span data-status=item.status.as_str()>{item.status.label()}</span></p>
        </li>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_keep_filters_and_encode_text() {
        let query = PublicQuery {
            text: "đường hỏng".into(),
            agency: "SXD".into(),
            page: 2,
            ..PublicQuery::default()
        };
        assert_eq!(
            list_href(&query),
            "/phan-anh?q=%C4%91%C6%B0%E1%BB%9Dng+h%E1%BB%8Fng&co-quan=SXD&trang=2"
        );
        assert_eq!(list_href(&PublicQuery::default()), "/phan-anh");
    }
}
