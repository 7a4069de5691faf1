//! The citizen's feedback on a complaint's page: the rating of the answer,
//! the requests to reopen with their outcome, and the coordinator's
//! decision on a pending one (accept: the complaint goes back to its agency
//! with a new deadline; refuse: with a reason the citizen reads).

use leptos::prelude::*;

use super::{datetime, ids, textarea};
use crate::api::staff::{AcceptReopen, RefuseReopen};
use crate::domain::rating::ReopenState;
use crate::domain::work::CaseView;
use crate::pages::staff::{action_url, form_alert};

/// The rating and the requests, when there are any.
pub fn citizen_feedback(case: &CaseView) -> Option<impl IntoView> {
    if case.rating.is_none() && case.reopen_requests.is_empty() {
        return None;
    }
    let rating = match &case.rating {
        Some(r) => view! {
            <p>
                <strong data-score=r.score.score()>{r.score.describe()}</strong>
                <span class="muted">{format!(" · {}", datetime(r.updated_at))}</span>
            </p>
            {r.comment.clone().map(|c| view! { <blockquote class="rating-comment">{c}</blockquote> })}
        }
        .into_any(),
        None => view! { <p class="empty">"Chưa có đánh giá cho câu trả lời hiện tại."</p> }.into_any(),
    };
    let requests = (!case.reopen_requests.is_empty()).then(|| {
        let rows = case
            .reopen_requests
            .iter()
            .map(|r| {
                let decision = match (&r.decided_by, r.decided_at) {
                    (Some(by), Some(at)) => format!("{} · {} · {}", r.state.label(), by, datetime(at)),
                    _ => r.state.label().to_owned(),
                };
                view! {
                    <tr>
                        <td>{datetime(r.requested_at)}</td>
                        <td>{r.score.describe()}</td>
                        <td>{r.reason.clone()}</td>
                        <td data-state=r.state.as_str()>
                            {decision}
                            {r.decision_note.clone().map(|n| view! { <p class="note">{n}</p> })}
                        </td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <h3>"Đề nghị mở lại"</h3>
            <div class="table-wrap">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">"Thời gian"</th>
                            <th scope="col">"Đánh giá khi đề nghị"</th>
                            <th scope="col">"Lý do của người dân"</th>
                            <th scope="col">"Kết quả"</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </div>
        }
    });
    Some(view! {
        <section class="card" aria-labelledby="danh-gia-nguoi-dan">
            <h2 id="danh-gia-nguoi-dan">"Đánh giá của người dân"</h2>
            {rating}
            {requests}
        </section>
    })
}

/// The coordinator's two forms for the pending request.
pub fn decide_reopen(case: &CaseView) -> impl IntoView {
    let pending = case
        .reopen_requests
        .iter()
        .find(|r| r.state == ReopenState::Pending)
        .cloned();
    let agency = case.agency_name.clone().unwrap_or_else(|| "cơ quan xử lý".into());
    pending.map(|r| {
        let confirm = format!("Mở lại phản ánh và chuyển lại {agency}? Hạn trả lời mới được tính từ hôm nay.");
        view! {
            <section class="card action" id="de-nghi-mo-lai">
                <h2>"Đề nghị mở lại của người dân"</h2>
                <p>
                    {format!("Người dân đánh giá “{}” và đề nghị mở lại lúc {}:", r.score.describe(), datetime(r.requested_at))}
                </p>
                <blockquote class="rating-comment">{r.reason.clone()}</blockquote>
                <form method="post" action={action_url::<AcceptReopen>()} novalidate=true data-confirm=confirm>
                    {form_alert()}
                    {ids(case)}
                    {textarea("molai", "note", "Ghi chú cho cơ quan xử lý (công khai, không bắt buộc)", String::new(), 2)}
                    <button type="submit" class="btn">"Chấp nhận, mở lại phản ánh"</button>
                </form>
                <form method="post" action={action_url::<RefuseReopen>()} novalidate=true>
                    {form_alert()}
                    {ids(case)}
                    {textarea("khongmolai", "reason", "Lý do không chấp nhận (người dân sẽ đọc được)", String::new(), 3)}
                    <button type="submit" class="btn btn-secondary">"Không chấp nhận"</button>
                </form>
            </section>
        }
    })
}
