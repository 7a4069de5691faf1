//! What JavaScript adds to the wizard's plain server-rendered forms: checks
//! each field as it is typed (with the same rules the server uses), counts
//! the description's characters, keeps what is typed on the phone (a
//! reload or a lost connection loses nothing of the current step), filters
//! the commune list as the person types ("ham rong" finds "Hàm Rồng"), and
//! fills coordinates from "Dùng vị trí của tôi", and downscales photos on
//! the phone before uploading them with a progress bar. Without JavaScript
//! the forms work the same, checked by the server.

use leptos::prelude::*;

/// Where typed values are kept on the phone.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
const STORAGE_PREFIX: &str = "phanhoi-nhap:";

/// Forgets the draft kept on the phone (the complaint is filed).
#[island]
pub fn ForgetDraft() -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        dom::forget_all();
    });
}

#[island]
pub fn WizardEnhancer(children: Children) -> impl IntoView {
    let hydrated = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        dom::start();
        hydrated.set(true);
    });
    let on_input = move |_ev: leptos::ev::Event| {
        #[cfg(feature = "hydrate")]
        dom::on_input(&_ev);
    };
    let on_click = move |_ev: leptos::ev::MouseEvent| {
        #[cfg(feature = "hydrate")]
        dom::on_click(&_ev);
    };
    let on_submit = move |_ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        upload::on_submit(&_ev);
    };
    view! {
        <div
            class="wizard-live"
            data-hydrated=move || hydrated.get().to_string()
            on:input=on_input
            on:change=on_input
            on:click=on_click
            on:submit=on_submit
        >
            {children()}
        </div>
    }
}

/// Storage key of field `name`.
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn storage_key(name: &str) -> String {
    format!("{STORAGE_PREFIX}{name}")
}

/// Fields whose value is kept on the phone (not files, not the honeypot,
/// not the consent).
#[cfg_attr(not(feature = "hydrate"), allow(dead_code))]
fn is_kept(name: &str) -> bool {
    matches!(
        name,
        "category"
            | "title"
            | "description"
            | "commune"
            | "address"
            | "latitude"
            | "longitude"
            | "agency"
            | "name"
            | "phone"
            | "email"
    )
}

/// "123/5.000 ký tự".
pub fn counter_text(value: &str) -> String {
    let n = crate::domain::submission::char_count(value);
    format!(
        "{}/{} ký tự",
        n,
        crate::pages::home::group_thousands(crate::domain::submission::DESCRIPTION_MAX as i64)
    )
}

#[cfg(feature = "hydrate")]
mod dom {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use web_sys::{
        Document, Element, HtmlInputElement, HtmlOptionElement, HtmlSelectElement, HtmlTextAreaElement, Position,
        Storage,
    };

    use super::{counter_text, is_kept, storage_key, STORAGE_PREFIX};
    use crate::domain::submission::check_field;
    use crate::domain::text::matches_words;

    fn document() -> Option<Document> {
        web_sys::window()?.document()
    }

    fn storage() -> Option<Storage> {
        web_sys::window()?.local_storage().ok().flatten()
    }

