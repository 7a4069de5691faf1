//! The life of one generated complaint: a plan drawn at random (how it is
//! routed, whether it is refused, answered on time or late, rated, closed,
//! reopened), then walked step by step through the workflow exactly as
//! `store::complaints::transition` would write it, and cut off at `now`.

use chrono::NaiveDate;
use rand::rngs::StdRng;
use rand::Rng;

use super::people::weighted;
use super::texts;
use crate::domain::complaint::next_status;
use crate::domain::deadline::{reopen_note, stage_due_at, DeadlinePolicy, Stage};
use crate::domain::{Action, ComplaintStatus, EventKind, Satisfaction};
use crate::server::store::complaints::Effect;

const HOUR: i64 = 3_600;
const DAY: i64 = 86_400;

/// The deadline rules of the database being filled.
#[derive(Debug, Clone)]
pub struct Rules {
    pub policy: DeadlinePolicy,
    /// Sorted.
    pub holidays: Vec<NaiveDate>,
}

/// A complaint row as it will be inserted.
#[derive(Debug, Clone, Default)]
pub struct Complaint {
    pub id: i64,
    pub tracking_code: String,
    pub title: String,
    pub description: String,
    pub category_id: Option<i64>,
    pub commune_id: Option<i64>,
    pub address: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub citizen_name: String,
    pub citizen_phone: String,
    pub citizen_email: Option<String>,
    pub is_public: bool,
    pub chosen_agency_id: Option<i64>,
    pub agency_id: Option<i64>,
    pub status: Option<ComplaintStatus>,
    pub version: i64,
    pub submitted_at: i64,
    pub received_at: Option<i64>,
    pub deadline_at: Option<i64>,
    pub published_at: Option<i64>,
    pub on_time: Option<bool>,
    pub answer: Option<String>,
    pub reject_reason: Option<String>,
    pub duplicate_of: Option<i64>,
    pub search_text: String,
    pub stage_due_at: Option<i64>,
    pub officer_id: Option<i64>,
    pub answer_draft: Option<String>,
}

impl Complaint {
    pub fn status(&self) -> ComplaintStatus {
        self.status.unwrap_or(ComplaintStatus::Submitted)
    }
}

/// A `complaint_events` row (its id is given when the chunk is assembled).
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    pub complaint_id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub kind: EventKind,
    pub from_status: Option<ComplaintStatus>,
    pub to_status: Option<ComplaintStatus>,
    pub note: Option<String>,
    pub is_public: bool,
}

/// A `ratings` row.
#[derive(Debug, Clone, PartialEq)]
pub struct Rating {
    pub complaint_id: i64,
    pub score: u8,
    pub comment: Option<&'static str>,
    pub at: i64,
}

/// Which agency the citizen picked in the wizard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Choice {
    /// "I don't know": routing by content decides, or the coordinator.
    Unknown,
    Right,
    Wrong,
}

/// How a complaint ends (if `now` lets it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Reject,
    Duplicate,
    Answer,
}

/// How fast it is handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pace {
    /// Published by its deadline (unless a misrouting ate the time).
    OnTime,
    /// Published up to about 18 days late.
    Late,
    /// Forgotten at one stage for weeks or months (up to a year).
    Stuck,
}

/// Everything drawn at random about one complaint's life.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub choice: Choice,
    /// Routing was confident enough to assign at once (only when `Unknown`).
    pub auto_confidence: Option<f64>,
    pub ending: Ending,
    /// First sent to the wrong agency, which sends it back.
    pub misrouted: bool,
    pub pace: Pace,
    /// The leader sends the first draft back.
    pub sent_back: bool,
    pub rating: Option<u8>,
    pub reopened: bool,
    pub closed: bool,
}

const SCORES_ON_TIME: &[(u8, u32)] = &[(5, 38), (4, 32), (3, 15), (2, 8), (1, 7)];
const SCORES_LATE: &[(u8, u32)] = &[(5, 10), (4, 20), (3, 25), (2, 25), (1, 20)];

