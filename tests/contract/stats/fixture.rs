//! The hand-computed fixture: 24 complaints with known dates, agencies,
//! officers, categories, communes, deadlines (17 calendar days) and
//! ratings, written through the real store transitions and rating service
//! with explicit timestamps. `stats.rs` pins every figure computed from it.
//!
//! | #  | agency | officer | category          | commune | received (local) | fate                                             |
//! |----|--------|---------|-------------------|---------|------------------|--------------------------------------------------|
//! | 1  | SXD    | a1      | giao-thong        | P1      | 01/10            | published 05/10 (on time), rated 5               |
//! | 2  | SXD    | a1      | giao-thong        | P1      | 02/10            | published 10/10 (on time), rated 4               |
//! | 3  | SXD    | a2      | xay-dung-do-thi   | P2      | 03/10            | published 30/10 (late: due 20/10), rated 2       |
//! | 4  | SXD    | a2      | giao-thong        | —       | 05/10            | published 15/10 (on time), not rated             |
//! | 5  | SXD    | a1      | giao-thong        | P1      | 06/10            | in progress, due 23/10: overdue                  |
//! | 6  | SXD    | a1      | giao-thong        | P2      | 20/10            | published 03/11 (on time), rated 3               |
//! | 7  | SXD    | a2      | giao-thong        | P1      | 25/09            | published 08/10 (on time), rated 5               |
//! | 8  | SYT    | b1      | y-te              | P1      | 07/10            | published 09/10 (on time), rated 5               |
//! | 9  | SYT    | b1      | y-te              | P2      | 08/10            | published 12/10 (on time), rated 4               |
//! | 10 | SYT    | b1      | y-te              | —       | 10/10            | published 29/10 (late: due 27/10), rated 1       |
//! | 11 | SYT    | —       | y-te              | P1      | 12/10            | assigned, not accepted, due 29/10: overdue       |
//! | 12 | SYT    | b1      | y-te              | P2      | 01/11 00:30      | published 05/11 (on time), rated 4               |
//! | 13 | SCT    | c1      | thuong-mai-gia-ca | P2      | 14/10            | published 16/10 (on time), rated 5               |
//! | 14 | —      | —       | moi-truong        | P1      | 15/10            | rejected 16/10                                   |
//! | 15 | —      | —       | —                 | —       | 20/10            | received only, due 06/11: overdue                |
//! | 16 | —      | —       | giao-thong        | P1      | (submitted 21/10)| never received                                   |
//! | 17 | SXD    | a2      | giao-thong        | P2      | 04/10            | published 09/10, rated 1, reopened 11/10 (due 25/10): overdue |
//! | 18 | SYT    | b1      | y-te              | P1      | 02/10            | published 06/10, rated 2, reopened 08/10 (due 25/10), published again 20/10 (on time), rated 4 |
//! | 19 | SCT    | c1      | thuong-mai-gia-ca | P1      | 31/10 23:30      | published 20/11 (late: due 17/11), not rated     |
//! | 20 | SCT    | c1      | thuong-mai-gia-ca | P1      | 20/11            | in progress, due 07/12: open, not overdue        |
//! | 21 | SXD    | a1      | giao-thong        | P1      | 01/09            | published 10/09 (on time), rated 4               |
//! | 22 | SXD    | a1      | giao-thong        | P1      | 02/09            | published 25/09 (late: due 19/09), not rated     |
//! | 23 | SYT    | b1      | y-te              | P2      | 03/09            | published 05/09 (on time), rated 5               |
//! | 24 | SCT    | c1      | thuong-mai-gia-ca | P2      | 04/09            | published 30/09 (late: due 21/09), rated 1       |
//!
//! P1 is Phường Hạc Thành, P2 Phường Quảng Phú; everything happens at
//! 09:00 local time unless written otherwise; "now" is 28/11/2026 10:00.

use chrono::NaiveDate;
use phanhoi::domain::deadline::{end_of_day, vietnam_offset};
use phanhoi::domain::{Action, Role, StaffUser};
use phanhoi::server::services::complaints::{receive, submit};
use phanhoi::server::services::ratings::rate;
use phanhoi::server::store::complaints::{Effect, NewComplaint, Transition};
use phanhoi::server::store::staff::NewStaff;
use phanhoi::server::{seed, store, Db};

