//! Quản trị · xã, phường: the communes and wards a citizen picks the place
//! of a complaint from.

use leptos::prelude::*;

use super::{admin_page, input, select, Section};
use crate::api::admin::{CreateCommune, SaveCommune};
use crate::components::staff_form::StaffForms;
use crate::domain::admin::AdminView;
use crate::domain::{Commune, CommuneKind};
use crate::pages::staff::{action_url, form_alert};

#[component]
pub fn CommunesPage() -> impl IntoView {
    admin_page(Section::Communes, |view| communes(view).into_any())
}

fn kinds() -> Vec<(String, String)> {
    [CommuneKind::Phuong, CommuneKind::Xa]
        .into_iter()
        .map(|k| (k.as_str().to_owned(), k.label().to_owned()))
        .collect()
}

fn row(c: &Commune) -> impl IntoView {
    let form = format!("xp-{}", c.code);
    view! {
        <tr>
            <td class="code">{c.code.clone()}</td>
            <td>{c.name.clone()}</td>
            <td>{c.kind.label()}</td>
            <td>
                <details class="row-edit action">
                    <summary>"Sửa"</summary>
                    <form method="post" action={action_url::<SaveCommune>()} data-next=Section::Communes.saved_href() novalidate=true>
                        {form_alert()}
                        <input type="hidden" name="code" value=c.code.clone() />
                        {input(&form, "name", "Tên đầy đủ", "text", c.name.clone())}
                        {select(&form, "kind", "Loại", kinds(), c.kind.as_str())}
                        <button type="submit" class="btn">"Lưu"</button>
                    </form>
                </details>
            </td>
        </tr>
    }
}

fn communes(view: &AdminView) -> impl IntoView {
    let list = if view.communes.is_empty() {
        view! { <p class="empty">"Chưa có xã, phường nào."</p> }.into_any()
    } else {
        let rows = view.communes.iter().map(row).collect_view();
        view! {
            <div class="table-wrap">
                <table class="admin-table">
                    <thead>
                        <tr>
                            <th scope="col">"Mã"</th>
                            <th scope="col">"Tên"</th>
                            <th scope="col">"Loại"</th>
                            <th scope="col">"Thao tác"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    let mut choices = vec![(String::new(), "— Chọn xã hoặc phường —".to_owned())];
    choices.extend(kinds());
    let content = view! {
        <section class="card action">
            <h2>"Thêm xã, phường"</h2>
            <form method="post" action={action_url::<CreateCommune>()} data-next=Section::Communes.saved_href() novalidate=true>
                {form_alert()}
                <div class="form-grid">
                    {input("xpmoi", "code", "Mã (chữ thường không dấu, ví dụ phuong-ham-rong; không đổi được sau khi tạo)", "text", String::new())}
                    {input("xpmoi", "name", "Tên đầy đủ (ví dụ: Phường Hàm Rồng)", "text", String::new())}
                </div>
                {select("xpmoi", "kind", "Loại", choices, "")}
                <button type="submit" class="btn">"Thêm xã, phường"</button>
            </form>
        </section>
        <section class="card">
            <h2>{format!("Danh sách xã, phường ({})", view.communes.len())}</h2>
            {list}
        </section>
    };
    view! { <StaffForms>{content}</StaffForms> }
}
