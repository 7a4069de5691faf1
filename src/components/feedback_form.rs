//! The tracker's two feedback forms: the rating (five accessible radio
//! buttons in a fieldset, an optional comment with a counter) and the
//! request to reopen (a reason with a counter). Each is a plain form that
//! posts to its server function and works without JavaScript; once
//! hydrated, the island sends it without leaving the page, shows a problem
//! next to its field (or in the form's alert) keeping what was typed, and
//! on success goes to the tracker's confirmation.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::ratings::{RateComplaint, RequestReopen};
use crate::domain::rating::{counter_text, Satisfaction, COMMENT_MAX, REASON_MAX};
#[cfg(feature = "hydrate")]
use crate::error::AppError;

/// A problem as the form shows it: (field, message); field `form` is the
/// form's alert.
pub type Shown = (String, String);

#[cfg(feature = "hydrate")]
fn shown(error: AppError) -> Shown {
    match error {
        AppError::Validation { field, message } => (field, message),
        other => ("form".to_owned(), other.to_string()),
    }
}

/// The message for `field`, if the current problem is about it.
fn message_for(problem: RwSignal<Option<Shown>>, field: &'static str) -> impl Fn() -> Option<String> + Copy {
    move || problem.with(|p| p.as_ref().filter(|(f, _)| f == field).map(|(_, m)| m.clone()))
}

/// What an island's submit does in the browser: reads the form, calls the
/// server function, then goes on or shows the problem.
#[cfg(feature = "hydrate")]
mod dom {
    use leptos::prelude::*;
    use wasm_bindgen::JsCast;

    use super::Shown;
    use crate::error::AppError;

    /// The form's value named `name`.
    pub fn value(ev: &leptos::ev::SubmitEvent, name: &str) -> Option<String> {
        let form = ev.target()?.dyn_into::<web_sys::HtmlFormElement>().ok()?;
        web_sys::FormData::new_with_form(&form).ok()?.get(name).as_string()
    }

    pub fn send<F>(busy: RwSignal<bool>, problem: RwSignal<Option<Shown>>, focus: fn(&str) -> &'static str, call: F)
    where
        F: std::future::Future<Output = Result<String, AppError>> + 'static,
    {
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            match call.await {
                Ok(next) => {
                    if let Some(window) = web_sys::window() {
                        let location = window.location();
                        let here = [location.pathname(), location.search(), location.hash()]
                            .into_iter()
                            .map(|part| part.unwrap_or_default())
                            .collect::<String>();
                        // The same address would only scroll: load it again.
                        if here == next {
                            location.reload().ok();
                        } else {
                            location.assign(&next).ok();
                        }
                    }
                }
                Err(error) => {
                    busy.set(false);
                    let (field, message) = super::shown(error);
                    let target = focus(&field);
                    problem.set(Some((field, message)));
                    let element = web_sys::window()
                        .and_then(|w| w.document())
                        .and_then(|d| d.get_element_by_id(target))
                        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
                    if let Some(element) = element {
                        element.focus().ok();
                    }
                }
            }
        });
    }
}

/// Where a problem with `field` of the rating form takes the focus.
#[cfg(feature = "hydrate")]
fn rating_focus(field: &str) -> &'static str {
    match field {
        "score" => "diem-1",
        "comment" => "y-kien",
        _ => "danh-gia-loi",
    }
}