impl Plan {
    pub fn sample(rng: &mut StdRng) -> Self {
        let choice = match rng.gen_range(0..100) {
            0..=34 => Choice::Right,
            35..=39 => Choice::Wrong,
            _ => Choice::Unknown,
        };
        let auto_confidence = (choice == Choice::Unknown && rng.gen_bool(0.45)).then(|| rng.gen_range(0.62..0.99));
        let ending = match rng.gen_range(0..1000) {
            0..=44 => Ending::Reject,
            45..=59 => Ending::Duplicate,
            _ => Ending::Answer,
        };
        let pace = match rng.gen_range(0..1000) {
            0..=19 => Pace::Stuck,
            20..=39 => Pace::Late,
            _ => Pace::OnTime,
        };
        let rating = rng.gen_bool(0.6).then(|| {
            let scores = if pace == Pace::OnTime {
                SCORES_ON_TIME
            } else {
                SCORES_LATE
            };
            *weighted(rng, scores)
        });
        let reopened = match rating {
            Some(score) if score <= 2 => rng.gen_bool(0.25),
            Some(_) => rng.gen_bool(0.005),
            None => rng.gen_bool(0.01),
        };
        Self {
            choice,
            auto_confidence,
            ending,
            misrouted: rng.gen_bool(0.03),
            pace,
            sent_back: rng.gen_bool(0.08),
            rating,
            reopened,
            closed: rng.gen_bool(0.35),
        }
    }
}

/// Who acts on a complaint.
#[derive(Debug, Clone)]
pub struct Cast<'a> {
    pub agency_id: i64,
    pub agency_name: &'a str,
    pub officer: i64,
    pub leader: i64,
    pub coordinator: i64,
    /// Another agency and one of its officers, for a misrouting.
    pub wrong: Option<(i64, &'a str, i64)>,
    /// An earlier complaint (id, code) this one may duplicate.
    pub earlier: Option<(i64, String)>,
}

/// A complaint being walked through the workflow.
pub struct Life<'a> {
    pub complaint: Complaint,
    pub events: Vec<Event>,
    pub rating: Option<Rating>,
    rules: &'a Rules,
    now: i64,
    last: i64,
    /// A step fell after `now`: nothing more happens.
    cut: bool,
}

impl<'a> Life<'a> {
    /// A complaint just submitted (`complaint.submitted_at`), with its first event.
    pub fn new(mut complaint: Complaint, rules: &'a Rules, now: i64) -> Self {
        complaint.status = Some(ComplaintStatus::Submitted);
        complaint.version = 0;
        let at = complaint.submitted_at;
        let first = Event {
            complaint_id: complaint.id,
            at,
            actor_id: None,
            kind: EventKind::Status,
            from_status: None,
            to_status: Some(ComplaintStatus::Submitted),
            note: None,
            is_public: true,
        };
        Self {
            complaint,
            events: vec![first],
            rating: None,
            rules,
            now,
            last: at,
            cut: false,
        }
    }

    /// Whether something may still happen at `at`; marks the life cut off
    /// when `at` is after `now`.
    fn happens(&mut self, at: i64) -> bool {
        if at > self.now {
            self.cut = true;
        }
        !self.cut
    }

    /// Takes `action` at `at` as `store::complaints::transition` does: the
    /// workflow decides the new status, the stage deadline follows, the
    /// effect is applied, the version goes up, the event is written.
    /// Returns false, changing nothing, once the life has reached `now`.
    pub fn step(
        &mut self,
        action: Action,
        effect: Effect,
        actor_id: Option<i64>,
        note: Option<String>,
        is_public: bool,
        at: i64,
    ) -> bool {
        if !self.happens(at) {
            return false;
        }
        let at = at.max(self.last);
        self.last = at;
        let from = self.complaint.status();
        let to = next_status(from, action).expect("the generator follows the workflow");
        if let Some(due) = self.stage_due_after(from, to, action, &effect, at) {
            self.complaint.stage_due_at = due;
        }
        self.complaint.status = Some(to);
        self.complaint.version += 1;
        self.apply(effect, at);
        self.events.push(Event {
            complaint_id: self.complaint.id,
            at,
            actor_id,
            kind: EventKind::Status,
            from_status: Some(from),
            to_status: Some(to),
            note,
            is_public,
        });
        true
    }

