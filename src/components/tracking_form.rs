//! The tracking-code form. A plain GET form that works without JavaScript;
//! once hydrated it checks the code as the person types.

use leptos::prelude::*;

use crate::domain::tracking::{TrackingCode, TrackingCodeError, LENGTH};

const DEFAULT_HINT: &str = "Mã gồm 8 ký tự, có trên trang xác nhận khi bạn gửi phản ánh.";

/// What to say under the field about `typed`.
fn hint_for(typed: &str) -> (String, bool) {
    if typed.trim().is_empty() {
        return (DEFAULT_HINT.to_string(), false);
    }
    match TrackingCode::parse(typed) {
        Ok(code) => (format!("Mã hợp lệ: {code}"), false),
        Err(TrackingCodeError::WrongLength(n)) if n < LENGTH => (format!("Đã nhập {n}/{LENGTH} ký tự."), false),
        Err(err) => (err.to_string(), true),
    }
}

#[island]
pub fn TrackingForm(
    /// What was typed before (kept after a failed lookup).
    #[prop(optional)]
    initial: Option<String>,
    /// A message from the server about the code, shown until the person types.
    #[prop(optional)]
    error: Option<String>,
) -> impl IntoView {
    let initial = initial.unwrap_or_default();
    let typed = RwSignal::new(initial.clone());
    let server_error = RwSignal::new(error);
    // Effects run only in the browser: marks the form as live (tests wait on it).
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| hydrated.set(true));
    let hint = move || match server_error.get() {
        Some(message) => (message, true),
        None => hint_for(&typed.get()),
    };
    view! {
        <form
            class="track-form"
            method="get"
            action="/tra-cuu"
            role="search"
            data-hydrated=move || hydrated.get().to_string()
        >
            <label for="ma">"Mã tra cứu"</label>
            <div class="field-row">
                <input
                    id="ma"
                    name="ma"
                    type="text"
                    autocomplete="off"
                    autocapitalize="characters"
                    spellcheck="false"
                    maxlength="16"
                    placeholder="VD: ABCD-EFGH"
                    aria-describedby="ma-goi-y"
                    aria-invalid=move || if hint().1 { "true" } else { "false" }
                    value=initial
                    prop:value=move || typed.get()
                    on:input=move |ev| {
                        server_error.set(None);
                        typed.set(event_target_value(&ev));
                    }
                />
                <button type="submit" class="btn">"Tra cứu"</button>
            </div>
            <p id="ma-goi-y" class="hint" class:error=move || hint().1 aria-live="polite">
                {move || hint().0}
            </p>
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints_follow_the_typing() {
        assert_eq!(hint_for(""), (DEFAULT_HINT.to_string(), false));
        assert_eq!(hint_for("ab"), ("Đã nhập 2/8 ký tự.".to_string(), false));
        assert_eq!(hint_for("abcd-efgh"), ("Mã hợp lệ: ABCD-EFGH".to_string(), false));
        assert!(hint_for("abcd0").1);
        assert!(hint_for("abcdefghjk").1);
    }
}
