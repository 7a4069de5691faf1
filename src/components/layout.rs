//! The header and footer around every page.

use leptos::prelude::*;

use crate::domain::SiteInfo;

fn site_info() -> SiteInfo {
    use_context::<SiteInfo>().unwrap_or_default()
}

#[component]
pub fn SiteHeader() -> impl IntoView {
    let site = site_info();
    view! {
        <header class="site-header">
            <div class="container header-row">
                <a class="brand" href="/">
                    <span class="brand-mark" aria-hidden="true">"PH"</span>
                    <span class="brand-text">
                        <strong>"Phản hồi"</strong>
                        <small>{format!("Tỉnh {}", site.province_name)}</small>
                    </span>
                </a>
                <nav aria-label="Điều hướng chính">
                    <ul class="nav-links">
                        <li><a href="/gui-phan-anh">"Gửi phản ánh"</a></li>
                        <li><a href="/tra-cuu">"Tra cứu"</a></li>
                        <li><a href="/xep-hang">"Xếp hạng"</a></li>
                    </ul>
                </nav>
            </div>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let site = site_info();
    let tel = format!("tel:{}", site.hotline.replace(' ', ""));
    view! {
        <footer class="site-footer">
            <div class="container">
                <p>
                    "Đường dây nóng: " <a href={tel}>{site.hotline.clone()}</a>
                </p>
                <p class="muted">
                    {format!(
                        "Mọi phản ánh được tiếp nhận, trả lời và công khai trong tối đa {} ngày. Thông tin cá nhân của người gửi không bao giờ được công khai.",
                        site.deadline_days,
                    )}
                </p>
                <p class="muted">"Phản hồi — phần mềm nguồn mở phục vụ người dân." " " <a href="/dang-nhap">"Đăng nhập cán bộ"</a></p>
            </div>
        </footer>
    }
}
