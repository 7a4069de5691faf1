//! The citizen's feedback on a published answer: satisfaction on five
//! points with an optional comment, changeable for seven days after the
//! first rating, and the request to reopen a complaint the citizen is not
//! satisfied with. The rules here are the ones the server enforces and the
//! tracker shows.

use serde::{Deserialize, Serialize};

use super::ComplaintStatus;
use crate::error::AppError;

/// Mức độ hài lòng, 1 (rất không hài lòng) to 5 (rất hài lòng).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Satisfaction(u8);

impl Satisfaction {
    /// The five points, from the least to the most satisfied.
    pub const ALL: [Satisfaction; 5] = [Self(1), Self(2), Self(3), Self(4), Self(5)];

    pub fn new(score: i64) -> Option<Self> {
        (1..=5).contains(&score).then_some(Self(score as u8))
    }

    /// Reads the choice a form sent (`"1"` … `"5"`).
    pub fn parse_input(input: Option<&str>) -> Result<Self, FeedbackProblem> {
        input
            .and_then(|s| s.trim().parse::<i64>().ok())
            .and_then(Self::new)
            .ok_or(FeedbackProblem::ScoreMissing)
    }

    pub fn score(self) -> u8 {
        self.0
    }

    pub fn label(self) -> &'static str {
        match self.0 {
            1 => "Rất không hài lòng",
            2 => "Không hài lòng",
            3 => "Bình thường",
            4 => "Hài lòng",
            _ => "Rất hài lòng",
        }
    }

    /// "Hài lòng (4/5)": how the history and the staff read it.
    pub fn describe(self) -> String {
        format!("{} ({}/5)", self.label(), self.0)
    }

    /// Counts as "satisfied" in the rankings.
    pub fn is_satisfied(self) -> bool {
        self.0 >= 4
    }

    /// May ask for the complaint to be reopened.
    pub fn is_dissatisfied(self) -> bool {
        self.0 <= 2
    }
}

/// The longest comment on a rating, in characters.
pub const COMMENT_MAX: usize = 1_000;
/// The longest reason for a reopen request, in characters.
pub const REASON_MAX: usize = 1_000;
/// How long after the first rating it may be changed (and a reopen asked).
pub const CHANGE_WINDOW_SECONDS: i64 = 7 * 24 * 3600;

/// "123/1.000 ký tự": the counter under a text field.
pub fn counter_text(value: &str, max: usize) -> String {
    format!("{}/{} ký tự", thousands(value.chars().count()), thousands(max))
}

fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// The optional comment, trimmed; `None` when empty.
pub fn check_comment(input: Option<&str>) -> Result<Option<String>, FeedbackProblem> {
    let comment = input.map(str::trim).unwrap_or_default();
    if comment.chars().count() > COMMENT_MAX {
        return Err(FeedbackProblem::CommentTooLong);
    }
    Ok(Some(comment.to_owned()).filter(|c| !c.is_empty()))
}

/// The required reason of a reopen request, trimmed.
pub fn check_reason(input: Option<&str>) -> Result<String, FeedbackProblem> {
    let reason = input.map(str::trim).unwrap_or_default();
    if reason.is_empty() {
        return Err(FeedbackProblem::ReasonMissing);
    }
    if reason.chars().count() > REASON_MAX {
        return Err(FeedbackProblem::ReasonTooLong);
    }
    Ok(reason.to_owned())
}

/// Đánh giá của người dân.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub score: Satisfaction,
    pub comment: Option<String>,
    /// Unix seconds: the first rating of the current answer; the change
    /// window runs from here.
    pub created_at: i64,
    /// Unix seconds: the last change.
    pub updated_at: i64,
}

impl Rating {
    /// The last moment the rating may be changed.
    pub fn change_until(&self) -> i64 {
        self.created_at + CHANGE_WINDOW_SECONDS
    }

    pub fn may_change(&self, now: i64) -> bool {
        now <= self.change_until()
    }
}

/// Where a reopen request stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReopenState {
    Pending,
    Accepted,
    Refused,
}