    /// Name and value of a form control.
    fn control(target: &JsValue) -> Option<(String, String, Element)> {
        if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            if input.type_() == "file" {
                return None;
            }
            let value = if input.type_() == "checkbox" || input.type_() == "radio" {
                if input.checked() {
                    input.value()
                } else if input.type_() == "checkbox" {
                    String::new()
                } else {
                    return None;
                }
            } else {
                input.value()
            };
            return Some((input.name(), value, input.clone().into()));
        }
        if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
            return Some((area.name(), area.value(), area.clone().into()));
        }
        if let Some(select) = target.dyn_ref::<HtmlSelectElement>() {
            return Some((select.name(), select.value(), select.clone().into()));
        }
        None
    }

    /// Shows the message for `name` (or clears it).
    fn show_check(doc: &Document, name: &str, value: &str, element: &Element) {
        let message = check_field(name, value);
        if let Some(slot) = doc.get_element_by_id(&format!("{name}-loi")) {
            slot.set_text_content(Some(message.as_deref().unwrap_or("")));
        }
        let _ = element.set_attribute("aria-invalid", if message.is_some() { "true" } else { "false" });
    }

    pub fn on_input(ev: &web_sys::Event) {
        let Some(doc) = document() else { return };
        let Some(target) = ev.target() else { return };
        let target: JsValue = target.into();
        // The commune search box filters the list.
        if let Some(search) = target.dyn_ref::<HtmlInputElement>() {
            if search.id() == "commune-tim" {
                filter_communes(&doc, &search.value());
                return;
            }
        }
        let Some((name, value, element)) = control(&target) else {
            return;
        };
        if name == "description" {
            if let Some(counter) = doc.get_element_by_id("description-dem") {
                counter.set_text_content(Some(&counter_text(&value)));
            }
        }
        // Messages while typing only for fields already marked wrong or
        // once the person leaves the field (change).
        let invalid = element.get_attribute("aria-invalid").as_deref() == Some("true");
        if invalid || ev.type_() == "change" {
            show_check(&doc, &name, &value, &element);
        }
        if is_kept(&name) {
            if let Some(storage) = storage() {
                let _ = storage.set_item(&storage_key(&name), &value);
            }
        }
    }

    pub fn on_click(ev: &web_sys::MouseEvent) {
        let Some(target) = ev.target() else { return };
        let Some(element) = target.dyn_ref::<Element>() else {
            return;
        };
        if element.id() == "dung-vi-tri" {
            ev.prevent_default();
            locate();
        }
    }

    /// Restores what was typed on this phone into empty fields, and shows
    /// what only works with JavaScript.
    pub fn start() {
        let Some(doc) = document() else { return };
        for id in ["commune-tim-khung", "dung-vi-tri"] {
            if let Some(el) = doc.get_element_by_id(id) {
                let _ = el.remove_attribute("hidden");
            }
        }
        let Some(storage) = storage() else { return };
        let Ok(fields) = doc.query_selector_all("#wizard-form [name]") else {
            return;
        };
        for i in 0..fields.length() {
            let Some(node) = fields.item(i) else { continue };
            let value_of = |name: &str| storage.get_item(&storage_key(name)).ok().flatten();
            if let Some(input) = node.dyn_ref::<HtmlInputElement>() {
                let kind = input.type_();
                if kind == "text" || kind == "tel" || kind == "email" {
                    if input.value().is_empty() {
                        if let Some(saved) = value_of(&input.name()) {
                            input.set_value(&saved);
                        }
                    }
                }
            } else if let Some(area) = node.dyn_ref::<HtmlTextAreaElement>() {
                if area.value().is_empty() {
                    if let Some(saved) = value_of(&area.name()) {
                        area.set_value(&saved);
                    }
                }
                if area.name() == "description" {
                    if let Some(counter) = doc.get_element_by_id("description-dem") {
                        counter.set_text_content(Some(&counter_text(&area.value())));
                    }
                }
            } else if let Some(select) = node.dyn_ref::<HtmlSelectElement>() {
                if select.value().is_empty() {
                    if let Some(saved) = value_of(&select.name()) {
                        select.set_value(&saved);
                    }
                }
            }
        }
    }

    /// Forgets every kept value.
    pub fn forget_all() {
        let Some(storage) = storage() else { return };
        let len = storage.length().unwrap_or(0);
        let keys: Vec<String> = (0..len)
            .filter_map(|i| storage.key(i).ok().flatten())
            .filter(|k| k.starts_with(STORAGE_PREFIX))
            .collect();
        for key in keys {
            let _ = storage.remove_item(&key);
        }
    }

    fn filter_communes(doc: &Document, query: &str) {
        let Some(select) = doc
            .get_element_by_id("commune")
            .and_then(|el| el.dyn_into::<HtmlSelectElement>().ok())
        else {
            return;
        };
        let options = select.options();
        let mut matches = Vec::new();
        for i in 0..options.length() {
            let Some(option) = options.item(i).and_then(|o| o.dyn_into::<HtmlOptionElement>().ok()) else {
                continue;
            };
            let shown = option.value().is_empty() || matches_words(&option.text(), query);
            option.set_hidden(!shown);
            if shown && !option.value().is_empty() {
                matches.push(option.value());
            }
        }
        if let Some(status) = doc.get_element_by_id("commune-tim-ket-qua") {
            let text = match matches.len() {
                0 => "Không tìm thấy xã, phường nào. Thử gõ ít chữ hơn.".to_string(),
                1 => "Đã chọn xã, phường duy nhất khớp.".to_string(),
                n => format!("{n} xã, phường khớp. Chọn trong danh sách bên dưới."),
            };
            status.set_text_content(Some(&text));
        }
        if let [only] = matches.as_slice() {
            select.set_value(only);
            if let Some(storage) = storage() {
                let _ = storage.set_item(&storage_key("commune"), only);
            }
        }
    }

    fn set_status(text: &str) {
        if let Some(el) = document().and_then(|d| d.get_element_by_id("vi-tri-trang-thai")) {
            el.set_text_content(Some(text));
        }
    }

    fn locate() {
        let Some(geo) = web_sys::window().and_then(|w| w.navigator().geolocation().ok()) else {
            set_status("Trình duyệt không hỗ trợ lấy vị trí. Bạn có thể bỏ qua phần này.");
            return;
        };
        set_status("Đang lấy vị trí…");
        let success = Closure::once_into_js(move |position: JsValue| {
            let position: Position = position.unchecked_into();
            let coords = position.coords();
            let Some(doc) = document() else { return };
            for (id, value) in [("latitude", coords.latitude()), ("longitude", coords.longitude())] {
                if let Some(input) = doc
                    .get_element_by_id(id)
                    .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
                {
                    let text = format!("{value:.6}");
                    input.set_value(&text);
                    if let Some(storage) = storage() {
                        let _ = storage.set_item(&storage_key(id), &text);
                    }
                }
            }
            set_status("Đã điền tọa độ vị trí hiện tại của bạn.");
        });
        let failure = Closure::once_into_js(move |_: JsValue| {
            set_status("Không lấy được vị trí (bạn có thể chưa cho phép). Bạn có thể bỏ qua phần này.");
        });
        let _ = geo.get_current_position_with_error_callback(success.unchecked_ref(), Some(failure.unchecked_ref()));
    }
}

