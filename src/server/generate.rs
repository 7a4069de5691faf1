//! `phanhoi generate`: fills a database with a realistic, seeded history of
//! complaints for benchmarks (100,000 now, a million later), on SQLite and
//! PostgreSQL. Texts come from the labelled routing corpus, so every
//! complaint goes to its competent agency; each one's events are those the
//! workflow would have written. Rows are written with explicit ids in
//! multi-row `INSERT`s, a few thousand complaints per transaction, while a
//! blocking thread generates the next chunk.

mod life;
mod people;
mod texts;
mod world;

use rand::rngs::StdRng;
use rand::SeedableRng;
use sqlx::Row;
use std::collections::HashSet;
use std::fmt;
use std::time::{Duration, Instant};

use self::world::{pack_code, staff_desks, Chunk, Desk, Generator, World};
use crate::domain::{AgencyKind, ComplaintStatus, Role};
use crate::server::db::Backend;
use crate::server::seed::{self, SeedError};
use crate::server::store::{self, staff::NewStaff};
use crate::server::Db;

/// Complaints per transaction (and per chunk handed over by the generator).
const CHUNK: usize = 5_000;
/// Bind parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
const MAX_BINDS: usize = 30_000;

/// What a run wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GenerateReport {
    pub complaints: usize,
    pub events: usize,
    pub ratings: usize,
    /// Accounts created because an agency had no officer or leader.
    pub staff_created: usize,
    /// How many complaints ended in each status.
    pub by_status: Vec<(ComplaintStatus, usize)>,
    /// The statistics aggregates, rebuilt at the end.
    pub stats: store::stats::RebuildReport,
    pub elapsed: Duration,
}

