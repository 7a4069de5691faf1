//! The body of each wizard step (inside the step's form).

use leptos::prelude::*;

use super::fields::{message, select_field, text_field};
use crate::components::wizard_enhancer::counter_text;
use crate::domain::attachment::{format_size, MAX_PHOTO_SIDE};
use crate::domain::routing::percent;
use crate::domain::submission::{Step, WizardView, AUTO_AGENCY, MAX_ATTACHMENTS};
use crate::domain::AgencySuggestion;

/// 1. Nội dung.
pub fn what(view_data: &WizardView) -> impl IntoView {
    let d = &view_data.draft;
    let e = |f: &str| view_data.error(f);
    let files = view_data
        .attachments
        .iter()
        .map(|a| {
            let kind = if a.is_image() { "Ảnh" } else { "Tài liệu" };
            view! {
                <li>
                    <span>{format!("{kind}: {} ({})", a.file_name, format_size(a.size_bytes))}</span>
                    " "
                    <button type="submit" class="btn-link" name="di" value=format!("xoa-{}", a.id)>
                        {format!("Xóa {}", a.file_name)}
                    </button>
                </li>
            }
        })
        .collect_view();
    let description_invalid = if e("description").is_some() { "true" } else { "false" };
    view! {
        {select_field(
            "category",
            "Lĩnh vực",
            &view_data.categories,
            "— Chọn lĩnh vực —",
            &d.category,
            e("category"),
            Some("Chọn “Khác / không rõ” nếu bạn không chắc.".into()),
        )}
        {text_field("title", "Tiêu đề", "text", d.title.clone(), e("title"),
            Some("Một câu ngắn, ví dụ: Đường vào thôn 3 bị sụt lún.".into()), "off", "")}
        <div class="field">
            <label for="description">"Nội dung phản ánh"</label>
            <textarea
                id="description"
                name="description"
                rows="6"
                aria-invalid=description_invalid
                aria-describedby="description-goi-y description-dem description-loi"
            >{d.description.clone()}</textarea>
            <p id="description-goi-y" class="hint">"Sự việc gì, ở đâu, từ khi nào, ảnh hưởng ra sao."</p>
            <p id="description-dem" class="hint counter" aria-live="off">{counter_text(&d.description)}</p>
            {message("description", e("description"))}
        </div>
        <div class="field">
            <label for="tep">{format!("Ảnh hoặc tài liệu (không bắt buộc, tối đa {MAX_ATTACHMENTS} tệp)")}</label>
            {(!view_data.attachments.is_empty()).then(|| view! { <ul class="file-list">{files}</ul> })}
            <input
                id="tep"
                name="tep"
                type="file"
                multiple=true
                accept="image/jpeg,image/png,image/webp,application/pdf"
                aria-describedby="tep-goi-y attachments-loi"
            />
            <p id="tep-goi-y" class="hint">
                {format!("Ảnh JPEG, PNG, WebP hoặc PDF, mỗi tệp tối đa 10 MB. Ảnh được thu nhỏ (cạnh dài {MAX_PHOTO_SIDE} px) và xóa thông tin vị trí trước khi lưu.")}
            </p>
            {message("attachments", e("attachments"))}
            <div id="tai-len-khung" hidden=true>
                <progress id="tai-len" max="100" value="0" aria-labelledby="tai-len-trang-thai"></progress>
                <p id="tai-len-trang-thai" class="hint" aria-live="polite"></p>
            </div>
        </div>
    }
}

/// 2. Địa điểm.
pub fn place(view_data: &WizardView) -> impl IntoView {
    let d = &view_data.draft;
    let e = |f: &str| view_data.error(f);
    view! {
        <div class="field" id="commune-tim-khung" hidden=true>
            <label for="commune-tim">"Tìm xã, phường"</label>
            <input id="commune-tim" type="search" autocomplete="off" placeholder="Ví dụ: ham rong"
                aria-describedby="commune-tim-ket-qua" aria-controls="commune" />
            <p id="commune-tim-ket-qua" class="hint" aria-live="polite"></p>
        </div>
        {select_field(
            "commune",
            "Xã, phường nơi xảy ra sự việc",
            &view_data.communes,
            "— Chọn xã, phường —",
            &d.commune,
            e("commune"),
            None,
        )}
        {text_field("address", "Địa chỉ cụ thể (không bắt buộc)", "text", d.address.clone(), e("address"),
            Some("Số nhà, tên đường, thôn, tổ dân phố. Không hiển thị công khai.".into()), "street-address", "")}
        <fieldset class="field">
            <legend>"Tọa độ (không bắt buộc)"</legend>
            <button type="button" id="dung-vi-tri" class="btn btn-secondary" hidden=true>"Dùng vị trí của tôi"</button>
            <p id="vi-tri-trang-thai" class="hint" aria-live="polite"></p>
            <div class="two-columns">
                {text_field("latitude", "Vĩ độ", "text", d.latitude.clone(), e("latitude"), None, "off", "decimal")}
                {text_field("longitude", "Kinh độ", "text", d.longitude.clone(), e("longitude"), None, "off", "decimal")}
            </div>
        </fieldset>
    }
}