impl ReopenState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Pending => "pending",
            Self::Accepted => "accepted",
            Self::Refused => "refused",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Pending, Self::Accepted, Self::Refused]
            .into_iter()
            .find(|state| state.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Pending => "Chờ xem xét",
            Self::Accepted => "Đã chấp nhận",
            Self::Refused => "Không chấp nhận",
        }
    }
}

/// Đề nghị mở lại phản ánh.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReopenRequest {
    pub id: i64,
    pub state: ReopenState,
    pub reason: String,
    /// The rating the request was made with.
    pub score: Satisfaction,
    pub rating_comment: Option<String>,
    pub requested_at: i64,
    pub decided_at: Option<i64>,
    /// The coordinator's reason for a refusal (the citizen reads it), or
    /// their note on accepting.
    pub decision_note: Option<String>,
    /// Who decided (staff pages only; never sent to the tracker).
    pub decided_by: Option<String>,
}

/// Whether a rating is the first one of the current answer or a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateMove {
    /// Published → rated: the change window starts now.
    First,
    /// A change within the window; the status stays.
    Change,
}

/// Whether the citizen may rate a complaint in `status` with `rating` now.
pub fn check_rate(status: ComplaintStatus, rating: Option<&Rating>, now: i64) -> Result<RateMove, FeedbackProblem> {
    use ComplaintStatus as S;
    match (status, rating) {
        // A republished answer (after reopening) is rated afresh.
        (S::Published, _) => Ok(RateMove::First),
        (S::Rated | S::Closed, Some(r)) if r.may_change(now) => Ok(RateMove::Change),
        (S::Rated | S::Closed, Some(_)) => Err(FeedbackProblem::ChangeWindowOver),
        (S::Rated | S::Closed, None) => Err(FeedbackProblem::NotRateable),
        _ => Err(FeedbackProblem::NotAnswered),
    }
}

/// Whether the citizen may ask for the complaint to be reopened now.
pub fn check_reopen(
    status: ComplaintStatus,
    rating: Option<&Rating>,
    pending: bool,
    now: i64,
) -> Result<(), FeedbackProblem> {
    if pending {
        return Err(FeedbackProblem::RequestPending);
    }
    let rating = rating.ok_or(FeedbackProblem::NotDissatisfied)?;
    if !rating.score.is_dissatisfied() {
        return Err(FeedbackProblem::NotDissatisfied);
    }
    if status != ComplaintStatus::Rated {
        return Err(FeedbackProblem::NotReopenable);
    }
    if !rating.may_change(now) {
        return Err(FeedbackProblem::ReopenWindowOver);
    }
    Ok(())
}

/// What the tracker shows and offers about the citizen's feedback.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Feedback {
    pub rating: Option<Rating>,
    /// The rating form is offered (first rating or a change).
    pub may_rate: bool,
    /// The reopen form is offered.
    pub may_ask_reopen: bool,
    /// The latest reopen request, if any.
    pub reopen: Option<ReopenRequest>,
}

impl Feedback {
    /// The feedback part of the tracker for a complaint in `status`, or
    /// `None` when there is nothing to show (no answer and no request yet).
    pub fn new(
        status: ComplaintStatus,
        rating: Option<Rating>,
        reopen: Option<ReopenRequest>,
        now: i64,
    ) -> Option<Self> {
        if !status.is_answered() && reopen.is_none() {
            return None;
        }
        let pending = reopen.as_ref().is_some_and(|r| r.state == ReopenState::Pending);
        Some(Self {
            may_rate: check_rate(status, rating.as_ref(), now).is_ok(),
            may_ask_reopen: check_reopen(status, rating.as_ref(), pending, now).is_ok(),
            // Once the complaint is answered again, the old rating is gone
            // (see services::ratings); anything else is shown as is.
            rating: rating.filter(|_| status.is_answered()),
            reopen,
        })
    }
}

