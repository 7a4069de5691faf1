//! Trang làm việc: the signed-in staff member's lists (by role), sorted by
//! deadline, with colours, pagination and, for a leader, each officer's
//! workload.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::{deadline_badge, StaffBar, StaffError};
use crate::api::staff::{find_case, load_inbox};
use crate::domain::deadline::format_date;
use crate::domain::work::{InboxView, Queue};
use crate::error::AppError;
use leptos_router::components::Redirect;

#[component]
pub fn InboxPage() -> impl IntoView {
    let (queue, page, code) = use_query_map().with_untracked(|q| {
        (
            q.get("hang"),
            q.get("trang").and_then(|p| p.parse::<i64>().ok()),
            q.get("ma").filter(|c| !c.trim().is_empty()),
        )
    });
    let found = Resource::new_blocking(
        || (),
        move |_| {
            let code = code.clone();
            async move {
                match code {
                    Some(code) => Some(find_case(code).await),
                    None => None,
                }
            }
        },
    );
    let data = Resource::new_blocking(
        || (),
        move |_| {
            let queue = queue.clone();
            async move { load_inbox(queue, page).await }
        },
    );
    view! {
        <Title text="Trang làm việc" />
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                let search = match found.await {
                    Some(Ok(id)) => {
                        return view! { <Redirect path=format!("/can-bo/phan-anh/{id}") /> }.into_any();
                    }
                    Some(Err(AppError::Validation { message, .. })) => Some(message),
                    Some(Err(AppError::NotFound)) => Some("Không tìm thấy phản ánh với mã này trong phạm vi của bạn.".to_owned()),
                    Some(Err(error)) => return view! { <StaffError error /> }.into_any(),
                    None => None,
                };
                match data.await {
                    Ok(view) => view! { <Inbox view search /> }.into_any(),
                    Err(error) => view! { <StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

fn queue_href(queue: Queue, page: i64) -> String {
    if page <= 1 {
        format!("/can-bo?hang={}", queue.as_str())
    } else {
        format!("/can-bo?hang={}&trang={page}", queue.as_str())
    }
}

#[component]
fn Inbox(view: InboxView, search: Option<String>) -> impl IntoView {
    let current = view.queue;
    let tabs = view
        .queues
        .iter()
        .map(|&q| {
            let selected = q == current;
            view! {
                <li>
                    <a href=queue_href(q, 1) aria-current=selected.then_some("page") class:tab-current=selected>
                        {q.label()}
                    </a>
                </li>
            }
        })
        .collect_view();
    let rows = view
        .rows
        .iter()
        .map(|row| {
            view! {
                <tr>
                    <td><a href=format!("/can-bo/phan-anh/{}", row.id) class="code">{row.code.clone()}</a></td>
                    <td>{row.title.clone()}</td>
                    <td><span data-status=row.status.as_str()>{row.status.label()}</span></td>
                    <td>{row.agency_name.clone().unwrap_or_else(|| "Chưa chuyển".into())}</td>
                    <td>{row.commune_name.clone().unwrap_or_default()}</td>
                    <td>{row.received_at.map(format_date).unwrap_or_default()}</td>
                    <td>{deadline_badge(row.stage_due_at.or(row.deadline_at), row.urgency)}</td>
                </tr>
            }
        })
        .collect_view();
    let empty = view.rows.is_empty();
    let pager = (view.pages > 1).then(|| {
        let prev = (view.page > 1)
            .then(|| view! { <a href=queue_href(current, view.page - 1) rel="prev">"‹ Trang trước"</a> });
        let next = (view.page < view.pages)
            .then(|| view! { <a href=queue_href(current, view.page + 1) rel="next">"Trang sau ›"</a> });
        view! {
            <nav class="pager" aria-label="Phân trang">
                {prev}
                <span>{format!("Trang {} / {}", view.page, view.pages)}</span>
                {next}
            </nav>
        }
    });
    let workload = (!view.workload.is_empty()).then(|| {
        let rows = view
            .workload
            .iter()
            .map(|w| view! { <tr><td>{w.officer_name.clone()}</td><td>{w.open}</td><td>{w.overdue}</td></tr> })
            .collect_view();
        view! {
            <section class="card">
                <h2>"Khối lượng công việc của cán bộ"</h2>
                <div class="table-wrap">
                    <table>
                        <thead><tr><th scope="col">"Cán bộ"</th><th scope="col">"Đang xử lý"</th><th scope="col">"Quá hạn"</th></tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            </section>
        }
    });
    view! {
        <StaffBar me=view.me.clone() />
        <form method="get" action="/can-bo" class="find-code" role="search">
            <label for="tim-ma">"Tìm theo mã tra cứu"</label>
            <div class="field-row">
                <input id="tim-ma" name="ma" type="text" autocapitalize="characters" placeholder="ABCD-EFGH"
                    aria-invalid=search.is_some().then_some("true") aria-describedby="tim-ma-loi" />
                <button type="submit" class="btn btn-secondary">"Tìm"</button>
            </div>
            {search.map(|message| view! { <p class="field-error" id="tim-ma-loi">{message}</p> })}
        </form>
        <h1>{current.label()}</h1>
        <ul class="tabs">{tabs}</ul>
        <p class="muted" data-total=view.total>{format!("{} phản ánh", view.total)}</p>
        {if empty {
            view! { <p class="card empty">"Không có phản ánh nào trong danh sách này."</p> }.into_any()
        } else {
            view! {
                <div class="table-wrap">
                    <table class="inbox">
                        <thead>
                            <tr>
                                <th scope="col">"Mã"</th>
                                <th scope="col">"Tiêu đề"</th>
                                <th scope="col">"Trạng thái"</th>
                                <th scope="col">"Cơ quan xử lý"</th>
                                <th scope="col">"Xã, phường"</th>
                                <th scope="col">"Tiếp nhận"</th>
                                <th scope="col">"Hạn bước hiện tại"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }.into_any()
        }}
        {pager}
        {workload}
    }
}
