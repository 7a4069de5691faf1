//! Deadlines: 17 days from receipt to publication by default, split into stage
//! budgets, counted in calendar or working days. Working days skip weekends
//! and the public holidays, which are data (Tết follows the lunar calendar).

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};
use serde::{Deserialize, Serialize};

/// Vietnam has one time zone, UTC+7, and no daylight saving.
pub fn vietnam_offset() -> FixedOffset {
    FixedOffset::east_opt(7 * 3600).expect("UTC+7 is a valid offset")
}

/// The calendar date in Vietnam at a unix timestamp (seconds).
pub fn local_date(unix_seconds: i64) -> NaiveDate {
    DateTime::<Utc>::from_timestamp(unix_seconds, 0)
        .unwrap_or_default()
        .with_timezone(&vietnam_offset())
        .date_naive()
}

/// The last second of `date` in Vietnam, as a unix timestamp: a deadline
/// "by 5 December" is met by anything published on 5 December.
pub fn end_of_day(date: NaiveDate) -> i64 {
    let last_second = date.and_hms_opt(23, 59, 59).expect("valid time");
    vietnam_offset()
        .from_local_datetime(&last_second)
        .single()
        .expect("fixed offsets are unambiguous")
        .timestamp()
}

/// A date as Vietnamese readers write it: `19/03/2026`.
pub fn format_date(unix_seconds: i64) -> String {
    local_date(unix_seconds).format("%d/%m/%Y").to_string()
}

/// How days are counted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    /// Ngày làm việc: Monday to Friday, holidays excluded.
    Working,
    /// Ngày theo lịch.
    Calendar,
}

impl DayKind {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Working => "working",
            Self::Calendar => "calendar",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "working" => Some(Self::Working),
            "calendar" => Some(Self::Calendar),
            _ => None,
        }
    }
}

/// The deadline rules (cấu hình thời hạn xử lý).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadlinePolicy {
    /// From receipt to publication.
    pub total_days: u32,
    /// Coordinator: received → assigned.
    pub triage_days: u32,
    /// Agency: assigned → answer submitted for approval.
    pub handling_days: u32,
    /// Leader: answer submitted → published.
    pub approval_days: u32,
    pub day_kind: DayKind,
}

impl Default for DeadlinePolicy {
    fn default() -> Self {
        Self {
            total_days: 17,
            triage_days: 3,
            handling_days: 11,
            approval_days: 3,
            day_kind: DayKind::Calendar,
        }
    }
}

impl DeadlinePolicy {
    /// A policy whose stage budgets are spread over `total_days` in the
    /// default proportions (triage and approval about 3/17 each).
    pub fn with_total_days(total_days: u32, day_kind: DayKind) -> Self {
        let triage_days = (total_days * 3 / 17).max(1).min(total_days);
        let approval_days = (total_days * 3 / 17).max(1).min(total_days - triage_days);
        Self {
            total_days,
            triage_days,
            handling_days: total_days - triage_days - approval_days,
            approval_days,
            day_kind,
        }
    }

    /// Checks the policy an administrator entered; the message is for them.
    pub fn validate(&self) -> Result<(), String> {
        if self.total_days == 0 || self.total_days > 90 {
            return Err("Tổng thời hạn phải từ 1 đến 90 ngày.".into());
        }
        if self.triage_days + self.handling_days + self.approval_days != self.total_days {
            return Err("Tổng thời hạn các bước phải bằng tổng thời hạn.".into());
        }
        Ok(())
    }

    /// The date by which a complaint received on `received_on` must be
    /// published. `holidays` must be sorted.
    pub fn due_date(&self, received_on: NaiveDate, holidays: &[NaiveDate]) -> NaiveDate {
        add_days(received_on, self.total_days, self.day_kind, holidays)
    }

    /// The deadline (end of its day, Vietnam time) of a complaint received,
    /// or reopened, at `at`. `holidays` must be sorted.
    pub fn deadline_at(&self, at: i64, holidays: &[NaiveDate]) -> i64 {
        end_of_day(self.due_date(local_date(at), holidays))
    }
}

/// The public note of a reopening: the citizen's request was accepted and
/// the answer is due again by `deadline_at`.
pub fn reopen_note(deadline_at: i64) -> String {
    format!(
        "Mở lại theo đề nghị của người dân. Hạn trả lời mới: {}.",
        format_date(deadline_at)
    )
}

/// Whether `day` is a working day: not a Saturday, Sunday or holiday.
pub fn is_working_day(day: NaiveDate, holidays: &[NaiveDate]) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && holidays.binary_search(&day).is_err()
}

