//! Gửi phản ánh: the five-step wizard. Each step is a plain form posted to
//! the server (`server::http::wizard`), which keeps the draft and redirects
//! here with `?buoc=N`; the enhancer island adds live checks and the phone
//! draft when JavaScript runs.

mod fields;
mod steps;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::api::load_wizard;
use crate::components::error_view::ErrorView;
use crate::components::wizard_enhancer::WizardEnhancer;
use crate::domain::submission::{Step, WizardView};

#[component]
pub fn SubmitPage() -> impl IntoView {
    let step = use_query_map()
        .with_untracked(|q| q.get("buoc"))
        .and_then(|s| s.parse::<usize>().ok());
    let data = Resource::new_blocking(|| (), move |_| load_wizard(step));
    view! {
        <Title text="Gửi phản ánh" />
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(view_data)) => view! { <Wizard view_data /> }.into_any(),
                    Ok(None) => view! { <AlreadyFiled /> }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Wizard(view_data: WizardView) -> impl IntoView {
    let step = view_data.step;
    let body = match step {
        Step::What => steps::what(&view_data).into_any(),
        Step::Where => steps::place(&view_data).into_any(),
        Step::Who => steps::who(&view_data).into_any(),
        Step::Contact => steps::contact(&view_data).into_any(),
        Step::Review => steps::review(&view_data).into_any(),
    };
    let is_review = step == Step::Review;
    let next_label = if is_review { "Gửi phản ánh" } else { "Tiếp tục" };
    let next_value = if is_review { "gui" } else { "tiep" };
    view! {
        <h1>"Gửi phản ánh, kiến nghị"</h1>
        <StepIndicator step />
        <ErrorSummary view_data=view_data.clone() />
        <WizardEnhancer>
            <form
                id="wizard-form"
                class="card wizard-form"
                method="post"
                action=format!("/gui-phan-anh/buoc/{}", step.number())
                enctype="multipart/form-data"
                novalidate=true
                data-step=step.number()
            >
                // Enter in a field means "next", not the first button of the form.
                <button type="submit" name="di" value=next_value class="visually-hidden" tabindex="-1" aria-hidden="true">
                    {next_label}
                </button>
                <h2 class="step-title">{step.title()}</h2>
                {body}
                <div class="wizard-nav">
                    {(step != Step::What).then(|| view! {
                        <button type="submit" name="di" value="lui" class="btn btn-secondary">"Quay lại"</button>
                    })}
                    <button type="submit" name="di" value=next_value class="btn btn-primary">{next_label}</button>
                </div>
            </form>
        </WizardEnhancer>
        <p class="muted small">"Những gì bạn nhập được lưu lại sau mỗi bước: tải lại trang hay mất kết nối cũng không mất."</p>
    }
}

/// This browser's draft was filed: to its confirmation, or a new one.
#[component]
fn AlreadyFiled() -> impl IntoView {
    view! {
        <section class="card">
            <h1>"Bạn vừa gửi một phản ánh"</h1>
            <p>"Phản ánh bạn soạn trên trình duyệt này đã được gửi."</p>
            <p><a class="btn btn-primary" href="/gui-phan-anh/da-gui">"Xem mã tra cứu"</a></p>
            <form method="post" action="/gui-phan-anh/moi">
                <button type="submit" class="btn btn-secondary">"Gửi phản ánh khác"</button>
            </form>
        </section>
    }
}

#[component]
fn StepIndicator(step: Step) -> impl IntoView {
    view! {
        <nav aria-label="Các bước gửi phản ánh">
            <p class="step-count">{format!("Bước {} / {}: {}", step.number(), Step::ALL.len(), step.title())}</p>
            <ol class="steps">
                {Step::ALL
                    .into_iter()
                    .map(|s| {
                        let state = if s == step {
                            "current"
                        } else if s.number() < step.number() {
                            "done"
                        } else {
                            "todo"
                        };
                        view! {
                            <li class=format!("step step-{state}") aria-current=(s == step).then_some("step")>
                                <span class="visually-hidden">{s.title()}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}

/// The list of what to fix, linked to each field, above the form.
#[component]
fn ErrorSummary(view_data: WizardView) -> impl IntoView {
    (!view_data.errors.is_empty()).then(|| {
        crate::pages::set_status(422);
        let items = view_data
            .errors
            .iter()
            .map(|e| {
                let target = match e.field.as_str() {
                    "attachments" => "tep".to_string(),
                    "submit" => "submit-loi".to_string(),
                    "publish" => "publish-loi".to_string(),
                    other => other.to_string(),
                };
                view! { <li><a href=format!("#{target}")>{e.message.clone()}</a></li> }
            })
            .collect_view();
        view! {
            <div class="error-summary" role="alert" id="loi">
                <h2>"Vui lòng kiểm tra lại"</h2>
                <ul>{items}</ul>
            </div>
        }
    })
}