/// Where "Tôi không rõ" will likely send the complaint.
pub fn routing_forecast(suggestions: &[AgencySuggestion], category_agency: Option<String>) -> impl IntoView {
    match suggestions.first() {
        Some(best) => {
            let others = suggestions
                .iter()
                .skip(1)
                .map(|s| format!("{} ({})", s.agency_name, percent(s.confidence)))
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <div class="forecast" id="du-kien">
                    <p>
                        "Theo nội dung bạn viết, phản ánh nhiều khả năng được chuyển đến "
                        <strong>{best.agency_name.clone()}</strong>
                        {format!(" (độ tin cậy {}).", percent(best.confidence))}
                    </p>
                    {(!others.is_empty()).then(|| view! { <p class="muted">{format!("Khả năng khác: {others}.")}</p> })}
                    <p class="muted">"Văn phòng UBND tỉnh sẽ kiểm tra và chuyển đúng nơi có thẩm quyền."</p>
                </div>
            }
            .into_any()
        }
        None => {
            let fallback = category_agency
                .map(|name| format!("Phản ánh sẽ được chuyển đến {name} (theo lĩnh vực bạn chọn) hoặc Văn phòng UBND tỉnh phân loại."))
                .unwrap_or_else(|| "Văn phòng UBND tỉnh sẽ phân loại và chuyển đến nơi có thẩm quyền.".into());
            view! { <div class="forecast" id="du-kien"><p>{fallback}</p></div> }.into_any()
        }
    }
}

/// 3. Cơ quan xử lý.
pub fn who(view_data: &WizardView) -> impl IntoView {
    let d = &view_data.draft;
    let value = if d.agency.is_empty() {
        AUTO_AGENCY.to_string()
    } else {
        d.agency.clone()
    };
    let invalid = if view_data.error("agency").is_some() {
        "true"
    } else {
        "false"
    };
    let options = view_data
        .agencies
        .iter()
        .map(|a| view! { <option value=a.code.clone() selected=a.code == value>{a.name.clone()}</option> })
        .collect_view();
    view! {
        <div class="field">
            <label for="agency">"Cơ quan bạn muốn gửi đến"</label>
            <select id="agency" name="agency" aria-invalid=invalid aria-describedby="agency-goi-y agency-loi">
                <option value=AUTO_AGENCY selected=value == AUTO_AGENCY>
                    "Tôi không rõ — để hệ thống chuyển đến nơi có thẩm quyền"
                </option>
                {options}
            </select>
            <p id="agency-goi-y" class="hint">"Nếu không chắc, hãy để hệ thống chuyển: bạn không cần biết cơ quan nào có thẩm quyền."</p>
            {message("agency", view_data.error("agency"))}
        </div>
        {routing_forecast(&view_data.suggestions, view_data.category_agency.clone())}
    }
}