/// The date `days` days after `start` (the start day itself not counted).
/// In working days, a count that would end on a day off ends on the next
/// working day. `holidays` must be sorted.
pub fn add_days(start: NaiveDate, days: u32, kind: DayKind, holidays: &[NaiveDate]) -> NaiveDate {
    match kind {
        DayKind::Calendar => start + Duration::days(i64::from(days)),
        DayKind::Working => {
            let mut day = start;
            let mut left = days;
            while left > 0 {
                day = day.succ_opt().expect("date in range");
                if is_working_day(day, holidays) {
                    left -= 1;
                }
            }
            day
        }
    }
}

/// Whole days left until the end of `due` as seen on `today` (negative when
/// overdue), in calendar days: what a citizen's countdown shows.
pub fn days_left(today: NaiveDate, due: NaiveDate) -> i64 {
    (due - today).num_days()
}

/// The stage a complaint is in, each with its own budget and the people
/// responsible for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// The coordinator: received → assigned.
    Triage,
    /// The agency: assigned → answer submitted.
    Handling,
    /// The agency's leader: answer submitted → published.
    Approval,
}

impl Stage {
    /// The stage of a complaint in `status`; none once it is closed.
    pub fn of(status: crate::domain::ComplaintStatus) -> Option<Stage> {
        use crate::domain::ComplaintStatus as S;
        match status {
            S::Received => Some(Self::Triage),
            // A reopened complaint waits for its agency, like an assigned one.
            S::Assigned | S::InProgress | S::Reopened => Some(Self::Handling),
            S::AwaitingApproval => Some(Self::Approval),
            S::Submitted | S::Published | S::Rated | S::Closed | S::Rejected => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Triage => "triage",
            Self::Handling => "handling",
            Self::Approval => "approval",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Triage, Self::Handling, Self::Approval]
            .into_iter()
            .find(|stage| stage.as_str() == s)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::Triage => "Phân loại, chuyển xử lý",
            Self::Handling => "Xử lý, dự thảo trả lời",
            Self::Approval => "Duyệt, công khai trả lời",
        }
    }

    /// The days this stage may take under `policy`.
    pub fn budget(self, policy: &DeadlinePolicy) -> u32 {
        match self {
            Self::Triage => policy.triage_days,
            Self::Handling => policy.handling_days,
            Self::Approval => policy.approval_days,
        }
    }
}

/// When a stage that starts at `started_at` is due: its budget counted from
/// that day, but never after the complaint's own deadline.
pub fn stage_due_at(
    stage: Stage,
    started_at: i64,
    deadline_at: Option<i64>,
    policy: &DeadlinePolicy,
    holidays: &[NaiveDate],
) -> i64 {
    let due = end_of_day(add_days(
        local_date(started_at),
        stage.budget(policy),
        policy.day_kind,
        holidays,
    ));
    deadline_at.map_or(due, |deadline| due.min(deadline))
}

/// How close a deadline is: what the colour says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    OnTrack,
    DueSoon,
    Overdue,
}

/// "Due soon" starts this long before the deadline.
pub const DUE_SOON_SECONDS: i64 = 2 * 24 * 3600;

impl Urgency {
    pub fn of(now: i64, due_at: i64) -> Self {
        if now > due_at {
            Self::Overdue
        } else if due_at - now <= DUE_SOON_SECONDS {
            Self::DueSoon
        } else {
            Self::OnTrack
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::OnTrack => "Trong hạn",
            Self::DueSoon => "Sắp đến hạn",
            Self::Overdue => "Quá hạn",
        }
    }

