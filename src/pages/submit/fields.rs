//! Form fields of the wizard: a label, the control, a hint and the place
//! for its message (filled by the server, or live by the enhancer), tied
//! together for screen readers.

use leptos::prelude::*;

use crate::domain::submission::Choice;

/// The ids of a field's hint and message, for `aria-describedby`.
fn described_by(name: &str, has_hint: bool) -> String {
    if has_hint {
        format!("{name}-goi-y {name}-loi")
    } else {
        format!("{name}-loi")
    }
}

/// The message slot under a field (always present, so live checks can
/// fill it).
pub fn message(name: &str, error: Option<String>) -> impl IntoView {
    view! { <p id=format!("{name}-loi") class="hint error" aria-live="polite">{error}</p> }
}

fn hint_view(name: &str, hint: Option<String>) -> impl IntoView {
    hint.map(|hint| view! { <p id=format!("{name}-goi-y") class="hint">{hint}</p> })
}

/// A one-line text field.
#[allow(clippy::too_many_arguments)]
pub fn text_field(
    name: &'static str,
    label: &'static str,
    kind: &'static str,
    value: String,
    error: Option<String>,
    hint: Option<String>,
    autocomplete: &'static str,
    inputmode: &'static str,
) -> impl IntoView {
    let invalid = if error.is_some() { "true" } else { "false" };
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <input
                id=name
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                inputmode=(!inputmode.is_empty()).then_some(inputmode)
                aria-invalid=invalid
                aria-describedby=described_by(name, hint.is_some())
            />
            {hint_view(name, hint)}
            {message(name, error)}
        </div>
    }
}

/// A select of `choices` with an empty first option.
pub fn select_field(
    name: &'static str,
    label: &'static str,
    choices: &[Choice],
    empty: &'static str,
    value: &str,
    error: Option<String>,
    hint: Option<String>,
) -> impl IntoView {
    let invalid = if error.is_some() { "true" } else { "false" };
    let options = choices
        .iter()
        .map(|c| {
            let selected = c.code == value;
            view! { <option value=c.code.clone() selected=selected>{c.name.clone()}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for=name>{label}</label>
            <select id=name name=name aria-invalid=invalid aria-describedby=described_by(name, hint.is_some())>
                <option value="" selected=value.is_empty()>{empty}</option>
                {options}
            </select>
            {hint_view(name, hint)}
            {message(name, error)}
        </div>
    }
}