/// Unix time of a local (Vietnam) date and time in 2026.
pub fn local(month: u32, day: u32, hour: u32, minute: u32) -> i64 {
    NaiveDate::from_ymd_opt(2026, month, day)
        .unwrap()
        .and_hms_opt(hour, minute, 0)
        .unwrap()
        .and_local_timezone(vietnam_offset())
        .unwrap()
        .timestamp()
}

/// 09:00 local on a day of 2026.
pub fn nine(month: u32, day: u32) -> i64 {
    local(month, day, 9, 0)
}

/// "Now" for every live count: 28/11/2026 10:00.
pub fn now() -> i64 {
    local(11, 28, 10, 0)
}

/// The accounts of the fixture.
pub struct People {
    pub a1: StaffUser,
    pub a2: StaffUser,
    pub b1: StaffUser,
    pub c1: StaffUser,
    pub leader_sxd: StaffUser,
    pub coordinator: StaffUser,
}

/// Ids of agencies, categories and communes by code.
pub struct Ids {
    pub sxd: i64,
    pub syt: i64,
    pub sct: i64,
}

pub struct Fixture {
    pub people: People,
    pub ids: Ids,
    /// Complaint ids, `complaint[n - 1]` for complaint n of the table.
    pub complaint: Vec<i64>,
}

async fn staff(db: &Db, username: &str, full_name: &str, role: Role, agency_id: i64) -> StaffUser {
    let mut conn = db.pool().acquire().await.unwrap();
    let email = format!("{username}@example.vn");
    let id = store::staff::insert_staff(
        &mut conn,
        &NewStaff {
            username,
            email: &email,
            full_name,
            password_hash: "x",
            role,
            agency_id,
        },
        nine(1, 1),
    )
    .await
    .unwrap();
    StaffUser {
        id,
        username: username.into(),
        email,
        full_name: full_name.into(),
        role,
        agency_id,
    }
}

async fn id_of(db: &Db, table: &str, code: &str) -> i64 {
    sqlx::query_scalar(&format!("SELECT id FROM {table} WHERE code = $1"))
        .bind(code)
        .fetch_one(db.pool())
        .await
        .unwrap()
}

async fn step(db: &Db, id: i64, action: Action, effect: Effect, actor: Option<i64>, at: i64) {
    let mut tx = db.begin_write().await.unwrap();
    let (_, version) = store::complaints::status_and_version(&mut tx, id).await.unwrap();
    let t = Transition {
        action,
        effect,
        actor_id: actor,
        note: None,
        is_public: true,
        at,
    };
    store::complaints::transition(&mut tx, id, version, &t).await.unwrap();
    tx.commit().await.unwrap();
}

/// What the fixture writes for one complaint.
struct Spec {
    category: Option<&'static str>,
    commune: Option<&'static str>,
    received: Option<i64>,
}