    /// The CSS class giving its colour.
    pub fn class(self) -> &'static str {
        match self {
            Self::OnTrack => "badge badge-ok",
            Self::DueSoon => "badge badge-soon",
            Self::Overdue => "badge badge-late",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_follow_the_status() {
        use crate::domain::ComplaintStatus as S;
        assert_eq!(Stage::of(S::Received), Some(Stage::Triage));
        assert_eq!(Stage::of(S::Reopened), Some(Stage::Handling));
        assert_eq!(Stage::of(S::InProgress), Some(Stage::Handling));
        assert_eq!(Stage::of(S::AwaitingApproval), Some(Stage::Approval));
        assert_eq!(Stage::of(S::Published), None);
        for stage in [Stage::Triage, Stage::Handling, Stage::Approval] {
            assert_eq!(Stage::parse(stage.as_str()), Some(stage));
        }
    }

    #[test]
    fn a_stage_is_due_after_its_budget_but_never_after_the_deadline() {
        let policy = DeadlinePolicy {
            day_kind: DayKind::Working,
            ..DeadlinePolicy::default()
        };
        // Received Thursday 12 Feb 2026, 9:00 in Vietnam; triage takes 3
        // working days: Fri 13, then Tết and the weekend, Mon 23, Tue 24.
        let received = end_of_day(d(2026, 2, 12)) - 15 * 3600;
        let due = stage_due_at(Stage::Triage, received, None, &policy, &tet_2026());
        assert_eq!(local_date(due), d(2026, 2, 24));
        let earlier = end_of_day(d(2026, 2, 20));
        assert_eq!(
            stage_due_at(Stage::Triage, received, Some(earlier), &policy, &tet_2026()),
            earlier
        );
    }

    #[test]
    fn urgency_colours() {
        let due = 1_000_000;
        assert_eq!(Urgency::of(due - DUE_SOON_SECONDS - 1, due), Urgency::OnTrack);
        assert_eq!(Urgency::of(due - 10, due), Urgency::DueSoon);
        assert_eq!(Urgency::of(due, due), Urgency::DueSoon);
        assert_eq!(Urgency::of(due + 1, due), Urgency::Overdue);
    }

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Tết Bính Ngọ 2026: the official break runs 14–22 February 2026
    /// (Saturday to Sunday), working days off are 16–20 February.
    fn tet_2026() -> Vec<NaiveDate> {
        (16..=20).map(|day| d(2026, 2, day)).collect()
    }

    #[test]
    fn calendar_days_count_every_day() {
        let policy = DeadlinePolicy::default();
        assert_eq!(policy.due_date(d(2026, 3, 2), &[]), d(2026, 3, 19));
        // Holidays do not matter in calendar days.
        assert_eq!(policy.due_date(d(2026, 2, 10), &tet_2026()), d(2026, 2, 27));
    }

    #[test]
    fn working_days_skip_weekends() {
        // Friday + 1 working day = Monday.
        assert_eq!(add_days(d(2026, 3, 6), 1, DayKind::Working, &[]), d(2026, 3, 9));
        // Monday + 5 working days = next Monday.
        assert_eq!(add_days(d(2026, 3, 2), 5, DayKind::Working, &[]), d(2026, 3, 9));
        // Received on a Saturday: Monday is the first working day.
        assert_eq!(add_days(d(2026, 3, 7), 1, DayKind::Working, &[]), d(2026, 3, 9));
    }

    #[test]
    fn working_days_skip_tet() {
        // Received Thursday 12 Feb 2026; Fri 13 is day 1, then Tết and two
        // weekends are skipped: Mon 23 is day 2.
        let holidays = tet_2026();
        assert_eq!(add_days(d(2026, 2, 12), 2, DayKind::Working, &holidays), d(2026, 2, 23));
        let policy = DeadlinePolicy {
            day_kind: DayKind::Working,
            ..DeadlinePolicy::default()
        };
        // 17 working days from 12 Feb: 13 Feb (1), 23–27 Feb (6), 2–6 Mar (11),
        // 9–13 Mar (16), 16 Mar (17).
        assert_eq!(policy.due_date(d(2026, 2, 12), &holidays), d(2026, 3, 16));
    }

    #[test]
    fn zero_days_is_the_start_day() {
        assert_eq!(add_days(d(2026, 5, 1), 0, DayKind::Working, &[]), d(2026, 5, 1));
    }

    #[test]
    fn default_policy_is_valid_and_stages_add_up() {
        assert_eq!(DeadlinePolicy::default().validate(), Ok(()));
        for total in 1..=90 {
            let p = DeadlinePolicy::with_total_days(total, DayKind::Calendar);
            assert_eq!(p.validate(), Ok(()), "{total}");
        }
        let broken = DeadlinePolicy {
            triage_days: 9,
            ..DeadlinePolicy::default()
        };
        assert!(broken.validate().is_err());
    }

    #[test]
    fn end_of_day_is_local_midnight_minus_one() {
        let ts = end_of_day(d(2026, 3, 19));
        assert_eq!(local_date(ts), d(2026, 3, 19));
        assert_eq!(local_date(ts + 1), d(2026, 3, 20));
        // 23:59:59 at UTC+7 is 16:59:59 UTC.
        assert_eq!(ts % 86_400, 16 * 3600 + 59 * 60 + 59);
    }

    #[test]
    fn days_left_counts_down_and_goes_negative() {
        assert_eq!(days_left(d(2026, 3, 10), d(2026, 3, 19)), 9);
        assert_eq!(days_left(d(2026, 3, 21), d(2026, 3, 19)), -2);
    }
}