    /// Mirrors `store::complaints::stage_due_after`.
    fn stage_due_after(
        &self,
        from: ComplaintStatus,
        to: ComplaintStatus,
        action: Action,
        effect: &Effect,
        at: i64,
    ) -> Option<Option<i64>> {
        let Some(stage) = Stage::of(to) else {
            return Stage::of(from).is_some().then_some(None);
        };
        let restarts = Stage::of(from) != Some(stage) || matches!(action, Action::Assign | Action::Reopen);
        if !restarts {
            return None;
        }
        let deadline_at = match effect {
            Effect::Receive { deadline_at } | Effect::Reopen { deadline_at } => Some(*deadline_at),
            _ => self.complaint.deadline_at,
        };
        Some(Some(stage_due_at(
            stage,
            at,
            deadline_at,
            &self.rules.policy,
            &self.rules.holidays,
        )))
    }

    /// Mirrors `store::complaints::apply_effect`.
    fn apply(&mut self, effect: Effect, at: i64) {
        let c = &mut self.complaint;
        match effect {
            Effect::None => {}
            Effect::Receive { deadline_at } => {
                c.received_at = Some(at);
                c.deadline_at = Some(deadline_at);
            }
            Effect::Assign { agency_id } => c.agency_id = Some(agency_id),
            Effect::Answer { text } => {
                c.answer_draft = Some(text.clone());
                c.answer = Some(text);
            }
            Effect::Publish => {
                c.published_at = Some(at);
                c.on_time = Some(c.deadline_at.is_none_or(|deadline| at <= deadline));
            }
            Effect::Reject { reason } => c.reject_reason = Some(reason),
            Effect::Duplicate { of } => c.duplicate_of = Some(of),
            Effect::Unassign => {
                c.agency_id = None;
                c.officer_id = None;
            }
            Effect::Accept { officer_id } => c.officer_id = Some(officer_id),
            Effect::Reopen { deadline_at } => {
                c.deadline_at = Some(deadline_at);
                c.published_at = None;
                c.on_time = None;
            }
        }
    }

    /// The citizen rates the published answer, as `services::ratings::rate`
    /// does: the rating, its public event, then the move to `rated`.
    pub fn rate(&mut self, score: u8, comment: Option<&'static str>, at: i64) -> bool {
        if !self.happens(at) {
            return false;
        }
        let at = at.max(self.last);
        let satisfaction = Satisfaction::new(i64::from(score)).expect("scores are 1 to 5");
        self.rating = Some(Rating {
            complaint_id: self.complaint.id,
            score,
            comment,
            at,
        });
        self.events.push(Event {
            complaint_id: self.complaint.id,
            at,
            actor_id: None,
            kind: EventKind::Rating,
            from_status: None,
            to_status: None,
            note: Some(format!("{} ({}/5)", satisfaction.label(), satisfaction.score())),
            is_public: true,
        });
        self.step(Action::Rate, Effect::None, None, None, true, at)
    }

    /// The time of the last step taken.
    pub fn last(&self) -> i64 {
        self.last
    }
}

/// A duration between `lo` and `hi` days, in seconds.
fn days(rng: &mut StdRng, lo: f64, hi: f64) -> i64 {
    (rng.gen_range(lo..hi) * DAY as f64) as i64
}

/// How long the coordinator takes to triage: usually within the day.
fn triage_gap(rng: &mut StdRng) -> i64 {
    match rng.gen_range(0..10) {
        0..=5 => days(rng, 0.03, 1.0),
        6..=8 => days(rng, 1.0, 2.5),
        _ => days(rng, 2.5, 4.0),
    }
}