/// Why a rating or a reopen request was refused. A plain form's redirect
/// carries only the [`code`](Self::code), never a message, so the tracker
/// shows nothing a crafted link could make it say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedbackProblem {
    ScoreMissing,
    CommentTooLong,
    ReasonMissing,
    ReasonTooLong,
    NotAnswered,
    NotRateable,
    ChangeWindowOver,
    NotDissatisfied,
    NotReopenable,
    ReopenWindowOver,
    RequestPending,
    FactorMissing,
    FactorWrong,
    FactorBlocked,
    /// Someone (or another tab) changed the complaint meanwhile.
    Changed,
    TooFast,
    NotFound,
    Unavailable,
    Failed,
}

impl FeedbackProblem {
    const ALL: [FeedbackProblem; 19] = [
        Self::ScoreMissing,
        Self::CommentTooLong,
        Self::ReasonMissing,
        Self::ReasonTooLong,
        Self::NotAnswered,
        Self::NotRateable,
        Self::ChangeWindowOver,
        Self::NotDissatisfied,
        Self::NotReopenable,
        Self::ReopenWindowOver,
        Self::RequestPending,
        Self::FactorMissing,
        Self::FactorWrong,
        Self::FactorBlocked,
        Self::Changed,
        Self::TooFast,
        Self::NotFound,
        Self::Unavailable,
        Self::Failed,
    ];

    /// The name in a redirect's URL (`loi=`).
    pub fn code(self) -> &'static str {
        match self {
            Self::ScoreMissing => "chua-chon-muc",
            Self::CommentTooLong => "nhan-xet-dai",
            Self::ReasonMissing => "chua-co-ly-do",
            Self::ReasonTooLong => "ly-do-dai",
            Self::NotAnswered => "chua-tra-loi",
            Self::NotRateable => "khong-danh-gia",
            Self::ChangeWindowOver => "het-han-doi",
            Self::NotDissatisfied => "khong-mo-lai",
            Self::NotReopenable => "khong-the-mo-lai",
            Self::ReopenWindowOver => "het-han-mo-lai",
            Self::RequestPending => "dang-cho",
            Self::FactorMissing => "can-so",
            Self::FactorWrong => "sai-so",
            Self::FactorBlocked => "sai-nhieu-lan",
            Self::Changed => "da-thay-doi",
            Self::TooFast => "qua-nhanh",
            Self::NotFound => "khong-tim-thay",
            Self::Unavailable => "he-thong-ban",
            Self::Failed => "loi",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The form field the message goes next to; `form` for the form's alert.
    pub fn field(self) -> &'static str {
        match self {
            Self::ScoreMissing => "score",
            Self::CommentTooLong => "comment",
            Self::ReasonMissing | Self::ReasonTooLong => "reason",
            _ => "form",
        }
    }

    pub fn message(self) -> String {
        let text = match self {
            Self::ScoreMissing => "Vui lòng chọn mức độ hài lòng.",
            Self::CommentTooLong => "Nhận xét tối đa 1.000 ký tự.",
            Self::ReasonMissing => "Vui lòng nhập lý do đề nghị mở lại.",
            Self::ReasonTooLong => "Lý do tối đa 1.000 ký tự.",
            Self::NotAnswered => "Phản ánh chưa có câu trả lời công khai nên chưa thể đánh giá.",
            Self::NotRateable => "Phản ánh này không còn nhận đánh giá.",
            Self::ChangeWindowOver => "Đã hết thời hạn thay đổi đánh giá.",
            Self::NotDissatisfied => {
                "Chỉ có thể đề nghị mở lại khi bạn đánh giá “Rất không hài lòng” hoặc “Không hài lòng”."
            }
            Self::NotReopenable => "Phản ánh này hiện không thể đề nghị mở lại.",
            Self::ReopenWindowOver => "Đã hết thời hạn đề nghị mở lại (7 ngày kể từ khi đánh giá).",
            Self::RequestPending => "Đề nghị mở lại của bạn đang chờ xem xét.",
            Self::FactorMissing => "Vui lòng nhập 4 số cuối điện thoại đã dùng khi gửi phản ánh để tiếp tục.",
            Self::FactorWrong => "Bốn số cuối không khớp với số điện thoại đã dùng khi gửi phản ánh.",
            Self::FactorBlocked => "Bạn đã nhập sai nhiều lần. Vui lòng thử lại sau một giờ.",
            Self::Changed => return AppError::Conflict.to_string(),
            Self::TooFast => return AppError::RateLimited.to_string(),
            Self::NotFound => "Không tìm thấy phản ánh với mã này.",
            Self::Unavailable => return AppError::Unavailable.to_string(),
            Self::Failed => return AppError::Internal.to_string(),
        };
        text.to_owned()
    }

