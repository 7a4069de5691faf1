//! Đã gửi: the confirmation after the wizard — the tracking code, large and
//! easy to copy, the date the answer is due, and what happens next.

use leptos::prelude::*;
use leptos_meta::Title;

use crate::api::load_filed;
use crate::components::error_view::ErrorView;
use crate::components::wizard_enhancer::ForgetDraft;
use crate::domain::deadline::format_date;
use crate::domain::{FiledView, SiteInfo};

#[component]
pub fn FiledPage() -> impl IntoView {
    let data = Resource::new_blocking(|| (), |_| load_filed());
    view! {
        <Title text="Đã gửi phản ánh" />
        <Suspense fallback=|| view! { <p class="muted">"Đang tải…"</p> }>
            {move || Suspend::new(async move {
                match data.await {
                    Ok(Some(filed)) => view! { <Filed filed /> }.into_any(),
                    Ok(None) => view! {
                        <section class="card">
                            <h1>"Chưa có phản ánh nào được gửi"</h1>
                            <p>"Bạn chưa gửi phản ánh nào từ trình duyệt này, hoặc đã bắt đầu một phản ánh mới."</p>
                            <p><a class="btn btn-primary" href="/gui-phan-anh">"Gửi phản ánh"</a></p>
                        </section>
                    }.into_any(),
                    Err(error) => view! { <ErrorView error /> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Filed(filed: FiledView) -> impl IntoView {
    let site = use_context::<SiteInfo>().unwrap_or_default();
    let track = format!("/tra-cuu?ma={}", filed.code);
    let due = filed
        .deadline_at
        .map(|at| format!("Hạn trả lời: chậm nhất ngày {}.", format_date(at)))
        .unwrap_or_else(|| format!("Hạn trả lời: trong {} ngày.", site.deadline_days));
    view! {
        <ForgetDraft />
        <section class="card success" aria-labelledby="da-gui">
            <h1 id="da-gui">"Đã gửi phản ánh thành công"</h1>
            <p>"Mã tra cứu của bạn:"</p>
            <p class="tracking-code" data-code=filed.code.clone()>{filed.code.clone()}</p>
            <p class="hint">"Hãy chụp màn hình hoặc ghi lại mã này để theo dõi kết quả."</p>
            <p><strong>{due}</strong></p>
            {filed.agency_name.clone().map(|name| view! { <p>"Đã chuyển đến: " <strong>{name}</strong></p> })}
            <h2>"Tiếp theo"</h2>
            <ol>
                <li>"Văn phòng UBND tỉnh kiểm tra và chuyển phản ánh đến cơ quan có thẩm quyền."</li>
                <li>"Cơ quan xử lý, trả lời và công khai kết quả trước hạn."</li>
                <li>"Bạn xem trả lời bằng mã tra cứu và đánh giá mức độ hài lòng."</li>
            </ol>
            <p><a class="btn btn-primary btn-large" href=track>"Theo dõi phản ánh này"</a></p>
            <form method="post" action="/gui-phan-anh/moi">
                <button type="submit" class="btn btn-secondary">"Gửi phản ánh khác"</button>
            </form>
        </section>
    }
}