/// Walks `life` (just submitted) through `plan` with `cast`, up to `now`.
pub fn live(life: &mut Life<'_>, plan: &Plan, cast: &Cast<'_>, rng: &mut StdRng) {
    let received = life.complaint.submitted_at;
    let rules = life.rules;
    let deadline = rules.policy.deadline_at(received, &rules.holidays);
    // Filed on the web: received in the same transaction.
    life.step(
        Action::Receive,
        Effect::Receive { deadline_at: deadline },
        None,
        None,
        true,
        received,
    );
    let coordinator = Some(cast.coordinator);
    let mut t = received;
    match (plan.ending, &cast.earlier) {
        (Ending::Duplicate, Some((of, code))) => {
            t += triage_gap(rng);
            let note = format!("Trùng với phản ánh {code}");
            life.step(
                Action::MarkDuplicate,
                Effect::Duplicate { of: *of },
                coordinator,
                Some(note),
                true,
                t,
            );
            return;
        }
        (Ending::Reject | Ending::Duplicate, _) => {
            t += triage_gap(rng);
            let reason = texts::reject_reason(rng).to_owned();
            let effect = Effect::Reject { reason: reason.clone() };
            life.step(Action::Reject, effect, coordinator, Some(reason), true, t);
            return;
        }
        (Ending::Answer, _) => {}
    }

    // Assignment: by routing at once, or by the coordinator; perhaps first
    // to the wrong agency, which sends it back.
    let wrong = cast.wrong.filter(|_| plan.misrouted);
    let first_agency = wrong.map_or(cast.agency_id, |(id, _, _)| id);
    match plan.auto_confidence {
        Some(confidence) => {
            let name = wrong.map_or(cast.agency_name, |(_, name, _)| name);
            let note = format!(
                "Hệ thống tự động chuyển đến {name} theo nội dung phản ánh (độ tin cậy {}).",
                crate::domain::routing::percent(confidence)
            );
            life.step(
                Action::Assign,
                Effect::Assign {
                    agency_id: first_agency,
                },
                None,
                Some(note),
                true,
                t,
            );
        }
        None => {
            t += triage_gap(rng);
            life.step(
                Action::Assign,
                Effect::Assign {
                    agency_id: first_agency,
                },
                coordinator,
                None,
                true,
                t,
            );
        }
    }
    if let Some((_, _, wrong_officer)) = wrong {
        t += days(rng, 0.3, 3.0);
        let reason = texts::return_reason(rng, cast.agency_name);
        life.step(
            Action::Return,
            Effect::Unassign,
            Some(wrong_officer),
            Some(reason),
            false,
            t,
        );
        t += days(rng, 0.05, 1.0);
        let effect = Effect::Assign {
            agency_id: cast.agency_id,
        };
        life.step(Action::Assign, effect, coordinator, None, true, t);
    }

    // Handling: accept, answer, approve; the slow stage takes the slack of
    // a late complaint.
    let mut accept_gap = days(rng, 0.05, 1.5);
    let mut handling = days(rng, 2.0, 12.0);
    let mut approval = days(rng, 0.1, 2.5);
    let natural = t + accept_gap + handling + approval;
    match plan.pace {
        Pace::OnTime => {
            let limit = deadline - rng.gen_range(HOUR..12 * HOUR);
            if natural > limit {
                handling = (limit - t - accept_gap - approval).max(DAY / 10);
            }
        }
        Pace::Late | Pace::Stuck => {
            let (lo, hi) = if plan.pace == Pace::Late {
                (0.2, 18.0)
            } else {
                (18.0, 365.0)
            };
            let slack = (deadline + days(rng, lo, hi) - natural).max(0);
            match rng.gen_range(0..10) {
                0 | 1 => accept_gap += slack,
                2 | 3 => approval += slack,
                _ => handling += slack,
            }
        }
    }
    let officer = Some(cast.officer);
    let leader = Some(cast.leader);
    t += accept_gap;
    let accept = Effect::Accept {
        officer_id: cast.officer,
    };
    life.step(Action::Accept, accept, officer, None, true, t);
    let mut answer_at = t + handling;
    if plan.sent_back {
        let first = t + handling * 3 / 5;
        let draft = Effect::Answer {
            text: texts::answer(rng, cast.agency_name),
        };
        life.step(Action::SubmitAnswer, draft, officer, None, false, first);
        let comment = texts::send_back_comment(rng).to_owned();
        life.step(
            Action::SendBack,
            Effect::None,
            leader,
            Some(comment),
            false,
            first + approval / 2,
        );
        answer_at = answer_at.max(life.last() + days(rng, 0.2, 2.0));
    }
    let text = Effect::Answer {
        text: texts::answer(rng, cast.agency_name),
    };
    life.step(Action::SubmitAnswer, text, officer, None, false, answer_at);
    t = life.last() + if plan.sent_back { approval / 2 } else { approval };
    if !life.step(Action::Approve, Effect::Publish, leader, None, true, t) {
        return;
    }
    after_publication(life, plan, cast, rng);
}

