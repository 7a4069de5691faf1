//! Tra cứu: what a citizen sees for a tracking code — status, agency,
//! deadline, the answer, the citizen's rating and reopen request
//! ([`feedback`]) and the public timeline.

pub mod feedback;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use super::set_status;
use crate::api::track_complaint;
use crate::components::error_view::ErrorView;
use crate::components::file_list::FileList;
use crate::components::tracking_form::TrackingForm;
use crate::domain::deadline::format_date;
use crate::domain::TrackedComplaint;
use crate::error::AppError;

#[component]
pub fn TrackPage() -> impl IntoView {
    let (typed, factor) = use_query_map().with_untracked(|q| (q.get("ma").unwrap_or_default(), q.get("so")));
    let lookup = {
        let typed = typed.clone();
        Resource::new_blocking(
            || (),
            move |_| {
                let typed = typed.clone();
                let factor = factor.clone();
                async move {
                    if typed.trim().is_empty() {
                        None
                    } else {
                        Some(track_complaint(typed, factor).await)
                    }
                }
            },
        )
    };
    view! {
        <Title text="Tra cứu phản ánh" />
        <h1>"Tra cứu phản ánh"</h1>
        <Suspense fallback=|| view! { <p class="muted">"Đang tra cứu…"</p> }>
            {move || {
                let typed = typed.clone();
                Suspend::new(async move {
                    match lookup.await {
                        None => view! { <section class="card"><TrackingForm /></section> }.into_any(),
                        Some(Ok(found)) => view! {
                            <Tracked found />
                            <section class="card"><h2>"Tra cứu mã khác"</h2><TrackingForm /></section>
                        }.into_any(),
                        Some(Err(AppError::Validation { field, message })) if field == "so" => {
                            set_status(422);
                            view! { <section class="card"><FactorForm code=typed error=Some(message) /></section> }.into_any()
                        }
                        Some(Err(AppError::Validation { message, .. })) => {
                            set_status(422);
                            view! { <section class="card"><TrackingForm initial=typed error=message /></section> }.into_any()
                        }
                        Some(Err(AppError::NotFound)) => {
                            set_status(404);
                            let message = "Không tìm thấy phản ánh với mã này. Vui lòng kiểm tra lại mã trên trang xác nhận.".to_string();
                            view! { <section class="card"><TrackingForm initial=typed error=message /></section> }.into_any()
                        }
                        Some(Err(error)) => view! { <ErrorView error /> }.into_any(),
                    }
                })
            }}
        </Suspense>
    }
}

/// Asks for the last four digits of the phone, to show a private
/// complaint's content.
#[component]
fn FactorForm(code: String, error: Option<String>) -> impl IntoView {
    let invalid = if error.is_some() { "true" } else { "false" };
    view! {
        <form class="factor-form" method="get" action="/tra-cuu">
            <input type="hidden" name="ma" value=code />
            <label for="so">"Nhập 4 số cuối điện thoại đã dùng khi gửi để xem nội dung"</label>
            <div class="field-row">
                <input id="so" name="so" type="text" inputmode="numeric" autocomplete="off" maxlength="4"
                    aria-invalid=invalid aria-describedby="so-loi" />
                <button type="submit" class="btn">"Xem"</button>
            </div>
            <p id="so-loi" class="hint error" aria-live="polite">{error}</p>
        </form>
    }
}

#[component]
fn Tracked(found: TrackedComplaint) -> impl IntoView {
    let deadline = found.deadline_at.zip(found.days_left).map(|(at, left)| {
        let text = match left {
            n if n > 0 => format!("Hạn trả lời {} (còn {} ngày)", format_date(at), n),
            0 => format!("Hạn trả lời hôm nay, {}", format_date(at)),
            n => format!("Hạn trả lời {} (đã quá {} ngày)", format_date(at), -n),
        };
        let class = if left < 0 {
            "badge badge-late"
        } else if left <= 3 {
            "badge badge-soon"
        } else {
            "badge badge-ok"
        };
        view! { <p><span class=class>{text}</span></p> }
    });
    view! {
        <section class="card" aria-labelledby="ket-qua">
            <p class="muted">{format!("Mã tra cứu {}", found.code)}</p>
            <h2 id="ket-qua">{found.title.clone().unwrap_or_else(|| "Phản ánh không công khai".to_string())}</h2>
            {found.needs_factor.then(|| view! { <FactorForm code=found.code.clone() error=None /> })}
            <p>
                "Trạng thái: " <strong data-status=found.status.as_str()>{found.status.label()}</strong>
            </p>
            <p>"Cơ quan xử lý: " {found.agency_name.clone().unwrap_or_else(|| "Đang phân loại".to_string())}</p>
            <p class="muted">{format!("Gửi ngày {}", format_date(found.submitted_at))}</p>
            {deadline}
            {found.reject_reason.clone().map(|reason| view! { <p><strong>"Lý do từ chối: "</strong>{reason}</p> })}
            {found.answer.clone().map(|answer| view! {
                <h3>"Nội dung trả lời"</h3>
                <div class="answer">{answer}</div>
            })}
            {(!found.answer_files.is_empty()).then(|| view! {
                <h3>"Tệp đính kèm trả lời"</h3>
                <FileList files=found.answer_files.clone() query=found.file_query.clone() />
            })}
            <feedback::FeedbackSection code=found.code.clone() status=found.status needs_factor=found.needs_factor
                feedback=found.feedback.clone() />
            <h3>"Quá trình xử lý"</h3>
            <ol class="timeline">
                {found
                    .timeline
                    .into_iter()
                    .map(|entry| view! {
                        <li>
                            <time>{format_date(entry.at)}</time>
                            " "
                            {entry.status.map(|s| s.label()).unwrap_or("Cập nhật")}
                            {entry.note.map(|note| view! { <span class="muted">{format!(" — {note}")}</span> })}
                        </li>
                    })
                    .collect_view()}
            </ol>
        </section>
    }
}