/// Why generating failed; the message is for the person at the terminal.
#[derive(Debug, thiserror::Error)]
pub enum GenerateError {
    #[error("chưa có dữ liệu danh mục (cơ quan, lĩnh vực, xã/phường, cán bộ điều phối): chạy `phanhoi seed` trước")]
    NoReferenceData,
    #[error("lỗi cơ sở dữ liệu khi tạo dữ liệu giả lập: {0}")]
    Database(#[from] sqlx::Error),
    #[error("không tạo được tài khoản cán bộ giả lập: {0}")]
    Staff(#[from] SeedError),
}

/// Adds `n` complaints submitted over the last `years` years before `now`,
/// with their events and ratings, to a database whose reference data is
/// seeded. Agencies without an officer or a leader (and a database without
/// a coordinator) get generated accounts first. The same seed, count,
/// years, `now` and reference data give the same rows.
pub async fn generate(db: &Db, n: usize, seed: u64, years: u32, now: i64) -> Result<GenerateReport, GenerateError> {
    let started = Instant::now();
    let staff_created = ensure_staff(db, seed, now).await?;
    let mut report = GenerateReport {
        staff_created,
        ..GenerateReport::default()
    };
    if n == 0 {
        return Ok(report);
    }
    let (world, first_ids, taken) = load(db).await?;
    let (sender, mut receiver) = tokio::sync::mpsc::channel::<Chunk>(2);
    let producer = tokio::task::spawn_blocking(move || {
        let mut generator = Generator::new(world, seed, n, years, now, first_ids, taken);
        while let Some(chunk) = generator.next_chunk(CHUNK) {
            if sender.blocking_send(chunk).is_err() {
                break;
            }
        }
    });
    let mut counts = [0usize; ComplaintStatus::ALL.len()];
    let mut shown = 0;
    let written: Result<(), sqlx::Error> = async {
        while let Some(chunk) = receiver.recv().await {
            write_chunk(db, &chunk).await?;
            report.complaints += chunk.complaints.len();
            report.events += chunk.events.len();
            report.ratings += chunk.ratings.len();
            for complaint in &chunk.complaints {
                let status = complaint.status();
                counts[ComplaintStatus::ALL.iter().position(|s| *s == status).unwrap_or(0)] += 1;
            }
            let tenth = report.complaints * 10 / n;
            if tenth > shown {
                shown = tenth;
                eprintln!(
                    "… {}/{} phản ánh ({}%), {} giây",
                    count(report.complaints),
                    count(n),
                    tenth * 10,
                    seconds(started.elapsed())
                );
            }
        }
        Ok(())
    }
    .await;
    drop(receiver);
    if let Err(err) = producer.await {
        if err.is_panic() {
            std::panic::resume_unwind(err.into_panic());
        }
    }
    written?;
    if db.backend() == Backend::Postgres {
        for table in ["complaints", "complaint_events"] {
            sqlx::query(&format!(
                "SELECT setval(pg_get_serial_sequence('{table}', 'id'), MAX(id)) FROM {table}"
            ))
            .execute(db.pool())
            .await?;
        }
    }
    let mut tx = db.begin_write().await?;
    report.stats = store::stats::rebuild(&mut tx).await?;
    tx.commit().await?;
    sqlx::query("ANALYZE").execute(db.pool()).await?;
    report.by_status = ComplaintStatus::ALL
        .iter()
        .zip(counts)
        .filter(|(_, n)| *n > 0)
        .map(|(s, n)| (*s, n))
        .collect();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// Officers each handling agency has once generated data is added, so the
/// staff ranking compares several people.
const OFFICERS_PER_AGENCY: usize = 3;

/// Gives every handling agency [`OFFICERS_PER_AGENCY`] officers and a
/// leader, and the province a coordinator, when it has fewer
/// (`gen_officer_sxd`, `gen_officer_sxd_2`, `gen_leader_sxd`,
/// `gen_coordinator`; password [`seed::DEMO_PASSWORD`]). Returns how many
/// accounts it created.
async fn ensure_staff(db: &Db, seed: u64, now: i64) -> Result<usize, GenerateError> {
    let mut conn = db.pool().acquire().await?;
    let agencies = store::catalog::list_agencies(&mut conn).await?;
    let staff = active_staff(&mut conn).await?;
    drop(conn);
    let has = |role: Role, agency: Option<i64>| {
        staff
            .iter()
            .any(|(_, r, a)| *r == role && agency.is_none_or(|agency| agency == *a))
    };
    let coordinating = agencies
        .iter()
        .find(|a| a.kind == AgencyKind::Coordinator)
        .or(agencies.first())
        .ok_or(GenerateError::NoReferenceData)?;
    let mut missing = Vec::new();
    if !has(Role::Coordinator, None) {
        missing.push(("gen_coordinator".to_owned(), Role::Coordinator, coordinating.id));
    }
    for agency in agencies.iter().filter(|a| a.kind != AgencyKind::Coordinator) {
        let slug = agency.code.to_lowercase();
        if !has(Role::Leader, Some(agency.id)) {
            missing.push((format!("gen_leader_{slug}"), Role::Leader, agency.id));
        }
        let officers = staff
            .iter()
            .filter(|(_, r, a)| *r == Role::Officer && *a == agency.id)
            .count();
        for n in officers..OFFICERS_PER_AGENCY {
            let username = match n {
                0 => format!("gen_officer_{slug}"),
                _ => format!("gen_officer_{slug}_{}", n + 1),
            };
            missing.push((username, Role::Officer, agency.id));
        }
    }
    if missing.is_empty() {
        return Ok(0);
    }
    let hash = seed::demo_password_hash()?;
    let mut rng = StdRng::seed_from_u64(seed ^ 0x5eed_57af);
    let mut tx = db.begin_write().await?;
    for (username, role, agency_id) in &missing {
        let email = format!("{username}@gen.phanhoi.vn");
        let full_name = people::full_name(&mut rng);
        let staff = NewStaff {
            username,
            email: &email,
            full_name: &full_name,
            password_hash: &hash,
            role: *role,
            agency_id: *agency_id,
        };
        store::staff::insert_staff(&mut tx, &staff, now).await?;
    }
    tx.commit().await?;
    Ok(missing.len())
}

/// Active staff as `(id, role, agency id)`.
async fn active_staff(conn: &mut store::Conn) -> Result<Vec<(i64, Role, i64)>, sqlx::Error> {
    let rows = sqlx::query("SELECT id, role, agency_id FROM staff_users WHERE active = 1 ORDER BY id")
        .fetch_all(conn)
        .await?;
    let mut staff = Vec::with_capacity(rows.len());
    for row in &rows {
        let role: String = row.try_get("role")?;
        if let Some(role) = Role::parse(&role) {
            staff.push((row.try_get("id")?, role, row.try_get("agency_id")?));
        }
    }
    Ok(staff)
}

/// The reference data, the next free ids and the tracking codes in use.
async fn load(db: &Db) -> Result<(World, (i64, i64), HashSet<u64>), GenerateError> {
    let mut conn = db.pool().acquire().await?;
    let agencies = store::catalog::list_agencies(&mut conn).await?;
    let categories = store::catalog::list_categories(&mut conn).await?;
    let communes = store::catalog::list_communes(&mut conn).await?;
    let staff = active_staff(&mut conn).await?;
    let rules = life::Rules {
        policy: store::settings::deadline_policy(&mut conn).await?,
        holidays: store::settings::holidays(&mut conn).await?,
    };
    let mut desks: Vec<Desk> = agencies
        .iter()
        .filter(|a| a.kind != AgencyKind::Coordinator)
        .map(|a| Desk {
            id: a.id,
            code: a.code.clone(),
            name: a.name.clone(),
            categories: categories
                .iter()
                .filter(|c| c.default_agency_id == Some(a.id))
                .map(|c| c.id)
                .collect(),
            officers: Vec::new(),
            leaders: Vec::new(),
        })
        .collect();
    staff_desks(&mut desks, &staff);
    let coordinators = staff
        .iter()
        .filter(|(_, role, _)| *role == Role::Coordinator)
        .map(|(id, _, _)| *id)
        .collect();
    let places = communes
        .iter()
        .map(|c| (c.id, c.kind == crate::domain::CommuneKind::Phuong))
        .collect();
    let world = World::new(
        desks,
        coordinators,
        places,
        crate::server::routing::corpus::labelled(),
        rules,
    )
    .ok_or(GenerateError::NoReferenceData)?;
    let max_id = |table: &str| format!("SELECT COALESCE(MAX(id), 0) FROM {table}");
    let complaint_id: i64 = sqlx::query_scalar(&max_id("complaints")).fetch_one(&mut *conn).await?;
    let event_id: i64 = sqlx::query_scalar(&max_id("complaint_events"))
        .fetch_one(&mut *conn)
        .await?;
    let mut taken = HashSet::new();
    if complaint_id > 0 {
        let codes: Vec<String> = sqlx::query_scalar("SELECT tracking_code FROM complaints")
            .fetch_all(&mut *conn)
            .await?;
        taken.extend(codes.iter().map(|c| pack_code(c)));
    }
    Ok((world, (complaint_id + 1, event_id + 1), taken))
}

/// `INSERT INTO table (columns) VALUES ($1, …), …` for `rows` rows. SQLite
/// gets anonymous `?` placeholders: it looks named ones (`$1`) up in a
/// list, which makes preparing and binding tens of thousands of them slow.
fn insert_sql(backend: Backend, table: &str, columns: &[&str], rows: usize) -> String {
    use std::fmt::Write;
    let mut sql = format!("INSERT INTO {table} ({}) VALUES ", columns.join(", "));
    let mut n = 0;
    for row in 0..rows {
        sql.push_str(if row == 0 { "(" } else { ", (" });
        for column in 0..columns.len() {
            if column > 0 {
                sql.push_str(", ");
            }
            n += 1;
            match backend {
                Backend::Sqlite => sql.push('?'),
                Backend::Postgres => {
                    let _ = write!(sql, "${n}");
                }
            }
        }
        sql.push(')');
    }
    sql
}

/// Runs a multi-row insert. Only full-size statements are kept prepared:
/// the shorter last one of each chunk differs every time.
async fn run_insert<'q>(
    conn: &mut store::Conn,
    query: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    full: bool,
) -> Result<(), sqlx::Error> {
    query.persistent(full).execute(conn).await?;
    Ok(())
}

const COMPLAINT_COLUMNS: [&str; 29] = [
    "id",
    "tracking_code",
    "title",
    "description",
    "category_id",
    "commune_id",
    "address",
    "latitude",
    "longitude",
    "citizen_name",
    "citizen_phone",
    "citizen_email",
    "is_public",
    "chosen_agency_id",
    "agency_id",
    "status",
    "version",
    "submitted_at",
    "received_at",
    "deadline_at",
    "published_at",
    "on_time",
    "answer",
    "reject_reason",
    "duplicate_of",
    "search_text",
    "stage_due_at",
    "officer_id",
    "answer_draft",
];

const EVENT_COLUMNS: [&str; 9] = [
    "id",
    "complaint_id",
    "at",
    "actor_id",
    "kind",
    "from_status",
    "to_status",
    "note",
    "is_public",
];

const RATING_COLUMNS: [&str; 5] = ["complaint_id", "score", "comment", "created_at", "updated_at"];

/// Writes one chunk in one transaction: complaints, then their events and
/// ratings.
async fn write_chunk(db: &Db, chunk: &Chunk) -> Result<(), sqlx::Error> {
    let backend = db.backend();
    let mut tx = db.begin_write().await?;
    let per_statement = MAX_BINDS / COMPLAINT_COLUMNS.len();
    for rows in chunk.complaints.chunks(per_statement) {
        let sql = insert_sql(backend, "complaints", &COMPLAINT_COLUMNS, rows.len());
        let mut query = sqlx::query(&sql);
        for c in rows {
            query = query
                .bind(c.id)
                .bind(c.tracking_code.as_str())
                .bind(c.title.as_str())
                .bind(c.description.as_str())
                .bind(c.category_id)
                .bind(c.commune_id)
                .bind(c.address.as_str())
                .bind(c.latitude)
                .bind(c.longitude)
                .bind(c.citizen_name.as_str())
                .bind(c.citizen_phone.as_str())
                .bind(c.citizen_email.as_deref())
                .bind(i64::from(c.is_public))
                .bind(c.chosen_agency_id)
                .bind(c.agency_id)
                .bind(c.status().as_str())
                .bind(c.version)
                .bind(c.submitted_at)
                .bind(c.received_at)
                .bind(c.deadline_at)
                .bind(c.published_at)
                .bind(c.on_time.map(i64::from))
                .bind(c.answer.as_deref())
                .bind(c.reject_reason.as_deref())
                .bind(c.duplicate_of)
                .bind(c.search_text.as_str())
                .bind(c.stage_due_at)
                .bind(c.officer_id)
                .bind(c.answer_draft.as_deref());
        }
        // sqlx 0.8.6 sends a PostgreSQL NULL `f64` as a `float4`, and a
        // statement prepared with one then refuses an `f64` value: the
        // coordinates make each complaint statement a fresh one there.
        let keep = rows.len() == per_statement && backend == Backend::Sqlite;
        run_insert(&mut tx, query, keep).await?;
    }
    let per_statement = MAX_BINDS / EVENT_COLUMNS.len();
    for rows in chunk.events.chunks(per_statement) {
        let sql = insert_sql(backend, "complaint_events", &EVENT_COLUMNS, rows.len());
        let mut query = sqlx::query(&sql);
        for (id, e) in rows {
            query = query
                .bind(*id)
                .bind(e.complaint_id)
                .bind(e.at)
                .bind(e.actor_id)
                .bind(e.kind.as_str())
                .bind(e.from_status.map(ComplaintStatus::as_str))
                .bind(e.to_status.map(ComplaintStatus::as_str))
                .bind(e.note.as_deref())
                .bind(i64::from(e.is_public));
        }
        run_insert(&mut tx, query, rows.len() == per_statement).await?;
    }
    let per_statement = MAX_BINDS / RATING_COLUMNS.len();
    for rows in chunk.ratings.chunks(per_statement) {
        let sql = insert_sql(backend, "ratings", &RATING_COLUMNS, rows.len());
        let mut query = sqlx::query(&sql);
        for r in rows {
            query = query
                .bind(r.complaint_id)
                .bind(i64::from(r.score))
                .bind(r.comment)
                .bind(r.at)
                .bind(r.at);
        }
        run_insert(&mut tx, query, rows.len() == per_statement).await?;
    }
    tx.commit().await
}

/// A count as Vietnamese write it: `100.000`.
fn count(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(d);
    }
    out
}

/// Seconds with one decimal and a decimal comma: `42,7`.
fn seconds(elapsed: Duration) -> String {
    format!("{:.1}", elapsed.as_secs_f64()).replace('.', ",")
}

impl fmt::Display for GenerateReport {
    /// The one-line summary `phanhoi generate` prints.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let of = |pred: fn(ComplaintStatus) -> bool| -> usize {
            self.by_status.iter().filter(|(s, _)| pred(*s)).map(|(_, n)| n).sum()
        };
        write!(
            f,
            "Đã tạo {} phản ánh ({} đã trả lời, {} đang xử lý, {} từ chối), {} sự kiện, {} đánh giá trong {} giây.",
            count(self.complaints),
            count(of(ComplaintStatus::is_answered)),
            count(of(ComplaintStatus::is_open)),
            count(of(|s| s == ComplaintStatus::Rejected)),
            count(self.events),
            count(self.ratings),
            seconds(self.elapsed)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn insert_statements_number_every_parameter() {
        assert_eq!(
            insert_sql(Backend::Postgres, "ratings", &["a", "b"], 2),
            "INSERT INTO ratings (a, b) VALUES ($1, $2), ($3, $4)"
        );
        assert_eq!(
            insert_sql(Backend::Sqlite, "ratings", &["a", "b"], 2),
            "INSERT INTO ratings (a, b) VALUES (?, ?), (?, ?)"
        );
        // The widest statement stays under SQLite's limit of 32,766 parameters.
        let rows = MAX_BINDS / COMPLAINT_COLUMNS.len();
        assert!(rows * COMPLAINT_COLUMNS.len() <= 32_766);
    }

    #[test]
    fn counts_and_seconds_read_as_in_vietnamese() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(100_000), "100.000");
        assert_eq!(count(1_234_567), "1.234.567");
        assert_eq!(seconds(Duration::from_millis(42_660)), "42,7");
    }
}
