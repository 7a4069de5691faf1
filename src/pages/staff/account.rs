//! Tài khoản: the signed-in staff member changes their password.

use leptos::prelude::*;
use leptos_meta::Title;

use super::{action_url, error_slot, form_alert, StaffBar, StaffError};
use crate::api::staff::{who_am_i, ChangePassword};
use crate::components::staff_form::StaffForms;
use crate::error::AppError;

#[component]
pub fn AccountPage() -> impl IntoView {
    let changed = leptos_router::hooks::use_query_map().with_untracked(|q| q.get("da-doi").is_some());
    let me = Resource::new_blocking(|| (), |_| who_am_i());
    view! {
        <Title text="Đổi mật khẩu" />
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match me.await {
                    Ok(Some(me)) => view! {
                        <StaffBar me=me.clone() />
                        <section class="card narrow">
                            <h1>"Đổi mật khẩu"</h1>
                            {changed.then(|| view! { <p class="notice" role="status">"Đã đổi mật khẩu."</p> })}
                            <p class="muted">"Sau khi đổi, các phiên đăng nhập khác của bạn sẽ kết thúc."</p>
                            <StaffForms>
                                <form method="post" action={action_url::<ChangePassword>()} data-next="/can-bo/tai-khoan?da-doi=1" novalidate=true>
                                    {form_alert()}
                                    <div class="field">
                                        <label for="mk-current">"Mật khẩu hiện tại"</label>
                                        <input id="mk-current" name="current_password" type="password" autocomplete="current-password" aria-describedby="mk-current_password-loi" />
                                        {error_slot("mk", "current_password")}
                                    </div>
                                    <div class="field">
                                        <label for="mk-new">"Mật khẩu mới (ít nhất 10 ký tự)"</label>
                                        <input id="mk-new" name="new_password" type="password" autocomplete="new-password" aria-describedby="mk-new_password-loi" />
                                        {error_slot("mk", "new_password")}
                                    </div>
                                    <div class="field">
                                        <label for="mk-confirm">"Nhập lại mật khẩu mới"</label>
                                        <input id="mk-confirm" name="confirm" type="password" autocomplete="new-password" aria-describedby="mk-confirm-loi" />
                                        {error_slot("mk", "confirm")}
                                    </div>
                                    <button type="submit" class="btn">"Đổi mật khẩu"</button>
                                </form>
                            </StaffForms>
                        </section>
                    }.into_any(),
                    Ok(None) => view! { <StaffError error=AppError::Unauthenticated /> }.into_any(),
                    Err(error) => view! { <StaffError error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}
