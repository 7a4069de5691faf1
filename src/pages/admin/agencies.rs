//! Quản trị · cơ quan, đơn vị: add an agency, change its name, kind and
//! competences, stop or resume its receiving complaints. Agencies are
//! never deleted: complaints refer to them.

use leptos::prelude::*;

use super::{admin_page, input, select, state_badge, textarea, Section};
use crate::api::admin::{ActivateAgency, CreateAgency, DeactivateAgency, SaveAgency};
use crate::components::staff_form::StaffForms;
use crate::domain::admin::{AdminView, AgencyEntry};
use crate::domain::AgencyKind;
use crate::pages::staff::{action_url, form_alert};

#[component]
pub fn AgenciesPage() -> impl IntoView {
    admin_page(Section::Agencies, |view| agencies(view).into_any())
}

fn kinds() -> Vec<(String, String)> {
    AgencyKind::ALL
        .into_iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect()
}

const HANDLES: &str =
    "Thẩm quyền: những việc cơ quan giải quyết (mỗi ý cách nhau bằng dấu phẩy; hệ thống dùng để gợi ý cơ quan xử lý)";

fn row(entry: &AgencyEntry) -> impl IntoView {
    let a = &entry.agency;
    let form = format!("cq-{}", a.code);
    let saved = Section::Agencies.saved_href();
    let switch = if entry.active {
        view! {
            <form method="post" action={action_url::<DeactivateAgency>()} data-next=saved.clone()
                data-confirm=format!("Ngừng hoạt động {}? Cơ quan sẽ không nhận phản ánh mới; dữ liệu cũ được giữ nguyên.", a.name)>
                {form_alert()}
                <input type="hidden" name="code" value=a.code.clone() />
                <button type="submit" class="btn btn-secondary">"Ngừng hoạt động"</button>
            </form>
        }
        .into_any()
    } else {
        view! {
            <form method="post" action={action_url::<ActivateAgency>()} data-next=saved.clone()>
                {form_alert()}
                <input type="hidden" name="code" value=a.code.clone() />
                <button type="submit" class="btn btn-secondary">"Hoạt động trở lại"</button>
            </form>
        }
        .into_any()
    };
    view! {
        <tr class:inactive=!entry.active>
            <td class="code">{a.code.clone()}</td>
            <td>{a.name.clone()}</td>
            <td>{a.kind.label()}</td>
            <td>{state_badge(entry.active)}</td>
            <td>
                <details class="row-edit action">
                    <summary>"Sửa"</summary>
                    <form method="post" action={action_url::<SaveAgency>()} data-next=saved novalidate=true>
                        {form_alert()}
                        <input type="hidden" name="code" value=a.code.clone() />
                        {input(&form, "name", "Tên cơ quan", "text", a.name.clone())}
                        {select(&form, "kind", "Loại cơ quan", kinds(), a.kind.as_str())}
                        {textarea(&form, "handles", HANDLES, a.handles.clone())}
                        <button type="submit" class="btn">"Lưu"</button>
                    </form>
                    {switch}
                </details>
            </td>
        </tr>
    }
}

fn agencies(view: &AdminView) -> impl IntoView {
    let list = if view.agencies.is_empty() {
        view! { <p class="empty">"Chưa có cơ quan nào."</p> }.into_any()
    } else {
        let rows = view.agencies.iter().map(row).collect_view();
        view! {
            <div class="table-wrap">
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th scope="col">"Mã"</th>
                            <th scope="col">"Tên cơ quan"</th>
                            <th scope="col">"Loại"</th>
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
    let mut choices = vec![(String::new(), "— Chọn loại cơ quan —".to_owned())];
    choices.extend(kinds());
    let content = view! {
        <section class="card">
            <h2>{format!("Danh sách cơ quan ({})", view.agencies.len())}</h2>
            <p class="muted">
                "Cơ quan không bị xóa vì phản ánh cũ vẫn gắn với cơ quan. Chỉ ngừng hoạt động được khi cơ quan không còn tài khoản cán bộ đang hoạt động, phản ánh chưa xử lý xong hay lĩnh vực nhận mặc định."
            </p>
            {list}
        </section>
        <section class="card action">
            <h2>"Thêm cơ quan"</h2>
            <form method="post" action={action_url::<CreateAgency>()} data-next=Section::Agencies.saved_href() novalidate=true>
                {form_alert()}
                {input("cqmoi", "code", "Mã cơ quan (chữ in hoa không dấu, ví dụ SXD; không đổi được sau khi tạo)", "text", String::new())}
                {input("cqmoi", "name", "Tên cơ quan", "text", String::new())}
                {select("cqmoi", "kind", "Loại cơ quan", choices, "")}
                {textarea("cqmoi", "handles", HANDLES, String::new())}
                <button type="submit" class="btn">"Thêm cơ quan"</button>
            </form>
        </section>
    };
    view! { <StaffForms>{content}</StaffForms> }
}