/// Đánh giá câu trả lời: the first rating, or a change.
#[island]
pub fn RatingForm(
    /// The tracking code, as shown.
    code: String,
    /// The tracker's second factor (private complaints).
    factor: Option<String>,
    /// The choice shown checked: the current rating, or what was sent.
    score: Option<u8>,
    comment: String,
    /// A change of an earlier rating.
    change: bool,
    /// A problem from a plain form's redirect.
    problem: Option<Shown>,
) -> impl IntoView {
    let problem = RwSignal::new(problem);
    let busy = RwSignal::new(false);
    let typed = RwSignal::new(comment.clone());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let score_problem = message_for(problem, "score");
    let comment_problem = message_for(problem, "comment");
    let alert = move || {
        problem.with(|p| {
            p.as_ref()
                .filter(|(f, _)| f != "score" && f != "comment")
                .map(|(_, m)| m.clone())
        })
    };
    let over = move || typed.with(|t| t.chars().count() > COMMENT_MAX);
    let on_submit = {
        let (code, factor) = (code.clone(), factor.clone());
        move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                ev.prevent_default();
                if busy.get_untracked() {
                    return;
                }
                let call = crate::api::ratings::rate_complaint(
                    code.clone(),
                    factor.clone(),
                    dom::value(&ev, "score"),
                    dom::value(&ev, "comment"),
                );
                dom::send(busy, problem, rating_focus, call);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, &code, &factor);
        }
    };
    let choices = Satisfaction::ALL
        .into_iter()
        .map(|s| {
            let n = s.score();
            let id = format!("diem-{n}");
            view! {
                <li>
                    <input type="radio" id=id.clone() name="score" value=n.to_string() checked=score == Some(n) />
                    <label for=id class=format!("scale-choice scale-{n}")>
                        <span class="scale-number" aria-hidden="true">{n}</span>
                        <span>{s.label()}</span>
                    </label>
                </li>
            }
        })
        .collect_view();
    let button = if change {
        "Cập nhật đánh giá"
    } else {
        "Gửi đánh giá"
    };
    view! {
        <form class="feedback-form" method="post" action=RateComplaint::PATH novalidate=true
            data-hydrated=move || hydrated.get().to_string() aria-busy=move || busy.get().to_string()
            on:submit=on_submit>
            <input type="hidden" name="code" value=code />
            {factor.map(|f| view! { <input type="hidden" name="factor" value=f /> })}
            <fieldset class="scale" aria-describedby="diem-loi" aria-invalid=move || score_problem().is_some().then_some("true")>
                <legend>"Bạn có hài lòng với câu trả lời không?"</legend>
                <ul class="scale-list">{choices}</ul>
                <p id="diem-loi" class="field-error" hidden=move || score_problem().is_none()>{score_problem}</p>
            </fieldset>
            <div class="field">
                <label for="y-kien">"Nhận xét (không bắt buộc)"</label>
                <textarea id="y-kien" name="comment" rows="4" aria-describedby="y-kien-dem y-kien-loi"
                    aria-invalid=move || (comment_problem().is_some() || over()).then_some("true")
                    on:input=move |ev| typed.set(event_target_value(&ev))>{comment}</textarea>
                <p id="y-kien-dem" class="hint counter" class:error=over aria-live="polite">
                    {move || if hydrated.get() { counter_text(&typed.get(), COMMENT_MAX) } else { "Tối đa 1.000 ký tự.".to_owned() }}
                </p>
                <p id="y-kien-loi" class="field-error" hidden=move || comment_problem().is_none()>{comment_problem}</p>
            </div>
            <p id="danh-gia-loi" class="form-alert" role="alert" tabindex="-1" hidden=move || alert().is_none()>{alert}</p>
            <button type="submit" class="btn" disabled=move || busy.get()>
                {move || if busy.get() { "Đang gửi…" } else { button }}
            </button>
        </form>
    }
}

/// Where a problem with `field` of the reopen form takes the focus.
#[cfg(feature = "hydrate")]
fn reopen_focus(field: &str) -> &'static str {
    match field {
        "reason" => "ly-do",
        _ => "mo-lai-loi",
    }
}

/// Đề nghị mở lại: the reason the answer does not settle the matter.
#[island]
pub fn ReopenForm(
    code: String,
    factor: Option<String>,
    /// What was typed (after a plain form's redirect).
    reason: String,
    problem: Option<Shown>,
) -> impl IntoView {
    let problem = RwSignal::new(problem);
    let busy = RwSignal::new(false);
    let typed = RwSignal::new(reason.clone());
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let reason_problem = message_for(problem, "reason");
    let alert = move || problem.with(|p| p.as_ref().filter(|(f, _)| f != "reason").map(|(_, m)| m.clone()));
    let over = move || typed.with(|t| t.chars().count() > REASON_MAX);
    let on_submit = {
        let (code, factor) = (code.clone(), factor.clone());
        move |ev: leptos::ev::SubmitEvent| {
            #[cfg(feature = "hydrate")]
            {
                ev.prevent_default();
                if busy.get_untracked() {
                    return;
                }
                let call = crate::api::ratings::request_reopen(code.clone(), factor.clone(), dom::value(&ev, "reason"));
                dom::send(busy, problem, reopen_focus, call);
            }
            #[cfg(not(feature = "hydrate"))]
            let _ = (ev, &code, &factor);
        }
    };
    view! {
        <form class="feedback-form" method="post" action=RequestReopen::PATH novalidate=true
            data-hydrated=move || hydrated.get().to_string() aria-busy=move || busy.get().to_string()
            on:submit=on_submit>
            <input type="hidden" name="code" value=code />
            {factor.map(|f| view! { <input type="hidden" name="factor" value=f /> })}
            <div class="field">
                <label for="ly-do">"Lý do đề nghị mở lại"</label>
                <textarea id="ly-do" name="reason" rows="4" aria-describedby="ly-do-dem ly-do-loi"
                    aria-invalid=move || (reason_problem().is_some() || over()).then_some("true")
                    on:input=move |ev| typed.set(event_target_value(&ev))>{reason}</textarea>
                <p id="ly-do-dem" class="hint counter" class:error=over aria-live="polite">
                    {move || if hydrated.get() { counter_text(&typed.get(), REASON_MAX) } else { "Tối đa 1.000 ký tự.".to_owned() }}
                </p>
                <p id="ly-do-loi" class="field-error" hidden=move || reason_problem().is_none()>{reason_problem}</p>
            </div>
            <p id="mo-lai-loi" class="form-alert" role="alert" tabindex="-1" hidden=move || alert().is_none()>{alert}</p>
            <button type="submit" class="btn btn-secondary" disabled=move || busy.get()>
                {move || if busy.get() { "Đang gửi…" } else { "Gửi đề nghị mở lại" }}
            </button>
        </form>
    }
}
