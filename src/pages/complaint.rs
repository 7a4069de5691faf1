//! One public complaint: what was asked (without anything that identifies
//! the citizen) and the published answer.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

use crate::api::load_public_complaint;
use crate::components::error_view::ErrorView;
use crate::components::file_list::FileList;
use crate::domain::deadline::format_date;
use crate::domain::public::PublicComplaint;

#[component]
pub fn ComplaintPage() -> impl IntoView {
    let id = use_params_map().with_untracked(|p| p.get("id").and_then(|id| id.parse::<i64>().ok()));
    let data = Resource::new_blocking(
        || (),
        move |_| async move {
            match id {
                Some(id) => load_public_complaint(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        },
    );
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(complaint) => view! { <Complaint complaint /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Complaint(complaint: PublicComplaint) -> impl IntoView {
    let s = complaint.summary;
    let meta = [s.commune_name.clone(), s.category_name.clone()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    let on_time = complaint.on_time.map(|ok| {
        if ok {
            view! { <span class="badge badge-ok">"Đúng hạn"</span> }.into_any()
        } else {
            view! { <span class="badge badge-late">"Quá hạn"</span> }.into_any()
        }
    });
    view! {
        <Title text=s.title.clone() />
        <p><a href="/phan-anh">"‹ Danh sách phản ánh"</a></p>
        <article class="card">
            <h1>{s.title.clone()}</h1>
            <p class="muted">{meta}</p>
            <p>"Trạng thái: " <strong data-status=s.status.as_str()>{s.status.label()}</strong></p>
            <p>"Cơ quan xử lý: " {s.agency_name.clone().unwrap_or_else(|| "Đang phân loại".into())}</p>
            <p class="muted">{format!("Tiếp nhận ngày {}", format_date(s.received_at))}</p>
            <h2>"Nội dung phản ánh"</h2>
            <p class="pre">{complaint.description}</p>
            {match complaint.answer {
                Some(answer) => view! {
                    <h2>"Trả lời của cơ quan"</h2>
                    <p class="muted">
                        {s.published_at.map(|at| format!("Công khai ngày {}", format_date(at)))}
                        {on_time}
                    </p>
                    <div class="answer">{answer}</div>
                    {(!complaint.answer_files.is_empty()).then(|| view! {
                        <h3>"Tệp đính kèm trả lời"</h3>
                        <FileList files=complaint.answer_files.clone() />
                    })}
                }.into_any(),
                None => view! {
                    <p class="empty">
                        {complaint.deadline_at.map(|at| format!("Đang xử lý. Hạn trả lời: {}.", format_date(at)))
                            .unwrap_or_else(|| "Đang xử lý.".into())}
                    </p>
                }.into_any(),
            }}
        </article>
    }
}