/// Photos are downscaled on the phone, then uploaded with a progress bar.
#[cfg(feature = "hydrate")]
mod upload {
    use wasm_bindgen::{closure::Closure, JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{
        Blob, CanvasRenderingContext2d, File, FormData, HtmlButtonElement, HtmlCanvasElement, HtmlFormElement,
        HtmlInputElement, HtmlProgressElement, ImageBitmap, XmlHttpRequest,
    };

    use crate::domain::attachment::MAX_PHOTO_SIDE;

    fn element<T: JsCast>(id: &str) -> Option<T> {
        web_sys::window()?.document()?.get_element_by_id(id)?.dyn_into().ok()
    }

    fn show(text: &str, percent: Option<f64>) {
        if let Some(frame) = element::<web_sys::Element>("tai-len-khung") {
            let _ = frame.remove_attribute("hidden");
        }
        if let Some(status) = element::<web_sys::Element>("tai-len-trang-thai") {
            status.set_text_content(Some(text));
        }
        if let (Some(bar), Some(percent)) = (element::<HtmlProgressElement>("tai-len"), percent) {
            bar.set_value(percent);
        }
    }

    pub fn on_submit(ev: &web_sys::SubmitEvent) {
        let Some(form) = ev.target().and_then(|t| t.dyn_into::<HtmlFormElement>().ok()) else {
            return;
        };
        let Some(files) = element::<HtmlInputElement>("tep").and_then(|input| input.files()) else {
            return;
        };
        if files.length() == 0 {
            return;
        }
        ev.prevent_default();
        let nav = ev
            .submitter()
            .and_then(|s| s.dyn_into::<HtmlButtonElement>().ok())
            .map(|b| b.value())
            .unwrap_or_else(|| "tiep".into());
        let files: Vec<File> = (0..files.length()).filter_map(|i| files.get(i)).collect();
        leptos::task::spawn_local(async move {
            if send(&form, files, &nav).await.is_err() {
                // Anything unexpected: the plain form still works.
                form.submit().ok();
            }
        });
    }

    async fn send(form: &HtmlFormElement, files: Vec<File>, nav: &str) -> Result<(), JsValue> {
        show("Đang thu nhỏ ảnh…", Some(0.0));
        let data = FormData::new_with_form(form)?;
        data.delete("tep");
        data.delete("di");
        data.append_with_str("di", nav)?;
        for file in files {
            match shrink(&file).await {
                Some(photo) => data.append_with_blob_and_filename("tep", &photo, &jpeg_name(&file.name()))?,
                None => data.append_with_blob_and_filename("tep", &file, &file.name())?,
            }
        }
        let request = XmlHttpRequest::new()?;
        request.open_with_async("POST", &form.action(), true)?;
        let on_progress = Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(|ev: web_sys::ProgressEvent| {
            if ev.length_computable() && ev.total() > 0.0 {
                let percent = ev.loaded() / ev.total() * 100.0;
                show(&format!("Đang tải lên… {percent:.0} %"), Some(percent));
            }
        });
        request
            .upload()?
            .set_onprogress(Some(on_progress.as_ref().unchecked_ref()));
        on_progress.forget();
        let done = request.clone();
        let on_load = Closure::<dyn FnMut()>::new(move || {
            if done.status().unwrap_or(0) < 400 {
                show("Đã tải lên.", Some(100.0));
                if let Some(window) = web_sys::window() {
                    let _ = window.location().assign(&done.response_url());
                }
            } else {
                show(
                    "Không tải lên được (tệp quá lớn hoặc lỗi máy chủ). Vui lòng thử lại.",
                    None,
                );
            }
        });
        request.set_onload(Some(on_load.as_ref().unchecked_ref()));
        on_load.forget();
        let on_error = Closure::<dyn FnMut()>::new(|| {
            show(
                "Mất kết nối khi tải lên. Những gì bạn nhập vẫn còn; vui lòng thử lại.",
                None,
            );
        });
        request.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        on_error.forget();
        request.send_with_opt_form_data(Some(&data))?;
        Ok(())
    }

    /// "IMG_2041.HEIC" → "IMG_2041.jpg".
    fn jpeg_name(name: &str) -> String {
        let stem = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
        format!("{stem}.jpg")
    }

    /// The photo as a JPEG whose long side is at most `MAX_PHOTO_SIDE`
    /// (which also drops its metadata); `None` for documents and for
    /// images the browser cannot read.
    async fn shrink(file: &File) -> Option<Blob> {
        if !file.type_().starts_with("image/") {
            return None;
        }
        let window = web_sys::window()?;
        let bitmap: ImageBitmap = JsFuture::from(window.create_image_bitmap_with_blob(file).ok()?)
            .await
            .ok()?
            .dyn_into()
            .ok()?;
        let (w, h) = (f64::from(bitmap.width()), f64::from(bitmap.height()));
        let scale = (f64::from(MAX_PHOTO_SIDE) / w.max(h)).min(1.0);
        let (cw, ch) = ((w * scale).round() as u32, (h * scale).round() as u32);
        let canvas: HtmlCanvasElement = window.document()?.create_element("canvas").ok()?.dyn_into().ok()?;
        canvas.set_width(cw);
        canvas.set_height(ch);
        let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.dyn_into().ok()?;
        context
            .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, f64::from(cw), f64::from(ch))
            .ok()?;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| {
            let callback = Closure::once_into_js(move |blob: JsValue| {
                let _ = resolve.call1(&JsValue::NULL, &blob);
            });
            let _ = canvas.to_blob_with_type_and_encoder_options(
                callback.unchecked_ref(),
                "image/jpeg",
                &JsValue::from_f64(0.85),
            );
        });
        JsFuture::from(promise).await.ok()?.dyn_into().ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_counter_counts_characters() {
        assert_eq!(counter_text(""), "0/5.000 ký tự");
        assert_eq!(counter_text("Đường"), "5/5.000 ký tự");
    }

    #[test]
    fn only_typed_fields_are_kept_on_the_phone() {
        assert!(is_kept("description"));
        assert!(!is_kept("website"));
        assert!(!is_kept("consent"));
    }
}