/// Builds the fixture in a database with the seeded reference data.
pub async fn build(db: &Db) -> Fixture {
    seed::seed_reference(db, 17).await.unwrap();
    let ids = Ids {
        sxd: id_of(db, "agencies", "SXD").await,
        syt: id_of(db, "agencies", "SYT").await,
        sct: id_of(db, "agencies", "SCT").await,
    };
    let vp = id_of(db, "agencies", "VP_UBND").await;
    let people = People {
        a1: staff(db, "a1", "Trần Văn An", Role::Officer, ids.sxd).await,
        a2: staff(db, "a2", "Lê Thị Bình", Role::Officer, ids.sxd).await,
        b1: staff(db, "b1", "Phạm Văn Cường", Role::Officer, ids.syt).await,
        c1: staff(db, "c1", "Hoàng Thị Dung", Role::Officer, ids.sct).await,
        leader_sxd: staff(db, "ld_sxd", "Vũ Văn Em", Role::Leader, ids.sxd).await,
        coordinator: staff(db, "dp", "Đỗ Thị Giang", Role::Coordinator, vp).await,
    };
    let (p1, p2) = (Some("phuong-hac-thanh"), Some("phuong-quang-phu"));
    let (gt, xd, yt, tm) = (
        Some("giao-thong"),
        Some("xay-dung-do-thi"),
        Some("y-te"),
        Some("thuong-mai-gia-ca"),
    );
    let specs = [
        (gt, p1, Some(nine(10, 1))),
        (gt, p1, Some(nine(10, 2))),
        (xd, p2, Some(nine(10, 3))),
        (gt, None, Some(nine(10, 5))),
        (gt, p1, Some(nine(10, 6))),
        (gt, p2, Some(nine(10, 20))),
        (gt, p1, Some(nine(9, 25))),
        (yt, p1, Some(nine(10, 7))),
        (yt, p2, Some(nine(10, 8))),
        (yt, None, Some(nine(10, 10))),
        (yt, p1, Some(nine(10, 12))),
        (yt, p2, Some(local(11, 1, 0, 30))),
        (tm, p2, Some(nine(10, 14))),
        (Some("moi-truong"), p1, Some(nine(10, 15))),
        (None, None, Some(nine(10, 20))),
        (gt, p1, None),
        (gt, p2, Some(nine(10, 4))),
        (yt, p1, Some(nine(10, 2))),
        (tm, p1, Some(local(10, 31, 23, 30))),
        (tm, p1, Some(nine(11, 20))),
        (gt, p1, Some(nine(9, 1))),
        (gt, p1, Some(nine(9, 2))),
        (yt, p2, Some(nine(9, 3))),
        (tm, p2, Some(nine(9, 4))),
    ]
    .map(|(category, commune, received)| Spec {
        category,
        commune,
        received,
    });
    let mut complaint = Vec::new();
    for (n, spec) in specs.iter().enumerate() {
        let mut conn = db.pool().acquire().await.unwrap();
        let category_id = match spec.category {
            Some(code) => store::catalog::category_id_by_code(&mut conn, code).await.unwrap(),
            None => None,
        };
        let commune_id = match spec.commune {
            Some(code) => store::catalog::commune_id_by_code(&mut conn, code).await.unwrap(),
            None => None,
        };
        drop(conn);
        let new = NewComplaint {
            title: format!("Phản ánh số {}", n + 1),
            description: "Nội dung phản ánh dùng cho bộ số liệu kiểm thử thống kê.".into(),
            category_id,
            commune_id,
            citizen_name: "Nguyễn Văn Nam".into(),
            citizen_phone: "0987654321".into(),
            is_public: true,
            ..NewComplaint::default()
        };
        let submitted = spec.received.unwrap_or(nine(10, 21)) - 60;
        let (id, _) = submit(db, &new, submitted).await.unwrap();
        if let Some(at) = spec.received {
            receive(db, id, at).await.unwrap();
        }
        complaint.push(id);
    }
    let f = Fixture { people, ids, complaint };
    play(db, &f).await;
    f
}

/// Assigned an hour after receipt, accepted two hours after, answered an
/// hour before publication.
async fn publish(db: &Db, f: &Fixture, n: usize, agency: i64, officer: &StaffUser, received: i64, published: i64) {
    let id = f.complaint[n - 1];
    let coordinator = Some(f.people.coordinator.id);
    step(
        db,
        id,
        Action::Assign,
        Effect::Assign { agency_id: agency },
        coordinator,
        received + 3600,
    )
    .await;
    step(
        db,
        id,
        Action::Accept,
        Effect::Accept { officer_id: officer.id },
        Some(officer.id),
        received + 7200,
    )
    .await;
    answer_and_approve(db, f, n, officer, published).await;
}

async fn answer_and_approve(db: &Db, f: &Fixture, n: usize, officer: &StaffUser, published: i64) {
    let id = f.complaint[n - 1];
    step(
        db,
        id,
        Action::SubmitAnswer,
        Effect::Answer {
            text: "Đã xử lý xong.".into(),
        },
        Some(officer.id),
        published - 3600,
    )
    .await;
    step(db, id, Action::Approve, Effect::Publish, None, published).await;
}

async fn rate_at(db: &Db, f: &Fixture, n: usize, score: i64, at: i64) {
    rate(db, f.complaint[n - 1], score, None, at).await.unwrap();
}