/// Rating, reopening (and handling again), closing.
fn after_publication(life: &mut Life<'_>, plan: &Plan, cast: &Cast<'_>, rng: &mut StdRng) {
    let coordinator = Some(cast.coordinator);
    if let Some(score) = plan.rating {
        let at = life.last() + days(rng, 0.05, 1.0) * rng.gen_range(1..10);
        let comment = texts::rating_comment(rng, score);
        if !life.rate(score, comment, at) {
            return;
        }
    }
    if plan.reopened {
        // As `services::workflow::accept_reopen`: a new deadline counted
        // from the day it is reopened, back to the agency that answered, the
        // rating gone; the agency takes it up again.
        let at = life.last() + days(rng, 1.0, 10.0);
        let rules = life.rules;
        let deadline_at = rules.policy.deadline_at(at, &rules.holidays);
        let note = reopen_note(deadline_at);
        if !life.step(
            Action::Reopen,
            Effect::Reopen { deadline_at },
            coordinator,
            Some(note),
            true,
            at,
        ) {
            return;
        }
        life.rating = None;
        let wait = if rng.gen_bool(0.6) {
            days(rng, 0.5, 3.0)
        } else {
            days(rng, 3.0, 30.0)
        };
        let mut t = life.last() + wait;
        let accept = Effect::Accept {
            officer_id: cast.officer,
        };
        if !life.step(Action::Accept, accept, Some(cast.officer), None, true, t) {
            return;
        }
        t += days(rng, 1.0, 7.0);
        let text = Effect::Answer {
            text: texts::further_answer(rng, cast.agency_name),
        };
        life.step(Action::SubmitAnswer, text, Some(cast.officer), None, false, t);
        t += days(rng, 0.1, 2.0);
        if !life.step(Action::Approve, Effect::Publish, Some(cast.leader), None, true, t) {
            return;
        }
    }
    if plan.closed {
        let at = life.last() + days(rng, 2.0, 30.0);
        life.step(Action::Close, Effect::None, coordinator, None, true, at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn rules() -> Rules {
        Rules {
            policy: DeadlinePolicy::default(),
            holidays: Vec::new(),
        }
    }

    fn cast() -> Cast<'static> {
        Cast {
            agency_id: 2,
            agency_name: "Sở Xây dựng",
            officer: 10,
            leader: 11,
            coordinator: 1,
            wrong: Some((3, "Sở Y tế", 12)),
            earlier: Some((1, "ABCDEFGH".into())),
        }
    }

    /// Every life is a legal walk: statuses chain, times never go back or
    /// pass `now`, the version counts the moves, the last event is the status.
    #[test]
    fn lives_follow_the_workflow_and_stop_at_now() {
        let rules = rules();
        let now = 1_795_000_000;
        let mut rng = StdRng::seed_from_u64(11);
        for i in 0..5_000 {
            let complaint = Complaint {
                id: i,
                submitted_at: now - rng.gen_range(0..200 * DAY),
                ..Complaint::default()
            };
            let mut life = Life::new(complaint, &rules, now);
            let plan = Plan::sample(&mut rng);
            live(&mut life, &plan, &cast(), &mut rng);
            let statuses: Vec<&Event> = life.events.iter().filter(|e| e.kind == EventKind::Status).collect();
            for pair in statuses.windows(2) {
                assert_eq!(pair[1].from_status, pair[0].to_status);
            }
            assert!(life.events.windows(2).all(|w| w[0].at <= w[1].at));
            assert!(life.events.iter().all(|e| e.at <= now));
            assert_eq!(life.complaint.version as usize, statuses.len() - 1);
            let status = life.complaint.status();
            assert_eq!(statuses.last().unwrap().to_status, Some(status));
            assert_eq!(status.is_open(), life.complaint.stage_due_at.is_some(), "{status}");
            if status.is_answered() {
                let (published, deadline) = (
                    life.complaint.published_at.unwrap(),
                    life.complaint.deadline_at.unwrap(),
                );
                assert_eq!(life.complaint.on_time, Some(published <= deadline));
            }
            if life.complaint.officer_id.is_some() {
                assert_eq!(life.complaint.agency_id, Some(2));
            }
        }
    }
}