/// 4. Liên hệ.
pub fn contact(view_data: &WizardView) -> impl IntoView {
    let d = &view_data.draft;
    let e = |f: &str| view_data.error(f);
    let publish_invalid = if e("publish").is_some() { "true" } else { "false" };
    let consent_invalid = if e("consent").is_some() { "true" } else { "false" };
    view! {
        {text_field("name", "Họ và tên", "text", d.name.clone(), e("name"), None, "name", "")}
        {text_field("phone", "Số điện thoại di động", "tel", d.phone.clone(), e("phone"),
            Some("Để cơ quan liên hệ khi cần và để bạn xem phản ánh không công khai. Không hiển thị công khai.".into()), "tel", "tel")}
        {text_field("email", "E-mail (không bắt buộc)", "email", d.email.clone(), e("email"),
            Some("Nhận thông báo khi có trả lời.".into()), "email", "email")}
        <fieldset class="field" aria-describedby="publish-loi" aria-invalid=publish_invalid>
            <legend>"Công khai nội dung phản ánh?"</legend>
            <label class="choice">
                <input type="radio" name="publish" value="co" checked=d.publish == "co" />
                " Có — mọi người xem được nội dung và câu trả lời (không kèm tên, số điện thoại, địa chỉ của bạn)"
            </label>
            <label class="choice">
                <input type="radio" name="publish" value="khong" checked=d.publish == "khong" />
                " Không — chỉ bạn xem được, bằng mã tra cứu và 4 số cuối điện thoại"
            </label>
            {message("publish", e("publish"))}
        </fieldset>
        <div class="field">
            <label class="choice">
                <input type="checkbox" name="consent" value="co" checked=d.consent == "co"
                    aria-invalid=consent_invalid aria-describedby="consent-loi" />
                " Tôi đồng ý để cơ quan nhà nước sử dụng thông tin trên để xử lý phản ánh, và cam kết nội dung là đúng sự thật."
            </label>
            {message("consent", e("consent"))}
        </div>
        <div class="hp" aria-hidden="true">
            <label for="website">"Trang web (để trống)"</label>
            <input id="website" name="website" type="text" tabindex="-1" autocomplete="off" />
        </div>
    }
}

/// 5. Xem lại.
pub fn review(view_data: &WizardView) -> impl IntoView {
    let d = &view_data.draft;
    let category = WizardView::name_of(&view_data.categories, &d.category);
    let commune = WizardView::name_of(&view_data.communes, &d.commune);
    let agency = if d.agency == AUTO_AGENCY {
        "Để hệ thống chuyển đến nơi có thẩm quyền".to_string()
    } else {
        WizardView::name_of(&view_data.agencies, &d.agency)
    };
    let edit = |step: Step, what: &'static str| {
        view! { <a class="edit-link" href=format!("/gui-phan-anh?buoc={}", step.number())>{format!("Sửa {what}")}</a> }
    };
    let place = [d.address.trim(), commune.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let files = view_data.attachments.len();
    let publish = if d.publish == "co" { "Có" } else { "Không" };
    view! {
        <section class="review-part" aria-labelledby="xem-noi-dung">
            <h2 id="xem-noi-dung">"Nội dung"</h2>
            <dl>
                <dt>"Lĩnh vực"</dt><dd>{category}</dd>
                <dt>"Tiêu đề"</dt><dd>{d.title.clone()}</dd>
                <dt>"Nội dung"</dt><dd class="pre">{d.description.clone()}</dd>
                <dt>"Tệp đính kèm"</dt>
                <dd>{if files == 0 { "Không có".to_string() } else { format!("{files} tệp") }}</dd>
            </dl>
            {edit(Step::What, "nội dung")}
        </section>
        <section class="review-part" aria-labelledby="xem-dia-diem">
            <h2 id="xem-dia-diem">"Địa điểm"</h2>
            <p>{place}</p>
            {edit(Step::Where, "địa điểm")}
        </section>
        <section class="review-part" aria-labelledby="xem-co-quan">
            <h2 id="xem-co-quan">"Cơ quan xử lý"</h2>
            <p>{agency}</p>
            {(d.agency == AUTO_AGENCY).then(|| routing_forecast(&view_data.suggestions, view_data.category_agency.clone()))}
            {edit(Step::Who, "cơ quan")}
        </section>
        <section class="review-part" aria-labelledby="xem-lien-he">
            <h2 id="xem-lien-he">"Liên hệ"</h2>
            <dl>
                <dt>"Họ và tên"</dt><dd>{d.name.clone()}</dd>
                <dt>"Điện thoại"</dt><dd>{d.phone.clone()}</dd>
                <dt>"E-mail"</dt><dd>{if d.email.trim().is_empty() { "Không có".to_string() } else { d.email.clone() }}</dd>
                <dt>"Công khai nội dung"</dt><dd>{publish}</dd>
            </dl>
            {edit(Step::Contact, "liên hệ")}
        </section>
        {message("submit", view_data.error("submit"))}
    }
}