/// The fates of the table above.
async fn play(db: &Db, f: &Fixture) {
    let p = &f.people;
    let (sxd, syt, sct) = (f.ids.sxd, f.ids.syt, f.ids.sct);
    let coordinator = Some(p.coordinator.id);
    // SXD.
    publish(db, f, 1, sxd, &p.a1, nine(10, 1), nine(10, 5)).await;
    rate_at(db, f, 1, 5, nine(10, 6)).await;
    publish(db, f, 2, sxd, &p.a1, nine(10, 2), nine(10, 10)).await;
    rate_at(db, f, 2, 4, nine(10, 11)).await;
    publish(db, f, 3, sxd, &p.a2, nine(10, 3), nine(10, 30)).await;
    rate_at(db, f, 3, 2, nine(10, 31)).await;
    publish(db, f, 4, sxd, &p.a2, nine(10, 5), nine(10, 15)).await;
    let id5 = f.complaint[4];
    step(
        db,
        id5,
        Action::Assign,
        Effect::Assign { agency_id: sxd },
        coordinator,
        nine(10, 6) + 3600,
    )
    .await;
    step(
        db,
        id5,
        Action::Accept,
        Effect::Accept { officer_id: p.a1.id },
        Some(p.a1.id),
        nine(10, 7),
    )
    .await;
    publish(db, f, 6, sxd, &p.a1, nine(10, 20), nine(11, 3)).await;
    rate_at(db, f, 6, 3, nine(11, 4)).await;
    publish(db, f, 7, sxd, &p.a2, nine(9, 25), nine(10, 8)).await;
    rate_at(db, f, 7, 5, nine(10, 9)).await;
    // SYT.
    publish(db, f, 8, syt, &p.b1, nine(10, 7), nine(10, 9)).await;
    rate_at(db, f, 8, 5, nine(10, 10)).await;
    publish(db, f, 9, syt, &p.b1, nine(10, 8), nine(10, 12)).await;
    rate_at(db, f, 9, 4, nine(10, 13)).await;
    publish(db, f, 10, syt, &p.b1, nine(10, 10), nine(10, 29)).await;
    rate_at(db, f, 10, 1, nine(10, 30)).await;
    step(
        db,
        f.complaint[10],
        Action::Assign,
        Effect::Assign { agency_id: syt },
        coordinator,
        nine(10, 12) + 3600,
    )
    .await;
    publish(db, f, 12, syt, &p.b1, local(11, 1, 0, 30), nine(11, 5)).await;
    rate_at(db, f, 12, 4, nine(11, 6)).await;
    // SCT.
    publish(db, f, 13, sct, &p.c1, nine(10, 14), nine(10, 16)).await;
    rate_at(db, f, 13, 5, nine(10, 17)).await;
    // Rejected; received only; submitted only.
    step(
        db,
        f.complaint[13],
        Action::Reject,
        Effect::Reject {
            reason: "Không thuộc thẩm quyền giải quyết.".into(),
        },
        coordinator,
        nine(10, 16),
    )
    .await;
    // Reopened and still open.
    publish(db, f, 17, sxd, &p.a2, nine(10, 4), nine(10, 9)).await;
    rate_at(db, f, 17, 1, nine(10, 10)).await;
    let due = end_of_day(NaiveDate::from_ymd_opt(2026, 10, 25).unwrap());
    step(
        db,
        f.complaint[16],
        Action::Reopen,
        Effect::Reopen { deadline_at: due },
        coordinator,
        nine(10, 11),
    )
    .await;
    // Reopened, answered again on time and rated again.
    publish(db, f, 18, syt, &p.b1, nine(10, 2), nine(10, 6)).await;
    rate_at(db, f, 18, 2, nine(10, 7)).await;
    let id18 = f.complaint[17];
    step(
        db,
        id18,
        Action::Reopen,
        Effect::Reopen { deadline_at: due },
        coordinator,
        nine(10, 8),
    )
    .await;
    step(
        db,
        id18,
        Action::Accept,
        Effect::Accept { officer_id: p.b1.id },
        Some(p.b1.id),
        nine(10, 9),
    )
    .await;
    answer_and_approve(db, f, 18, &p.b1, nine(10, 20)).await;
    rate_at(db, f, 18, 4, nine(10, 21)).await;
    // Received on the last evening of October, answered late in November.
    publish(db, f, 19, sct, &p.c1, local(10, 31, 23, 30), nine(11, 20)).await;
    let id20 = f.complaint[19];
    step(
        db,
        id20,
        Action::Assign,
        Effect::Assign { agency_id: sct },
        coordinator,
        nine(11, 20) + 3600,
    )
    .await;
    step(
        db,
        id20,
        Action::Accept,
        Effect::Accept { officer_id: p.c1.id },
        Some(p.c1.id),
        nine(11, 21),
    )
    .await;
    // September.
    publish(db, f, 21, sxd, &p.a1, nine(9, 1), nine(9, 10)).await;
    rate_at(db, f, 21, 4, nine(9, 11)).await;
    publish(db, f, 22, sxd, &p.a1, nine(9, 2), nine(9, 25)).await;
    publish(db, f, 23, syt, &p.b1, nine(9, 3), nine(9, 5)).await;
    rate_at(db, f, 23, 5, nine(9, 6)).await;
    publish(db, f, 24, sct, &p.c1, nine(9, 4), nine(9, 30)).await;
    rate_at(db, f, 24, 1, nine(10, 1)).await;
}