    /// The error a server function answers with.
    pub fn error(self) -> AppError {
        match self {
            Self::Changed => AppError::Conflict,
            Self::TooFast => AppError::RateLimited,
            Self::NotFound => AppError::NotFound,
            Self::Unavailable => AppError::Unavailable,
            Self::Failed => AppError::Internal,
            _ => AppError::validation(self.field(), self.message()),
        }
    }

    /// The problem an error stands for (`Failed` for anything else).
    pub fn of(error: &AppError) -> Self {
        match error {
            AppError::Validation { .. } => Self::ALL
                .into_iter()
                .find(|p| p.error() == *error)
                .unwrap_or(Self::Failed),
            AppError::Conflict => Self::Changed,
            AppError::RateLimited => Self::TooFast,
            AppError::NotFound => Self::NotFound,
            AppError::Unavailable => Self::Unavailable,
            _ => Self::Failed,
        }
    }
}

impl From<FeedbackProblem> for AppError {
    fn from(problem: FeedbackProblem) -> Self {
        problem.error()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ComplaintStatus as S;

    const NOW: i64 = 1_772_416_800;

    fn rating(score: i64, created_at: i64) -> Rating {
        Rating {
            score: Satisfaction::new(score).unwrap(),
            comment: None,
            created_at,
            updated_at: created_at,
        }
    }

    #[test]
    fn only_one_to_five() {
        assert!(Satisfaction::new(0).is_none());
        assert!(Satisfaction::new(6).is_none());
        assert_eq!(Satisfaction::new(1).unwrap().label(), "Rất không hài lòng");
        assert_eq!(Satisfaction::new(5).unwrap().label(), "Rất hài lòng");
        assert!(Satisfaction::new(4).unwrap().is_satisfied());
        assert!(!Satisfaction::new(3).unwrap().is_satisfied());
        assert!(Satisfaction::new(2).unwrap().is_dissatisfied());
        assert!(!Satisfaction::new(3).unwrap().is_dissatisfied());
        assert_eq!(Satisfaction::new(4).unwrap().describe(), "Hài lòng (4/5)");
    }

    #[test]
    fn form_input_is_checked() {
        assert_eq!(Satisfaction::parse_input(Some(" 3 ")).unwrap().score(), 3);
        for bad in [None, Some(""), Some("0"), Some("6"), Some("năm")] {
            assert_eq!(Satisfaction::parse_input(bad), Err(FeedbackProblem::ScoreMissing));
        }
        assert_eq!(check_comment(Some("  ")), Ok(None));
        assert_eq!(check_comment(None), Ok(None));
        assert_eq!(check_comment(Some(" Tốt ")), Ok(Some("Tốt".into())));
        // Characters, not bytes: 1,000 Vietnamese letters are fine.
        assert!(check_comment(Some(&"ệ".repeat(COMMENT_MAX))).is_ok());
        assert_eq!(
            check_comment(Some(&"ệ".repeat(COMMENT_MAX + 1))),
            Err(FeedbackProblem::CommentTooLong)
        );
        assert_eq!(check_reason(Some("   ")), Err(FeedbackProblem::ReasonMissing));
        assert_eq!(
            check_reason(Some(&"a".repeat(REASON_MAX + 1))),
            Err(FeedbackProblem::ReasonTooLong)
        );
        assert_eq!(check_reason(Some(" Chưa sửa ")), Ok("Chưa sửa".into()));
        assert_eq!(counter_text("Đường", COMMENT_MAX), "5/1.000 ký tự");
        assert_eq!(counter_text(&"ệ".repeat(1_001), COMMENT_MAX), "1.001/1.000 ký tự");
    }

    #[test]
    fn rating_is_first_on_a_published_answer_then_changeable_for_seven_days() {
        assert_eq!(check_rate(S::Published, None, NOW), Ok(RateMove::First));
        let r = rating(2, NOW);
        assert_eq!(check_rate(S::Rated, Some(&r), NOW + 1), Ok(RateMove::Change));
        assert_eq!(
            check_rate(S::Rated, Some(&r), NOW + CHANGE_WINDOW_SECONDS),
            Ok(RateMove::Change)
        );
        assert_eq!(
            check_rate(S::Rated, Some(&r), NOW + CHANGE_WINDOW_SECONDS + 1),
            Err(FeedbackProblem::ChangeWindowOver)
        );
        assert_eq!(check_rate(S::Closed, Some(&r), NOW + 1), Ok(RateMove::Change));
        assert_eq!(check_rate(S::Closed, None, NOW), Err(FeedbackProblem::NotRateable));
        // A republished answer after reopening is rated afresh.
        assert_eq!(check_rate(S::Published, Some(&r), NOW), Ok(RateMove::First));
        for status in [
            S::Received,
            S::InProgress,
            S::AwaitingApproval,
            S::Reopened,
            S::Rejected,
        ] {
            assert_eq!(check_rate(status, None, NOW), Err(FeedbackProblem::NotAnswered));
        }
    }

    #[test]
    fn reopen_needs_a_low_rating_within_the_window_and_nothing_pending() {
        let low = rating(2, NOW);
        assert_eq!(check_reopen(S::Rated, Some(&low), false, NOW + 10), Ok(()));
        assert_eq!(
            check_reopen(S::Rated, Some(&low), true, NOW + 10),
            Err(FeedbackProblem::RequestPending)
        );
        assert_eq!(
            check_reopen(S::Rated, Some(&rating(3, NOW)), false, NOW),
            Err(FeedbackProblem::NotDissatisfied)
        );
        assert_eq!(
            check_reopen(S::Published, None, false, NOW),
            Err(FeedbackProblem::NotDissatisfied)
        );
        assert_eq!(
            check_reopen(S::Closed, Some(&low), false, NOW),
            Err(FeedbackProblem::NotReopenable)
        );
        assert_eq!(
            check_reopen(S::Rated, Some(&low), false, NOW + CHANGE_WINDOW_SECONDS + 1),
            Err(FeedbackProblem::ReopenWindowOver)
        );
    }

    #[test]
    fn the_tracker_offers_what_the_rules_allow() {
        assert_eq!(Feedback::new(S::InProgress, None, None, NOW), None);
        let first = Feedback::new(S::Published, None, None, NOW).unwrap();
        assert!(first.may_rate && !first.may_ask_reopen);
        let low = Feedback::new(S::Rated, Some(rating(1, NOW)), None, NOW).unwrap();
        assert!(low.may_rate && low.may_ask_reopen);
        let late = Feedback::new(S::Rated, Some(rating(1, NOW)), None, NOW + 8 * 86_400).unwrap();
        assert!(!late.may_rate && !late.may_ask_reopen);
        assert!(late.rating.is_some(), "shown read-only");
    }

    #[test]
    fn problems_round_trip_through_codes_and_errors() {
        for problem in FeedbackProblem::ALL {
            assert_eq!(FeedbackProblem::parse(problem.code()), Some(problem));
            assert_eq!(FeedbackProblem::of(&problem.error()), problem, "{problem:?}");
            assert!(!problem.message().is_empty());
        }
        assert_eq!(FeedbackProblem::parse("bất kỳ"), None);
        let err: AppError = FeedbackProblem::ScoreMissing.into();
        assert_eq!(err.field_message("score"), Some("Vui lòng chọn mức độ hài lòng."));
        assert_eq!(
            FeedbackProblem::of(&AppError::validation("so", "khác")),
            FeedbackProblem::Failed
        );
    }
}
