//! Đăng nhập: staff sign in with a user name or e-mail and a password.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{action_url, error_slot, form_alert, home_of};
use crate::api::staff::{who_am_i, SignIn};
use crate::components::staff_form::StaffForms;

#[component]
pub fn SignInPage() -> impl IntoView {
    let me = Resource::new_blocking(|| (), |_| who_am_i());
    view! {
        <Title text="Đăng nhập cán bộ" />
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(user)) => view! {
                        <section class="card">
                            <h1>"Bạn đã đăng nhập"</h1>
                            <p>{format!("{} · {}", user.full_name, user.role.label())}</p>
                            <p><a class="btn" href=home_of(user.role)>"Vào trang làm việc"</a></p>
                        </section>
                    }.into_any(),
                    _ => view! { <SignInForm /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn SignInForm() -> impl IntoView {
    view! {
        <section class="card narrow">
            <h1>"Đăng nhập cán bộ"</h1>
            <p class="muted">"Dành cho cán bộ đầu mối, cơ quan xử lý và quản trị hệ thống. Người dân không cần tài khoản."</p>
            <StaffForms>
                <form method="post" action={action_url::<SignIn>()} data-next="tra-ve" novalidate=true>
                    {form_alert()}
                    <div class="field">
                        <label for="dn-login">"Tên đăng nhập hoặc e-mail"</label>
                        <input id="dn-login" name="login" type="text" autocomplete="username" required=true
                            aria-describedby="dn-login-loi" autocapitalize="none" />
                        {error_slot("dn", "login")}
                    </div>
                    <div class="field">
                        <label for="dn-password">"Mật khẩu"</label>
                        <input id="dn-password" name="password" type="password" autocomplete="current-password"
                            required=true aria-describedby="dn-password-loi" />
                        {error_slot("dn", "password")}
                    </div>
                    <button type="submit" class="btn btn-large">"Đăng nhập"</button>
                </form>
            </StaffForms>
        </section>
    }
}
