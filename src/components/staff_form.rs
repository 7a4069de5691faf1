//! What JavaScript adds to the staff's plain forms (each posts to a server
//! function): it sends the form without leaving the page, asks before a
//! destructive action (`data-confirm`), shows progress on the button, and
//! puts an error next to its field (`data-error-for`) or in the form's
//! alert, keeping everything typed. On success it follows `data-next` (or
//! the address the server answered with, for `data-next="tra-ve"`), or
//! reloads the page. A submit button's `formaction` picks the function.

use leptos::prelude::*;

#[island]
pub fn StaffForms(children: Children) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let on_submit = move |_ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        dom::on_submit(_ev);
    };
    view! {
        <div class="staff-forms" data-hydrated=move || hydrated.get().to_string() on:submit=on_submit>
            {children()}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod dom {
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{Element, HtmlButtonElement, HtmlElement, HtmlFormElement};

    use crate::error::AppError;

    pub fn on_submit(ev: leptos::ev::SubmitEvent) {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else {
            return;
        };
        let submitter = ev.submitter();
        let ask = submitter
            .as_ref()
            .and_then(|s| s.get_attribute("data-confirm"))
            .or_else(|| form.get_attribute("data-confirm"));
        if let Some(question) = ask {
            let window = web_sys::window().expect("window");
            if !window.confirm_with_message(&question).unwrap_or(false) {
                ev.prevent_default();
                return;
            }
        }
        ev.prevent_default();
        let action = submitter
            .as_ref()
            .and_then(|s| s.get_attribute("formaction"))
            .unwrap_or_else(|| form.action());
        let button = submitter.and_then(|s| s.dyn_into::<HtmlButtonElement>().ok());
        leptos::task::spawn_local(async move {
            clear_errors(&form);
            let label = button.as_ref().and_then(|b| b.text_content());
            busy(&form, button.as_ref(), true);
            let outcome = send(&form, &action).await;
            match outcome {
                Ok(answer) => done(&form, answer),
                Err(error) => {
                    busy(&form, button.as_ref(), false);
                    if let (Some(b), Some(label)) = (button.as_ref(), label) {
                        b.set_text_content(Some(&label));
                    }
                    show_error(&form, &error);
                }
            }
        });
    }

    fn busy(form: &HtmlFormElement, button: Option<&HtmlButtonElement>, on: bool) {
        form.set_attribute("aria-busy", if on { "true" } else { "false" }).ok();
        if let Some(button) = button {
            button.set_disabled(on);
            if on {
                button.set_text_content(Some("Đang xử lý…"));
            }
        }
    }

    async fn send(form: &HtmlFormElement, action: &str) -> Result<String, AppError> {
        let unavailable = |_| AppError::Unavailable;
        let data = web_sys::FormData::new_with_form(form).map_err(unavailable)?;
        let body = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&data).map_err(unavailable)?;
        let headers = web_sys::Headers::new().map_err(unavailable)?;
        headers
            .set("Content-Type", "application/x-www-form-urlencoded")
            .map_err(unavailable)?;
        headers.set("Accept", "application/json").map_err(unavailable)?;
        let init = web_sys::RequestInit::new();
        init.set_method("POST");
        init.set_headers(&headers);
        init.set_body(&JsValue::from(body.to_string()));
        let window = web_sys::window().expect("window");
        let response = JsFuture::from(window.fetch_with_str_and_init(action, &init))
            .await
            .map_err(unavailable)?;
        let response: web_sys::Response = response.dyn_into().map_err(unavailable)?;
        let text = JsFuture::from(response.text().map_err(unavailable)?)
            .await
            .map_err(unavailable)?
            .as_string()
            .unwrap_or_default();
        if response.ok() {
            Ok(text)
        } else {
            Err(serde_json::from_str::<AppError>(&text).unwrap_or(AppError::Internal))
        }
    }

    fn done(form: &HtmlFormElement, answer: String) {
        let location = web_sys::window().expect("window").location();
        match form.get_attribute("data-next").as_deref() {
            Some("tra-ve") => {
                let next = serde_json::from_str::<String>(&answer).unwrap_or_else(|_| "/can-bo".into());
                location.assign(&next).ok();
            }
            Some(next) => {
                location.assign(next).ok();
            }
            None => {
                location.reload().ok();
            }
        }
    }

    fn clear_errors(form: &HtmlFormElement) {
        if let Ok(nodes) = form.query_selector_all("[data-error-for], .form-alert") {
            for i in 0..nodes.length() {
                if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<HtmlElement>().ok()) {
                    el.set_text_content(None);
                    el.set_hidden(true);
                }
            }
        }
        if let Ok(nodes) = form.query_selector_all("[aria-invalid]") {
            for i in 0..nodes.length() {
                if let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                    el.remove_attribute("aria-invalid").ok();
                }
            }
        }
    }

    fn show_error(form: &HtmlFormElement, error: &AppError) {
        if let AppError::Validation { field, message } = error {
            let slot = form
                .query_selector(&format!("[data-error-for=\"{field}\"]"))
                .ok()
                .flatten();
            if let Some(slot) = slot.and_then(|s| s.dyn_into::<HtmlElement>().ok()) {
                slot.set_text_content(Some(message));
                slot.set_hidden(false);
                if let Ok(Some(input)) = form.query_selector(&format!("[name=\"{field}\"]")) {
                    input.set_attribute("aria-invalid", "true").ok();
                    if let Ok(input) = input.dyn_into::<HtmlElement>() {
                        input.focus().ok();
                    }
                }
                return;
            }
        }
        if let Ok(Some(alert)) = form.query_selector(".form-alert") {
            if let Ok(alert) = alert.dyn_into::<HtmlElement>() {
                alert.set_text_content(Some(&error.to_string()));
                alert.set_hidden(false);
                alert.focus().ok();
            }
        }
    }
}
