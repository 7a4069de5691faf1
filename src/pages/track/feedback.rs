//! The tracker's feedback part: the citizen's rating of the answer (the
//! form while it may be given or changed, then the rating read-only) and
//! the request to reopen (the form, or where the request stands and the
//! coordinator's reason). It also reads what a plain form's redirect put in
//! the address: the confirmation, or what was typed and the problem's code.

use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

use crate::components::feedback_form::{RatingForm, ReopenForm, Shown};
use crate::domain::deadline::vietnam_offset;
use crate::domain::rating::{Feedback, FeedbackProblem, Rating, ReopenRequest, ReopenState, Satisfaction};
use crate::domain::ComplaintStatus;

/// The tracker's query parameters the feedback forms use.
pub mod query {
    /// The tracking code.
    pub const CODE: &str = "ma";
    /// The second factor (private complaints).
    pub const FACTOR: &str = "so";
    /// What was saved: [`super::Saved`].
    pub const SAVED: &str = "da-luu";
    /// Which form a problem is about: [`RATING_FORM`] or [`REOPEN_FORM`].
    pub const FORM: &str = "mau";
    /// The problem's code ([`crate::domain::rating::FeedbackProblem::code`]).
    pub const PROBLEM: &str = "loi";
    pub const SCORE: &str = "diem";
    pub const COMMENT: &str = "y-kien";
    pub const REASON: &str = "ly-do";
    pub const RATING_FORM: &str = "danh-gia";
    pub const REOPEN_FORM: &str = "mo-lai";
}

/// What a form saved, for the confirmation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Rating,
    Change,
    Reopen,
}

impl Saved {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Rating => "danh-gia",
            Self::Change => "doi-danh-gia",
            Self::Reopen => "mo-lai",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Rating, Self::Change, Self::Reopen]
            .into_iter()
            .find(|saved| saved.as_str() == s)
    }

    pub fn message(self) -> &'static str {
        match self {
            Self::Rating => "Cảm ơn bạn đã đánh giá câu trả lời.",
            Self::Change => "Đã cập nhật đánh giá của bạn.",
            Self::Reopen => "Đã gửi đề nghị mở lại. Văn phòng UBND tỉnh sẽ xem xét và trả lời trên trang này.",
        }
    }
}

/// `23:59 ngày 09/03/2026`.
fn moment(at: i64) -> String {
    chrono::DateTime::<chrono::Utc>::from_timestamp(at, 0)
        .unwrap_or_default()
        .with_timezone(&vietnam_offset())
        .format("%H:%M ngày %d/%m/%Y")
        .to_string()
}

/// What the address says about one form: what was typed and the problem.
struct Returned {
    form: Option<String>,
    problem: Option<Shown>,
    saved: Option<Saved>,
    factor: Option<String>,
    score: Option<u8>,
    comment: Option<String>,
    reason: Option<String>,
}

fn returned() -> Returned {
    use_query_map().with_untracked(|q| {
        let problem = q
            .get(query::PROBLEM)
            .and_then(|code| FeedbackProblem::parse(&code))
            .map(|p| (p.field().to_owned(), p.message()));
        Returned {
            form: q.get(query::FORM),
            problem,
            saved: q.get(query::SAVED).and_then(|s| Saved::parse(&s)),
            factor: q.get(query::FACTOR).filter(|f| !f.trim().is_empty()),
            score: q
                .get(query::SCORE)
                .and_then(|s| s.parse::<i64>().ok())
                .and_then(Satisfaction::new)
                .map(Satisfaction::score),
            comment: q.get(query::COMMENT),
            reason: q.get(query::REASON),
        }
    })
}

