//! Quản trị · lĩnh vực: the categories a citizen picks from, each with the
//! agency its complaints go to by default.

use leptos::prelude::*;

use super::{admin_page, agency_choices, input, select, textarea, Section};
use crate::api::admin::{CreateCategory, SaveCategory};
use crate::components::staff_form::StaffForms;
use crate::domain::admin::AdminView;
use crate::domain::Category;
use crate::pages::staff::{action_url, form_alert};

#[component]
pub fn CategoriesPage() -> impl IntoView {
    admin_page(Section::Categories, |view| categories(view).into_any())
}

/// The active agencies, after "none".
fn default_choices(view: &AdminView) -> Vec<(String, String)> {
    let mut choices = vec![(
        String::new(),
        "— Không có (cán bộ đầu mối tỉnh chọn cơ quan) —".to_owned(),
    )];
    choices.extend(agency_choices(view));
    choices
}

fn row(view: &AdminView, c: &Category) -> impl IntoView {
    let form = format!("lv-{}", c.code);
    let agency = c.default_agency_id.and_then(|id| view.agency(id));
    let agency_code = agency.map(|a| a.agency.code.clone()).unwrap_or_default();
    let agency_name = agency
        .map(|a| a.agency.name.clone())
        .unwrap_or_else(|| "Không có".to_owned());
    view! {
        <tr>
            <td class="code">{c.code.clone()}</td>
            <td>
                <strong>{c.name.clone()}</strong>
                <p class="small muted">{c.description.clone()}</p>
            </td>
            <td>{agency_name}</td>
            <td>
                <details class="row-edit action">
                    <summary>"Sửa"</summary>
                    <form method="post" action={action_url::<SaveCategory>()} data-next=Section::Categories.saved_href() novalidate=true>
                        {form_alert()}
                        <input type="hidden" name="code" value=c.code.clone() />
                        {input(&form, "name", "Tên lĩnh vực", "text", c.name.clone())}
                        {textarea(&form, "description", "Mô tả (giúp người dân chọn đúng lĩnh vực)", c.description.clone())}
                        {select(&form, "agency", "Cơ quan xử lý mặc định", default_choices(view), &agency_code)}
                        <button type="submit" class="btn">"Lưu"</button>
                    </form>
                </details>
            </td>
        </tr>
    }
}

fn categories(view: &AdminView) -> impl IntoView {
    let list = if view.categories.is_empty() {
        view! { <p class="empty">"Chưa có lĩnh vực nào."</p> }.into_any()
    } else {
        let rows = view.categories.iter().map(|c| row(view, c)).collect_view();
        view! {
            <div class="table-wrap">
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th scope="col">"Mã"</th>
                            <th scope="col">"Lĩnh vực"</th>
                            <th scope="col">"Cơ quan xử lý mặc định"</th>
                            <th scope="col">"Thao tác"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let content = view! {
        <section class="card">
            <h2>{format!("Danh sách lĩnh vực ({})", view.categories.len())}</h2>
            <p class="muted">"Người dân chọn lĩnh vực khi gửi phản ánh. Cơ quan xử lý mặc định là nơi phản ánh thuộc lĩnh vực đó thường được chuyển đến."</p>
            {list}
        </section>
        <section class="card action">
            <h2>"Thêm lĩnh vực"</h2>
            <form method="post" action={action_url::<CreateCategory>()} data-next=Section::Categories.saved_href() novalidate=true>
                {form_alert()}
                {input("lvmoi", "code", "Mã lĩnh vực (chữ thường không dấu, ví dụ giao-thong; không đổi được sau khi tạo)", "text", String::new())}
                {input("lvmoi", "name", "Tên lĩnh vực", "text", String::new())}
                {textarea("lvmoi", "description", "Mô tả (giúp người dân chọn đúng lĩnh vực)", String::new())}
                {select("lvmoi", "agency", "Cơ quan xử lý mặc định", default_choices(view), "")}
                <button type="submit" class="btn">"Thêm lĩnh vực"</button>
            </form>
        </section>
    };
    view! { <StaffForms>{content}</StaffForms> }
}
