//! Quản trị · thời hạn, ngày nghỉ: what is managed (with links), the
//! deadline policy and the holiday list.

use chrono::{Datelike, Weekday};
use leptos::prelude::*;

use super::{admin_page, input, select, Section};
use crate::api::admin::{AddHoliday, RemoveHoliday, SavePolicy};
use crate::components::staff_form::StaffForms;
use crate::domain::admin::{day_kind_label, AdminView, Holiday};
use crate::domain::DayKind;
use crate::pages::staff::{action_url, form_alert};

#[component]
pub fn AdminHomePage() -> impl IntoView {
    admin_page(Section::Overview, |view| overview(view).into_any())
}

fn overview(view: &AdminView) -> impl IntoView {
    let active_agencies = view.agencies.iter().filter(|a| a.active).count();
    let active_staff = view.staff.iter().filter(|s| s.active).count();
    let forms = view! {
        {policy(view)}
        {holidays(view)}
    };
    view! {
        <ul class="admin-summary">
            <li><a href=Section::Agencies.href()><strong>{active_agencies}</strong>" cơ quan, đơn vị đang hoạt động"</a></li>
            <li><a href=Section::Categories.href()><strong>{view.categories.len()}</strong>" lĩnh vực"</a></li>
            <li><a href=Section::Communes.href()><strong>{view.communes.len()}</strong>" xã, phường"</a></li>
            <li><a href=Section::Accounts.href()><strong>{active_staff}</strong>" tài khoản cán bộ đang hoạt động"</a></li>
        </ul>
        <StaffForms>{forms}</StaffForms>
    }
}

fn policy(view: &AdminView) -> impl IntoView {
    let p = &view.policy;
    let kinds = [DayKind::Working, DayKind::Calendar]
        .into_iter()
        .map(|k| (k.as_str().to_owned(), day_kind_label(k).to_owned()))
        .collect();
    view! {
        <section class="card action" id="thoi-han">
            <h2>"Thời hạn xử lý"</h2>
            <p>
                "Thời hạn tính từ khi tiếp nhận đến khi công khai trả lời, chia cho ba bước: cán bộ đầu mối phân loại và chuyển xử lý, cơ quan xử lý và dự thảo trả lời, lãnh đạo đơn vị duyệt và công khai. Tổng thời hạn các bước phải bằng tổng thời hạn."
            </p>
            <p class="notice-warn">
                <strong>"Lưu ý: "</strong>
                "thời hạn mới chỉ áp dụng cho phản ánh được tiếp nhận sau khi lưu. Phản ánh đã tiếp nhận giữ nguyên hạn trả lời."
            </p>
            <form method="post" action={action_url::<SavePolicy>()} data-next=Section::Overview.saved_href() novalidate=true>
                {form_alert()}
                <div class="form-grid">
                    {input("thoihan", "total_days", "Tổng thời hạn (ngày)", "number", p.total_days.to_string())}
                    {input("thoihan", "triage_days", "Phân loại, chuyển xử lý (ngày)", "number", p.triage_days.to_string())}
                    {input("thoihan", "handling_days", "Xử lý, dự thảo trả lời (ngày)", "number", p.handling_days.to_string())}
                    {input("thoihan", "approval_days", "Duyệt, công khai trả lời (ngày)", "number", p.approval_days.to_string())}
                </div>
                {select("thoihan", "day_kind", "Cách tính ngày", kinds, p.day_kind.as_str())}
                <button type="submit" class="btn">"Lưu thời hạn"</button>
            </form>
        </section>
    }
}

fn weekday(day: chrono::NaiveDate) -> &'static str {
    match day.weekday() {
        Weekday::Mon => "Thứ Hai",
        Weekday::Tue => "Thứ Ba",
        Weekday::Wed => "Thứ Tư",
        Weekday::Thu => "Thứ Năm",
        Weekday::Fri => "Thứ Sáu",
        Weekday::Sat => "Thứ Bảy",
        Weekday::Sun => "Chủ nhật",
    }
}

fn holiday_row(h: &Holiday) -> impl IntoView {
    let date = h.day.format("%d/%m/%Y").to_string();
    let confirm = format!(
        "Xóa ngày nghỉ {date} ({}) khỏi danh sách? Hạn xử lý của các phản ánh tiếp nhận sau đó sẽ tính cả ngày này.",
        h.name
    );
    view! {
        <tr>
            <td>{date}</td>
            <td>{weekday(h.day)}</td>
            <td>{h.name.clone()}</td>
            <td>
                <form method="post" action={action_url::<RemoveHoliday>()} data-next=Section::Overview.saved_href() data-confirm=confirm>
                    {form_alert()}
                    <input type="hidden" name="day" value=h.day.format("%Y-%m-%d").to_string() />
                    <button type="submit" class="btn-link">"Xóa"</button>
                </form>
            </td>
        </tr>
    }
}

fn holidays(view: &AdminView) -> impl IntoView {
    let list = if view.holidays.is_empty() {
        view! { <p class="empty">"Chưa có ngày nghỉ nào."</p> }.into_any()
    } else {
        let rows = view.holidays.iter().map(holiday_row).collect_view();
        view! {
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr><th scope="col">"Ngày"</th><th scope="col">"Thứ"</th><th scope="col">"Tên ngày nghỉ"</th><th scope="col">"Thao tác"</th></tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
        .into_any()
    };
    view! {
        <section class="card action" id="ngay-nghi">
            <h2>"Ngày nghỉ lễ, Tết"</h2>
            <p class="muted">
                "Khi thời hạn tính theo ngày làm việc, các ngày này (cùng thứ Bảy, Chủ nhật) không được tính. Tết Nguyên đán theo âm lịch nên cần cập nhật hằng năm, kể cả ngày nghỉ bù."
            </p>
            <form method="post" action={action_url::<AddHoliday>()} data-next=Section::Overview.saved_href() novalidate=true>
                {form_alert()}
                <div class="form-grid">
                    {input("ngaynghi", "day", "Ngày", "date", String::new())}
                    {input("ngaynghi", "name", "Tên ngày nghỉ (ví dụ: Quốc khánh)", "text", String::new())}
                </div>
                <button type="submit" class="btn btn-secondary">"Thêm ngày nghỉ"</button>
            </form>
            <h3>{format!("Danh sách ngày nghỉ ({})", view.holidays.len())}</h3>
            {list}
        </section>
    }
}
