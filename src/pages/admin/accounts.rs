//! Quản trị · tài khoản cán bộ: create an account with its first password,
//! change its name, e-mail, role and agency, give it a new password, stop
//! or resume it. Accounts are never deleted: the history names them.

use leptos::prelude::*;

use super::{admin_page, agency_choices, input, select, state_badge, Section};
use crate::api::admin::{ActivateStaff, CreateStaff, DeactivateStaff, ResetPassword, SaveStaff};
use crate::components::staff_form::StaffForms;
use crate::domain::admin::{AdminView, StaffAccount};
use crate::domain::Role;
use crate::pages::staff::{action_url, form_alert};

#[component]
pub fn AccountsPage() -> impl IntoView {
    admin_page(Section::Accounts, |view| accounts(view).into_any())
}

fn roles() -> Vec<(String, String)> {
    Role::ALL
        .into_iter()
        .map(|r| (r.as_str().to_owned(), r.label().to_owned()))
        .collect()
}

const PASSWORD: &str = "Mật khẩu (ít nhất 10 ký tự; báo cho cán bộ và đề nghị đổi sau khi đăng nhập)";

fn row(view: &AdminView, account: &StaffAccount) -> impl IntoView {
    let u = &account.user;
    let form = format!("tk-{}", u.id);
    let saved = Section::Accounts.saved_href();
    let agency = view.agency(u.agency_id);
    let agency_name = agency.map(|a| a.agency.name.clone()).unwrap_or_default();
    let agency_code = agency.map(|a| a.agency.code.clone()).unwrap_or_default();
    let myself = u.id == view.me.id;
    let switch = if myself {
        view! { <p class="muted">"Đây là tài khoản của bạn."</p> }.into_any()
    } else if account.active {
        view! {
            <form method="post" action={action_url::<DeactivateStaff>()} data-next=saved.clone()
                data-confirm=format!("Ngừng tài khoản {}? Người này sẽ không đăng nhập được nữa.", u.username)>
                {form_alert()}
                <input type="hidden" name="id" value=u.id />
                <button type="submit" class="btn btn-secondary">"Ngừng tài khoản"</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action={action_url::<ActivateStaff>()} data-next=saved.clone()>
                {form_alert()}
                <input type="hidden" name="id" value=u.id />
                <button type="submit" class="btn btn-secondary">"Mở lại tài khoản"</button>
            </form>
        }
        .into_any()
    };
    let reset = (!myself).then(|| {
        let form = format!("{form}-mk");
        view! {
            <form method="post" action={action_url::<ResetPassword>()} data-next=saved.clone() novalidate=true
                data-confirm=format!("Đặt mật khẩu mới cho {}? Các phiên đăng nhập của tài khoản này sẽ kết thúc.", u.username)>
                {form_alert()}
                <input type="hidden" name="id" value=u.id />
                {input(&form, "password", "Mật khẩu mới (ít nhất 10 ký tự)", "text", String::new())}
                <button type="submit" class="btn btn-secondary">"Đặt mật khẩu mới"</button>
            </form>
        }
    });
    view! {
        <tr class:inactive=!account.active>
            <td class="code">{u.username.clone()}</td>
            <td>{u.full_name.clone()}<p class="small muted">{u.email.clone()}</p></td>
            <td>{u.role.label()}</td>
            <td>{agency_name}</td>
            <td>{state_badge(account.active)}</td>
            <td>
                <details class="row-edit action">
                    <summary>"Sửa"</summary>
                    <form method="post" action={action_url::<SaveStaff>()} data-next=saved novalidate=true>
                        {form_alert()}
                        <input type="hidden" name="id" value=u.id />
                        {input(&form, "full_name", "Họ và tên", "text", u.full_name.clone())}
                        {input(&form, "email", "E-mail", "email", u.email.clone())}
                        {select(&form, "role", "Vai trò", roles(), u.role.as_str())}
                        {select(&form, "agency", "Cơ quan", agency_choices(view), &agency_code)}
                        <button type="submit" class="btn">"Lưu"</button>
                    </form>
                    {reset}
                    {switch}
                </details>
            </td>
        </tr>
    }
}

fn accounts(view: &AdminView) -> impl IntoView {
    let list = if view.staff.is_empty() {
        view! { <p class="empty">"Chưa có tài khoản nào."</p> }.into_any()
    } else {
        let rows = view.staff.iter().map(|a| row(view, a)).collect_view();
        view! {
            <div class="table-wrap">
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th scope="col">"Tên đăng nhập"</th>
                            <th scope="col">"Họ tên, e-mail"</th>
                            <th scope="col">"Vai trò"</th>
                            <th scope="col">"Cơ quan"</th>
                            <th scope="col">"Trạng thái"</th>
                            <th scope="col">"Thao tác"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let mut role_choices = vec![(String::new(), "— Chọn vai trò —".to_owned())];
    role_choices.extend(roles());
    let mut agencies = vec![(String::new(), "— Chọn cơ quan —".to_owned())];
    agencies.extend(agency_choices(view));
    let content = view! {
        <section class="card action">
            <h2>"Thêm tài khoản"</h2>
            <p class="muted">
                "Cán bộ đầu mối tỉnh thuộc Văn phòng UBND tỉnh; cán bộ xử lý và lãnh đạo đơn vị thuộc cơ quan xử lý phản ánh."
            </p>
            <form method="post" action={action_url::<CreateStaff>()} data-next=Section::Accounts.saved_href() novalidate=true>
                {form_alert()}
                <div class="form-grid">
                    {input("tkmoi", "username", "Tên đăng nhập (chữ không dấu, ví dụ canbo.sxd)", "text", String::new())}
                    {input("tkmoi", "email", "E-mail", "email", String::new())}
                    {input("tkmoi", "full_name", "Họ và tên", "text", String::new())}
                    {input("tkmoi", "password", PASSWORD, "text", String::new())}
                </div>
                <div class="form-grid">
                    {select("tkmoi", "role", "Vai trò", role_choices, "")}
                    {select("tkmoi", "agency", "Cơ quan", agencies, "")}
                </div>
                <button type="submit" class="btn">"Thêm tài khoản"</button>
            </form>
        </section>
        <section class="card">
            <h2>{format!("Danh sách tài khoản ({})", view.staff.len())}</h2>
            <p class="muted">
                "Tài khoản không bị xóa vì lịch sử xử lý phản ánh ghi tên cán bộ; tài khoản đã ngừng không đăng nhập được."
            </p>
            {list}
        </section>
    };
    view! { <StaffForms>{content}</StaffForms> }
}
