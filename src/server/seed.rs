//! Seed data: the province's reference data (agencies, categories, communes,
//! holidays, deadline policy) for an empty database, and on request a demo
//! set of staff and complaints in every status. The files live in `seed/`
//! and are embedded in the binary.

use argon2::password_hash::{rand_core::OsRng, PasswordHasher, SaltString};
use argon2::Argon2;
use chrono::NaiveDate;
use serde::Deserialize;
use std::collections::HashMap;

use crate::domain::{Action, AgencyKind, CommuneKind, DayKind, DeadlinePolicy, Role};
use crate::error::AppError;
use crate::server::services::complaints as complaint_service;
use crate::server::store::complaints::{Effect, NewComplaint, Transition};
use crate::server::store::{self, staff::NewStaff};
use crate::server::Db;

const AGENCIES_CSV: &str = include_str!("../../seed/agencies.csv");
const CATEGORIES_CSV: &str = include_str!("../../seed/categories.csv");
const COMMUNES_CSV: &str = include_str!("../../seed/communes.csv");
const HOLIDAYS_CSV: &str = include_str!("../../seed/holidays.csv");
const DEMO_COMPLAINTS_JSON: &str = include_str!("../../seed/demo_complaints.json");

/// The password of every demo account. Printed at start-up; never use demo
/// data in production.
pub const DEMO_PASSWORD: &str = "phanhoi2026";

/// The code of the coordinating office in `agencies.csv`.
pub const COORDINATOR_AGENCY: &str = "VP_UBND";

/// A demo account as printed for the person trying the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoLogin {
    pub username: String,
    pub role: Role,
    pub agency_code: String,
}

/// What seeding did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub reference_loaded: bool,
    pub demo_complaints: usize,
    pub demo_staff: usize,
}

