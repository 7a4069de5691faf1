//! Gửi phản ánh. The wizard itself is being built; until then this page
//! tells citizens how to reach the province.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::domain::SiteInfo;

#[component]
pub fn SubmitPage() -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let tel = format!("tel:{}", site.hotline.replace(' ', ""));
    view! {
        <Title text="Gửi phản ánh" />
        <section class="card">
            <h1>"Gửi phản ánh, kiến nghị"</h1>
            <p>"Trang gửi phản ánh trực tuyến đang được hoàn thiện và sẽ sớm ra mắt."</p>
            <p>
                "Trong thời gian này, vui lòng gọi đường dây nóng "
                <a href={tel}>{site.hotline.clone()}</a>
                " để được tiếp nhận."
            </p>
            <p><a class="btn btn-secondary" href="/">"Về trang chủ"</a></p>
        </section>
    }
}