/// The feedback part of the tracker for a complaint in `status`.
#[component]
pub fn FeedbackSection(
    code: String,
    status: ComplaintStatus,
    needs_factor: bool,
    feedback: Option<Feedback>,
) -> impl IntoView {
    if needs_factor && status.is_answered() {
        return Some(
            view! {
                <section class="feedback" id="danh-gia" aria-labelledby="danh-gia-tieu-de">
                    <h3 id="danh-gia-tieu-de">"Đánh giá câu trả lời"</h3>
                    <p class="muted">"Để đánh giá, vui lòng nhập 4 số cuối điện thoại đã dùng khi gửi phản ánh ở trên."</p>
                </section>
            }
            .into_any(),
        );
    }
    let feedback = feedback?;
    let back = returned();
    let for_rating = back.form.as_deref() == Some(query::RATING_FORM);
    let for_reopen = back.form.as_deref() == Some(query::REOPEN_FORM);
    let rating_problem = back.problem.clone().filter(|_| for_rating);
    let reopen_problem = back.problem.clone().filter(|_| for_reopen);
    // A problem whose form is no longer offered is still said.
    let orphan = match (&rating_problem, &reopen_problem) {
        (Some((_, m)), _) if !feedback.may_rate => Some(m.clone()),
        (_, Some((_, m))) if !feedback.may_ask_reopen => Some(m.clone()),
        _ => None,
    };
    let rating_form = feedback.may_rate.then(|| {
        let current = feedback.rating.as_ref();
        let (score, comment) = if for_rating {
            (back.score, back.comment.clone().unwrap_or_default())
        } else {
            (
                current.map(|r| r.score.score()),
                current.and_then(|r| r.comment.clone()).unwrap_or_default(),
            )
        };
        let form = view! {
            <RatingForm code=code.clone() factor=back.factor.clone() score comment change=current.is_some()
                problem=rating_problem.clone() />
        };
        // A change is one tap away rather than in the way of the reopen form.
        if current.is_some() {
            view! {
                <details class="rating-change" open=rating_problem.is_some()>
                    <summary>"Thay đổi đánh giá"</summary>
                    {form}
                </details>
            }
            .into_any()
        } else {
            form.into_any()
        }
    });
    let reopen_form = feedback.may_ask_reopen.then(|| {
        let reason = back.reason.clone().filter(|_| for_reopen).unwrap_or_default();
        view! {
            <div class="reopen-ask">
                <h3>"Đề nghị mở lại phản ánh"</h3>
                <p class="muted">
                    "Nếu câu trả lời chưa giải quyết được vấn đề, bạn có thể đề nghị mở lại phản ánh trong 7 ngày kể từ khi đánh giá. Văn phòng UBND tỉnh sẽ xem xét đề nghị."
                </p>
                <ReopenForm code=code.clone() factor=back.factor.clone() reason problem=reopen_problem.clone() />
            </div>
        }
    });
    let heading = if feedback.rating.is_some() {
        "Đánh giá của bạn"
    } else {
        "Đánh giá câu trả lời"
    };
    let shown_rating = feedback.rating.clone().map(|r| current_rating(&r, feedback.may_rate));
    let request = feedback.reopen.clone().map(request_state);
    Some(
        view! {
            <section class="feedback" id="danh-gia" aria-labelledby="danh-gia-tieu-de">
                <h3 id="danh-gia-tieu-de">{heading}</h3>
                {back.saved.map(|saved| view! { <p class="notice" role="status">{saved.message()}</p> })}
                {orphan.map(|message| view! { <p class="form-alert" role="alert">{message}</p> })}
                {shown_rating}
                {rating_form}
                <div id="mo-lai">
                    {request}
                    {reopen_form}
                </div>
            </section>
        }
        .into_any(),
    )
}

/// The rating as given, and until when it may be changed.
fn current_rating(rating: &Rating, may_change: bool) -> impl IntoView {
    let window = if may_change {
        view! {
            <p class="muted">{format!("Bạn có thể thay đổi đánh giá đến {}.", moment(rating.change_until()))}</p>
        }
        .into_any()
    } else {
        view! { <p class="muted" data-closed="true">"Đã hết thời hạn thay đổi đánh giá."</p> }.into_any()
    };
    let when = if rating.updated_at == rating.created_at {
        format!("Đánh giá lúc {}", moment(rating.created_at))
    } else {
        format!("Thay đổi lúc {}", moment(rating.updated_at))
    };
    view! {
        <div class="rating-now">
            <p class="rating-score">
                <span class=format!("scale-number scale-{}", rating.score.score()) aria-hidden="true">{rating.score.score()}</span>
                <strong data-score=rating.score.score()>{rating.score.label()}</strong>
            </p>
            <p class="muted">{when}</p>
            {rating.comment.clone().map(|c| view! { <blockquote class="rating-comment">{c}</blockquote> })}
            {window}
        </div>
    }
}

/// Where the latest request to reopen stands.
fn request_state(request: ReopenRequest) -> impl IntoView {
    let decided = request.decided_at.map(moment).unwrap_or_default();
    let (class, text) = match request.state {
        ReopenState::Pending => (
            "reopen-state reopen-pending",
            format!(
                "Đề nghị mở lại gửi lúc {} đang chờ Văn phòng UBND tỉnh xem xét.",
                moment(request.requested_at)
            ),
        ),
        ReopenState::Accepted => (
            "reopen-state reopen-accepted",
            format!("Đề nghị mở lại đã được chấp nhận lúc {decided}: phản ánh được chuyển lại cơ quan xử lý."),
        ),
        ReopenState::Refused => (
            "reopen-state reopen-refused",
            format!("Đề nghị mở lại không được chấp nhận (lúc {decided})."),
        ),
    };
    let reason = (request.state == ReopenState::Refused)
        .then(|| request.decision_note.clone())
        .flatten()
        .map(|note| view! { <p><strong>"Lý do: "</strong>{note}</p> });
    view! {
        <div class=class data-state=request.state.as_str()>
            <p>{text}</p>
            {reason}
            <p class="muted">{format!("Lý do bạn đề nghị: {}", request.reason)}</p>
        </div>
    }
}