/// Seeding failed: a seed file is malformed or the database refused a row.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("tệp dữ liệu mẫu {file} không hợp lệ: {reason}")]
    BadFile { file: &'static str, reason: String },
    #[error("lỗi cơ sở dữ liệu khi nạp dữ liệu mẫu: {0}")]
    Database(#[from] sqlx::Error),
    #[error("lỗi khi nạp dữ liệu mẫu: {0}")]
    App(#[from] AppError),
}

fn bad(file: &'static str, reason: impl ToString) -> SeedError {
    SeedError::BadFile {
        file,
        reason: reason.to_string(),
    }
}

#[derive(Deserialize)]
struct AgencyRow {
    code: String,
    name: String,
    kind: String,
    handles: String,
}

#[derive(Deserialize)]
struct CategoryRow {
    code: String,
    name: String,
    default_agency: String,
    description: String,
}

#[derive(Deserialize)]
struct CommuneRow {
    code: String,
    name: String,
    kind: String,
}

#[derive(Deserialize)]
struct HolidayRow {
    day: String,
    name: String,
}

fn read_csv<T: serde::de::DeserializeOwned>(file: &'static str, text: &str) -> Result<Vec<T>, SeedError> {
    csv::Reader::from_reader(text.as_bytes())
        .deserialize()
        .collect::<Result<Vec<T>, _>>()
        .map_err(|err| bad(file, err))
}

/// Loads the reference data into a database that has no agencies yet, in
/// one transaction. Returns whether it loaded anything.
pub async fn seed_reference(db: &Db, deadline_days: u32) -> Result<bool, SeedError> {
    let mut tx = db.begin_write().await?;
    if !store::catalog::list_agencies(&mut tx).await?.is_empty() {
        return Ok(false);
    }
    let mut agency_ids = HashMap::new();
    for row in read_csv::<AgencyRow>("seed/agencies.csv", AGENCIES_CSV)? {
        let kind = AgencyKind::parse(&row.kind).ok_or_else(|| bad("seed/agencies.csv", &row.kind))?;
        let id = store::catalog::insert_agency(&mut tx, &row.code, &row.name, kind, &row.handles).await?;
        agency_ids.insert(row.code, id);
    }
    for (position, row) in read_csv::<CategoryRow>("seed/categories.csv", CATEGORIES_CSV)?
        .iter()
        .enumerate()
    {
        let agency = *agency_ids.get(&row.default_agency).ok_or_else(|| {
            bad(
                "seed/categories.csv",
                format!("không có cơ quan {}", row.default_agency),
            )
        })?;
        store::catalog::insert_category(
            &mut tx,
            &row.code,
            &row.name,
            &row.description,
            Some(agency),
            position as i64,
        )
        .await?;
    }
    for row in read_csv::<CommuneRow>("seed/communes.csv", COMMUNES_CSV)? {
        let kind = CommuneKind::parse(&row.kind).ok_or_else(|| bad("seed/communes.csv", &row.kind))?;
        store::catalog::insert_commune(&mut tx, &row.code, &row.name, kind).await?;
    }
    for row in read_csv::<HolidayRow>("seed/holidays.csv", HOLIDAYS_CSV)? {
        let day = NaiveDate::parse_from_str(&row.day, "%Y-%m-%d").map_err(|e| bad("seed/holidays.csv", e))?;
        store::settings::insert_holiday(&mut tx, day, &row.name).await?;
    }
    let policy = DeadlinePolicy::with_total_days(deadline_days, DayKind::Calendar);
    store::settings::save_deadline_policy(&mut tx, &policy).await?;
    tx.commit().await?;
    Ok(true)
}

/// The demo accounts: an admin, a coordinator, and an officer and a leader
/// for every handling agency.
pub fn demo_logins() -> Vec<DemoLogin> {
    let agencies: Vec<AgencyRow> = read_csv("seed/agencies.csv", AGENCIES_CSV).unwrap_or_default();
    let mut logins = vec![
        DemoLogin {
            username: "admin".into(),
            role: Role::Admin,
            agency_code: COORDINATOR_AGENCY.into(),
        },
        DemoLogin {
            username: "dieuphoi".into(),
            role: Role::Coordinator,
            agency_code: COORDINATOR_AGENCY.into(),
        },
    ];
    for agency in agencies.iter().filter(|a| a.code != COORDINATOR_AGENCY) {
        let slug = agency.code.to_lowercase().replace('_', "");
        for (prefix, role) in [("canbo", Role::Officer), ("lanhdao", Role::Leader)] {
            logins.push(DemoLogin {
                username: format!("{prefix}.{slug}"),
                role,
                agency_code: agency.code.clone(),
            });
        }
    }
    logins
}

const FAMILY: [&str; 8] = ["Nguyễn", "Lê", "Trần", "Phạm", "Hoàng", "Vũ", "Đỗ", "Trịnh"];
const MIDDLE: [&str; 5] = ["Văn", "Thị", "Minh", "Thu", "Đức"];
const GIVEN: [&str; 9] = ["An", "Bình", "Hương", "Dũng", "Lan", "Quang", "Hà", "Tuấn", "Mai"];

/// The hash of [`DEMO_PASSWORD`], computed once and shared by every demo
/// (and generated) account: hashing is slow by design.
pub fn demo_password_hash() -> Result<String, SeedError> {
    let salt = SaltString::generate(&mut OsRng);
    Ok(Argon2::default()
        .hash_password(DEMO_PASSWORD.as_bytes(), &salt)
        .map_err(|e| bad("demo password", e))?
        .to_string())
}

/// Adds the demo staff and complaints to a database that has no complaints.
pub async fn seed_demo(db: &Db, now: i64) -> Result<SeedReport, SeedError> {
    let mut report = SeedReport::default();
    {
        let mut conn = db.pool().acquire().await?;
        if store::complaints::count_complaints(&mut conn).await? > 0 || store::staff::count_staff(&mut conn).await? > 0
        {
            return Ok(report);
        }
    }
    let hash = demo_password_hash()?;

    let mut tx = db.begin_write().await?;
    let mut staff_by_agency: HashMap<String, (i64, i64)> = HashMap::new();
    let mut coordinator_id = 0;
    for (i, login) in demo_logins().iter().enumerate() {
        let agency_id = store::catalog::agency_id_by_code(&mut tx, &login.agency_code)
            .await?
            .ok_or_else(|| bad("seed/agencies.csv", &login.agency_code))?;
        let full_name = format!("{} {} {}", FAMILY[i % 8], MIDDLE[i % 5], GIVEN[i % 9]);
        let email = format!("{}@demo.phanhoi.vn", login.username);
        let staff = NewStaff {
            username: &login.username,
            email: &email,
            full_name: &full_name,
            password_hash: &hash,
            role: login.role,
            agency_id,
        };
        let id = store::staff::insert_staff(&mut tx, &staff, now).await?;
        match login.role {
            Role::Coordinator => coordinator_id = id,
            Role::Officer => staff_by_agency.entry(login.agency_code.clone()).or_insert((id, id)).0 = id,
            Role::Leader => staff_by_agency.entry(login.agency_code.clone()).or_insert((id, id)).1 = id,
            Role::Admin => {}
        }
        report.demo_staff += 1;
    }
    tx.commit().await?;

    let demo: Vec<DemoComplaint> =
        serde_json::from_str(DEMO_COMPLAINTS_JSON).map_err(|e| bad("seed/demo_complaints.json", e))?;
    for (index, complaint) in demo.iter().enumerate() {
        let actors = Actors {
            coordinator: coordinator_id,
            staff_by_agency: &staff_by_agency,
        };
        walk_demo_complaint(db, complaint, index, now, &actors).await?;
        report.demo_complaints += 1;
    }
    Ok(report)
}

#[derive(Deserialize)]
struct DemoComplaint {
    title: String,
    description: String,
    category: Option<String>,
    agency: Option<String>,
    commune: Option<String>,
    address: Option<String>,
    citizen_name: String,
    citizen_phone: String,
    citizen_email: Option<String>,
    is_public: bool,
    status: String,
    submitted_days_ago: i64,
    answer: Option<String>,
    reject_reason: Option<String>,
    return_reason: Option<String>,
    rating: Option<i64>,
    rating_comment: Option<String>,
}

/// One workflow step of a demo complaint, `day` days after submission.
struct Step {
    action: Action,
    effect: Effect,
    actor_id: Option<i64>,
    note: Option<String>,
    is_public: bool,
    day: f64,
}

/// `Step` in one line.
fn step(
    action: Action,
    effect: Effect,
    actor_id: Option<i64>,
    note: Option<String>,
    is_public: bool,
    day: f64,
) -> Step {
    Step {
        action,
        effect,
        actor_id,
        note,
        is_public,
        day,
    }
}

/// Takes `next` on complaint `id` at time `at`, in its own transaction.
async fn apply_step(db: &Db, id: i64, next: Step, at: i64) -> Result<(), SeedError> {
    let mut tx = db.begin_write().await?;
    let (_, version) = store::complaints::status_and_version(&mut tx, id).await?;
    let t = Transition {
        action: next.action,
        effect: next.effect,
        actor_id: next.actor_id,
        note: next.note.as_deref(),
        is_public: next.is_public,
        at,
    };
    store::complaints::transition(&mut tx, id, version, &t).await?;
    tx.commit().await?;
    Ok(())
}

struct Actors<'a> {
    coordinator: i64,
    staff_by_agency: &'a HashMap<String, (i64, i64)>,
}

/// Creates one demo complaint and takes it through the workflow, with
/// plausible times, up to its target status.
async fn walk_demo_complaint(
    db: &Db,
    demo: &DemoComplaint,
    index: usize,
    now: i64,
    actors: &Actors<'_>,
) -> Result<(), SeedError> {
    const DAY: i64 = 86_400;
    let file = "seed/demo_complaints.json";
    let target = crate::domain::ComplaintStatus::parse(&demo.status).ok_or_else(|| bad(file, &demo.status))?;
    let submitted_at = now - demo.submitted_days_ago * DAY - (index as i64 * 2_357) % (8 * 3600);
    let mut last = submitted_at;
    // A moment `days` after submission, never in the future, always after the last step.
    let mut at = |days: f64| {
        let t = (submitted_at + (days * DAY as f64) as i64).min(now - 60).max(last + 60);
        last = t;
        t
    };

    let mut conn = db.pool().acquire().await?;
    let lookup_category = match &demo.category {
        Some(code) => store::catalog::category_id_by_code(&mut conn, code).await?,
        None => None,
    };
    let commune_id = match &demo.commune {
        Some(code) => store::catalog::commune_id_by_code(&mut conn, code).await?,
        None => None,
    };
    let agency_id = match &demo.agency {
        Some(code) => Some(
            store::catalog::agency_id_by_code(&mut conn, code)
                .await?
                .ok_or_else(|| bad(file, code))?,
        ),
        None => None,
    };
    drop(conn);

    let new = NewComplaint {
        title: demo.title.clone(),
        description: demo.description.clone(),
        category_id: lookup_category,
        commune_id,
        address: demo.address.clone().unwrap_or_default(),
        citizen_name: demo.citizen_name.clone(),
        citizen_phone: demo.citizen_phone.clone(),
        citizen_email: demo.citizen_email.clone(),
        is_public: demo.is_public,
        ..NewComplaint::default()
    };
    let (id, _code) = complaint_service::submit(db, &new, submitted_at).await?;
    use crate::domain::ComplaintStatus as S;
    if target == S::Submitted {
        return Ok(());
    }
    complaint_service::receive(db, id, at(0.01)).await?;
    if target == S::Received {
        return Ok(());
    }
    let (officer, leader) = demo
        .agency
        .as_ref()
        .and_then(|code| actors.staff_by_agency.get(code).copied())
        .unwrap_or((actors.coordinator, actors.coordinator));
    let coordinator = Some(actors.coordinator);
    let mut steps: Vec<Step> = Vec::new();
    if target == S::Rejected {
        let reason = demo
            .reject_reason
            .clone()
            .unwrap_or_else(|| "Nội dung không thuộc phạm vi tiếp nhận.".into());
        steps.push(step(
            Action::Reject,
            Effect::Reject { reason: reason.clone() },
            coordinator,
            Some(reason),
            true,
            0.5,
        ));
    } else {
        let agency_id = agency_id.ok_or_else(|| bad(file, format!("“{}” cần cơ quan xử lý", demo.title)))?;
        if let Some(reason) = &demo.return_reason {
            let wrong = actors
                .staff_by_agency
                .keys()
                .find(|code| Some(*code) != demo.agency.as_ref());
            let mut conn = db.pool().acquire().await?;
            let wrong_id = match wrong {
                Some(code) => store::catalog::agency_id_by_code(&mut conn, code)
                    .await?
                    .unwrap_or(agency_id),
                None => agency_id,
            };
            steps.push(step(
                Action::Assign,
                Effect::Assign { agency_id: wrong_id },
                coordinator,
                None,
                true,
                0.4,
            ));
            steps.push(step(
                Action::Return,
                Effect::Unassign,
                None,
                Some(reason.clone()),
                false,
                0.9,
            ));
        }
        steps.push(step(
            Action::Assign,
            Effect::Assign { agency_id },
            coordinator,
            None,
            true,
            1.2,
        ));
        if target != S::Assigned {
            steps.push(step(Action::Accept, Effect::None, Some(officer), None, true, 2.0));
        }
        let publish_day = (6 + (index % 13) as i64).min(demo.submitted_days_ago - 1).max(3) as f64;
        let answered = matches!(
            target,
            S::AwaitingApproval | S::Published | S::Rated | S::Closed | S::Reopened
        );
        if answered {
            let text = demo
                .answer
                .clone()
                .ok_or_else(|| bad(file, format!("“{}” cần câu trả lời", demo.title)))?;
            let answer_day = if target == S::AwaitingApproval {
                demo.submitted_days_ago as f64 * 0.8
            } else {
                publish_day - 1.0
            };
            steps.push(step(
                Action::SubmitAnswer,
                Effect::Answer { text },
                Some(officer),
                None,
                false,
                answer_day,
            ));
        }
        if matches!(target, S::Published | S::Rated | S::Closed | S::Reopened) {
            steps.push(step(
                Action::Approve,
                Effect::Publish,
                Some(leader),
                None,
                true,
                publish_day,
            ));
        }
    }
    for next in steps {
        let when = at(next.day);
        apply_step(db, id, next, when).await?;
    }
    if target == S::Rated && demo.rating.is_none() {
        return Err(bad(file, format!("“{}” cần điểm đánh giá", demo.title)));
    }
    if let Some(score) = demo
        .rating
        .filter(|_| matches!(target, S::Rated | S::Closed | S::Reopened))
    {
        let when = at(demo.submitted_days_ago as f64 * 0.9);
        crate::server::services::ratings::rate(db, id, score, demo.rating_comment.as_deref(), when).await?;
    }
    let closing = match target {
        S::Closed => Some(Action::Close),
        S::Reopened => Some(Action::Reopen),
        _ => None,
    };
    if let Some(action) = closing {
        let when = at(demo.submitted_days_ago as f64 * 0.95);
        apply_step(db, id, step(action, Effect::None, coordinator, None, true, 0.0), when).await?;
    }
    Ok(())
}

/// Whether the demo coordinator account exists (the database holds demo data).
pub async fn demo_accounts_present(conn: &mut store::Conn) -> Result<bool, sqlx::Error> {
    let found: Option<i64> = sqlx::query_scalar("SELECT id FROM staff_users WHERE email = $1")
        .bind("dieuphoi@demo.phanhoi.vn")
        .fetch_optional(conn)
        .await?;
    Ok(found.is_some())
}
