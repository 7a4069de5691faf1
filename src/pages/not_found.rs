//! 404: the page does not exist.

use leptos::prelude::*;
use leptos_meta::Title;

use super::set_status;

#[component]
pub fn NotFound() -> impl IntoView {
    set_status(404);
    view! {
        <Title text="Không tìm thấy trang" />
        <section class="card">
            <h1>"Không tìm thấy trang"</h1>
            <p>"Địa chỉ bạn mở không tồn tại hoặc đã được chuyển đi."</p>
            <p>
                <a class="btn btn-primary" href="/">"Về trang chủ"</a>
                " "
                <a class="btn btn-secondary" href="/tra-cuu">"Tra cứu phản ánh"</a>
            </p>
        </section>
    }
}
