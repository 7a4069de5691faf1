//! The staff's pages: sign-in, the inboxes by role, a complaint's page with
//! the actions the role allows, the password. The pages are rendered on the
//! server; their forms post to the staff server functions (see
//! `api::staff`), enhanced by the [`StaffForms`] island.

pub mod account;
pub mod case;
pub mod dashboard;
pub mod inbox;
pub mod sign_in;
pub mod staff_ranking;

use leptos::prelude::*;
use leptos::server_fn::ServerFn;

use crate::api::staff::SignOut;
use crate::components::staff_form::StaffForms;
use crate::domain::deadline::{format_date, Urgency};
use crate::domain::{Role, StaffUser};
use crate::error::AppError;

/// Where a role starts.
pub fn home_of(role: Role) -> &'static str {
    match role {
        Role::Admin => "/quan-tri",
        _ => "/can-bo",
    }
}

/// The URL of server function `F`.
pub fn action_url<F: ServerFn>() -> &'static str {
    F::PATH
}

/// The bar above every staff page: who is signed in, their lists, the
/// password page and sign-out.
#[component]
pub fn StaffBar(me: StaffUser) -> impl IntoView {
    let queues = crate::domain::work::Queue::for_role(me.role)
        .iter()
        .map(|q| view! { <li><a href=format!("/can-bo?hang={}", q.as_str())>{q.label()}</a></li> })
        .collect_view();
    view! {
        <nav class="staff-bar" aria-label="Điều hướng cán bộ">
            <p class="staff-who">
                <strong>{me.full_name.clone()}</strong>
                " · "
                <span>{me.role.label()}</span>
            </p>
            <ul class="staff-links">
                {queues}
                {(me.role == Role::Admin).then(|| view! { <li><a href="/quan-tri">"Quản trị"</a></li> })}
                {matches!(me.role, Role::Coordinator | Role::Leader)
                    .then(|| view! { <li><a href="/can-bo/xep-hang">"Xếp hạng cán bộ"</a></li> })}
                {(me.role == Role::Coordinator).then(|| view! { <li><a href="/can-bo/thong-ke">"Thống kê"</a></li> })}
                <li><a href="/can-bo/tai-khoan">"Đổi mật khẩu"</a></li>
                <li>
                    <StaffForms>
                        <form method="post" action={action_url::<SignOut>()} data-next="/dang-nhap">
                            <button type="submit" class="btn-link">"Đăng xuất"</button>
                        </form>
                    </StaffForms>
                </li>
            </ul>
        </nav>
    }
}

/// A deadline with its colour.
pub fn deadline_badge(due: Option<i64>, urgency: Option<Urgency>) -> impl IntoView {
    due.map(|due| match urgency {
        Some(u) => view! {
            <span class=u.class() data-urgency=format!("{u:?}")>{format!("{} · {}", format_date(due), u.label())}</span>
        }
        .into_any(),
        None => view! { <span>{format_date(due)}</span> }.into_any(),
    })
}

/// Where a field's error goes (filled by the island).
pub fn error_slot(form: &str, field: &'static str) -> impl IntoView {
    view! { <p class="field-error" id=format!("{form}-{field}-loi") data-error-for=field hidden=true></p> }
}

/// Where a form's other errors go (filled by the island).
pub fn form_alert() -> impl IntoView {
    view! { <p class="form-alert" role="alert" tabindex="-1" hidden=true></p> }
}

/// The page for a failed staff load: sign in when not signed in.
#[component]
pub fn StaffError(error: AppError) -> impl IntoView {
    crate::pages::set_status(error.status_code());
    let sign_in = matches!(error, AppError::Unauthenticated);
    view! {
        <section class="card error-card" role="alert">
            <h1>{if sign_in { "Cần đăng nhập" } else { "Không tải được trang" }}</h1>
            <p>{error.to_string()}</p>
            {if sign_in {
                view! { <p><a class="btn" href="/dang-nhap">"Đăng nhập"</a></p> }.into_any()
            } else {
                view! { <p><a class="btn btn-secondary" href="/can-bo">"Về trang làm việc"</a></p> }.into_any()
            }}
        </section>
    }
}
