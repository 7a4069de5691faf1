//! How a failed page load looks: the Vietnamese message of [`AppError`],
//! never internals, with the matching HTTP status.

use leptos::prelude::*;

use crate::error::AppError;
use crate::pages::set_status;

#[component]
pub fn ErrorView(error: AppError) -> impl IntoView {
    set_status(error.status_code());
    view! {
        <section class="card error-card" role="alert">
            <h1>"Không tải được trang"</h1>
            <p>{error.to_string()}</p>
            <p><a class="btn btn-secondary" href="/">"Về trang chủ"</a></p>
        </section>
    }
}
