//! Statistics pinned by hand: every figure of the agency ranking, the staff
//! ranking, the dashboard and the home page computed from the fixture in
//! `stats/fixture.rs` (its table says what happened to each complaint), on
//! both databases. Then: the incrementally kept aggregates equal a rebuild,
//! after the fixture and after generated data moved on by the services.

mod fixture;

use chrono::NaiveDate;
use phanhoi::domain::stats::{AgencyRankRow, Period, Score, Tally};
use phanhoi::domain::ComplaintStatus;
use phanhoi::error::AppError;
use phanhoi::server::services::stats;
use phanhoi::server::{store, Db};

use self::fixture::{build, now};
use crate::on_both_databases;
use crate::support::TestDb;

fn tally(received: i64, answered: i64, on_time: i64, ratings: [i64; 5], open: i64, overdue: i64) -> Tally {
    Tally {
        received,
        answered,
        on_time,
        ratings,
        open,
        overdue,
    }
}

fn close(actual: f64, expected: f64) -> bool {
    (actual - expected).abs() < 1e-9
}

#[track_caller]
fn assert_score(score: Option<Score>, on_time: f64, satisfaction: f64) {
    let score = score.expect("a score");
    assert!(close(score.on_time, on_time), "on time {} ≠ {on_time}", score.on_time);
    let s = score.satisfaction.expect("satisfaction points");
    assert!(close(s, satisfaction), "satisfaction {s} ≠ {satisfaction}");
    let composite = 0.5 * on_time + 0.5 * satisfaction;
    assert!(
        close(score.composite, composite),
        "composite {} ≠ {composite}",
        score.composite
    );
}

fn october() -> Period {
    Period::Month { year: 2026, month: 10 }
}

fn row<'a>(rows: &'a [AgencyRankRow], code: &str) -> &'a AgencyRankRow {
    rows.iter().find(|r| r.code == code).expect("agency listed")
}

/// m = 10 (the prior weight); `p` the common on-time rate, `s` the common
/// satisfaction (0 to 1). Points: 100 × (x + m·p) / (n + m).
fn points(x: f64, n: f64, p: f64) -> f64 {
    100.0 * (x + 10.0 * p) / (n + 10.0)
}

on_both_databases!(agency_ranking_of_october, |t: TestDb| async move {
    build(&t.db).await;
    let ranking = stats::agency_ranking(&t.db, october(), now()).await.unwrap();
    assert_eq!(ranking.previous, Period::Month { year: 2026, month: 9 });
    // Received in October: SXD 1-6 and 17; SYT 8-11 and 18; SCT 13 and 19;
    // no agency 14 and 15. Answered in October: SXD 1, 2, 3 (late), 4, 7;
    // SYT 8, 9, 10 (late), 18; SCT 13. Open now: SXD 5 and 17, SYT 11, 15.
    let sxd = row(&ranking.rows, "SXD");
    assert_eq!(sxd.tally, tally(7, 5, 4, [0, 1, 0, 1, 2], 2, 2));
    let syt = row(&ranking.rows, "SYT");
    assert_eq!(syt.tally, tally(5, 4, 3, [1, 0, 0, 2, 1], 1, 1));
    let sct = row(&ranking.rows, "SCT");
    assert_eq!(sct.tally, tally(2, 1, 1, [0, 0, 0, 0, 1], 0, 0));
    assert_eq!(ranking.province, tally(16, 10, 8, [1, 1, 0, 3, 4], 4, 4));
    // Displayed rates.
    assert_eq!(sxd.tally.on_time_percent(), Some(80.0));
    assert_eq!(sxd.tally.average_score(), Some(4.0));
    assert_eq!(sxd.tally.satisfied_percent(), Some(75.0));
    assert_eq!(syt.tally.average_score(), Some(3.5));
    // Common means over the agencies: 8 on time of 10 answers + 3 overdue;
    // satisfaction points (35 − 9) / 4 = 6.5 over 9 ratings.
    let (p, s) = (8.0 / 13.0, 6.5 / 9.0);
    assert_score(sxd.score, points(4.0, 7.0, p), points(3.0, 4.0, s));
    assert_score(syt.score, points(3.0, 5.0, p), points(2.5, 4.0, s));
    assert_score(sct.score, points(1.0, 1.0, p), points(1.0, 1.0, s));
    assert_score(ranking.province_score, 100.0 * p, 100.0 * s);
    assert_eq!((sct.rank, sxd.rank, syt.rank), (Some(1), Some(2), Some(3)));
    let order: Vec<&str> = ranking.rows.iter().take(3).map(|r| r.code.as_str()).collect();
    assert_eq!(order, ["SCT", "SXD", "SYT"]);
    // Every other handling agency is listed, unranked, with zeros.
    assert_eq!(ranking.rows.len(), 17);
    for other in &ranking.rows[3..] {
        assert_eq!((other.rank, other.score, other.tally), (None, None, Tally::default()));
    }
    assert!(ranking.rows.iter().all(|r| r.code != "VP_UBND"));
    // September: SXD 21 (on time, 4), 22 (late); SYT 23 (on time, 5); SCT
    // 24 (late, 1); nothing of September is open now. p = 2/4, s = 1.75/3.
    let (p9, s9) = (0.5, 1.75 / 3.0);
    let sep = |on_time: f64, n: f64, sat: f64, rated: f64| 0.5 * points(on_time, n, p9) + 0.5 * points(sat, rated, s9);
    let (sxd9, syt9, sct9) = (
        sep(1.0, 2.0, 0.75, 1.0),
        sep(1.0, 1.0, 1.0, 1.0),
        sep(0.0, 1.0, 0.0, 1.0),
    );
    assert!(syt9 > sxd9 && sxd9 > sct9);
    assert_eq!((sct.change.previous_rank, sct.change.rank_delta), (Some(3), Some(2)));
    assert_eq!((sxd.change.previous_rank, sxd.change.rank_delta), (Some(2), Some(0)));
    assert_eq!((syt.change.previous_rank, syt.change.rank_delta), (Some(1), Some(-2)));
    assert!(close(sct.change.previous_score.unwrap(), sct9));
    assert!(close(
        sct.change.score_delta.unwrap(),
        sct.score.unwrap().composite - sct9
    ));
    assert!(close(
        sxd.change.score_delta.unwrap(),
        sxd.score.unwrap().composite - sxd9
    ));
    assert!(close(
        syt.change.score_delta.unwrap(),
        syt.score.unwrap().composite - syt9
    ));
});

on_both_databases!(agency_ranking_of_november, |t: TestDb| async move {
    build(&t.db).await;
    let ranking = stats::agency_ranking(&t.db, Period::Month { year: 2026, month: 11 }, now())
        .await
        .unwrap();
    // Received in November: 12 (00:30 on 1 November) and 20; answered: 6
    // (SXD, 3), 12 (SYT, 4), 19 (SCT, late); 20 is open, due 7 December.
    assert_eq!(row(&ranking.rows, "SXD").tally, tally(0, 1, 1, [0, 0, 1, 0, 0], 0, 0));
    assert_eq!(row(&ranking.rows, "SYT").tally, tally(1, 1, 1, [0, 0, 0, 1, 0], 0, 0));
    let sct = row(&ranking.rows, "SCT");
    assert_eq!(sct.tally, tally(1, 1, 0, [0; 5], 1, 0));
    assert_eq!(ranking.province, tally(2, 3, 2, [0, 0, 1, 1, 0], 1, 0));
    let (p, s) = (2.0 / 3.0, 1.25 / 2.0);
    assert_score(
        row(&ranking.rows, "SXD").score,
        points(1.0, 1.0, p),
        points(0.5, 1.0, s),
    );
    assert_score(
        row(&ranking.rows, "SYT").score,
        points(1.0, 1.0, p),
        points(0.75, 1.0, s),
    );
    assert_score(sct.score, points(0.0, 1.0, p), points(0.0, 0.0, s));
    let ranks: Vec<(&str, Option<u32>, Option<i64>)> = ranking
        .rows
        .iter()
        .take(3)
        .map(|r| (r.code.as_str(), r.rank, r.change.rank_delta))
        .collect();
    assert_eq!(
        ranks,
        [
            ("SYT", Some(1), Some(2)),
            ("SXD", Some(2), Some(0)),
            ("SCT", Some(3), Some(-2))
        ]
    );
});

on_both_databases!(staff_ranking_of_october, |t: TestDb| async move {
    let f = build(&t.db).await;
    let p = &f.people;
    let ranking = stats::staff_ranking(&t.db, &p.coordinator, october(), None, now())
        .await
        .unwrap();
    // a1: 1, 2 answered on time (5, 4), 5 open and overdue. a2: 3 (late,
    // 2), 4 (on time), 7 (on time, 5), 17 reopened and overdue. b1: 8, 9,
    // 10 (late), 18. c1: 13. Only officers are listed.
    let names: Vec<&str> = ranking.rows.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(
        names,
        ["Hoàng Thị Dung", "Trần Văn An", "Phạm Văn Cường", "Lê Thị Bình"]
    );
    let tallies: Vec<Tally> = ranking.rows.iter().map(|r| r.tally).collect();
    assert_eq!(
        tallies,
        [
            tally(0, 1, 1, [0, 0, 0, 0, 1], 0, 0),
            tally(0, 2, 2, [0, 0, 0, 1, 1], 1, 1),
            tally(0, 4, 3, [1, 0, 0, 2, 1], 0, 0),
            tally(0, 3, 2, [0, 1, 0, 0, 1], 1, 1),
        ]
    );
    assert_eq!(ranking.total, tally(0, 10, 8, [1, 1, 0, 3, 4], 2, 2));
    let (pt, s) = (8.0 / 12.0, 6.5 / 9.0);
    assert_score(ranking.rows[0].score, points(1.0, 1.0, pt), points(1.0, 1.0, s));
    assert_score(ranking.rows[1].score, points(2.0, 3.0, pt), points(1.75, 2.0, s));
    assert_score(ranking.rows[2].score, points(3.0, 4.0, pt), points(2.5, 4.0, s));
    assert_score(ranking.rows[3].score, points(2.0, 4.0, pt), points(1.25, 2.0, s));
    let ranks: Vec<Option<u32>> = ranking.rows.iter().map(|r| r.rank).collect();
    assert_eq!(ranks, [Some(1), Some(2), Some(3), Some(4)]);
    assert_eq!(ranking.rows[0].agency_name, "Sở Công Thương");

    // The leader of SXD sees a1 and a2, scored between themselves.
    let sxd = stats::staff_ranking(&t.db, &p.leader_sxd, october(), None, now())
        .await
        .unwrap();
    assert_eq!(
        (sxd.agency_id, sxd.agency_name.as_deref()),
        (Some(f.ids.sxd), Some("Sở Xây dựng"))
    );
    let names: Vec<&str> = sxd.rows.iter().map(|r| r.full_name.as_str()).collect();
    assert_eq!(names, ["Trần Văn An", "Lê Thị Bình"]);
    let (pt, s) = (4.0 / 7.0, 3.0 / 4.0);
    assert_score(sxd.rows[0].score, points(2.0, 3.0, pt), points(1.75, 2.0, s));
    assert_score(sxd.rows[1].score, points(2.0, 4.0, pt), points(1.25, 2.0, s));
    // September: a1 had 21 (on time, 4) and 22 (late); a2 nothing.
    assert_eq!(sxd.rows[0].change.previous_rank, Some(1));
    assert_eq!(sxd.rows[1].change.previous_rank, None);
    assert_eq!(
        stats::staff_ranking(&t.db, &p.leader_sxd, october(), Some(f.ids.syt), now()).await,
        Err(AppError::Forbidden)
    );
    assert_eq!(
        stats::staff_ranking(&t.db, &p.a1, october(), None, now()).await,
        Err(AppError::Forbidden)
    );
    // The coordinator may look at one agency.
    let syt = stats::staff_ranking(&t.db, &p.coordinator, october(), Some(f.ids.syt), now())
        .await
        .unwrap();
    assert_eq!(syt.rows.len(), 1);
    assert_eq!(syt.total, tally(0, 4, 3, [1, 0, 0, 2, 1], 0, 0));
});

async fn names(db: &Db, table: &str, codes: &[&str]) -> Vec<String> {
    let mut out = Vec::new();
    for code in codes {
        let name: String = sqlx::query_scalar(&format!("SELECT name FROM {table} WHERE code = $1"))
            .bind(*code)
            .fetch_one(db.pool())
            .await
            .unwrap();
        out.push(name);
    }
    out
}

on_both_databases!(dashboard_of_october, |t: TestDb| async move {
    let f = build(&t.db).await;
    let d = stats::dashboard(&t.db, &f.people.coordinator, october(), now())
        .await
        .unwrap();
    assert_eq!(d.totals, tally(16, 10, 8, [1, 1, 0, 3, 4], 4, 4));
    use ComplaintStatus as S;
    let statuses: Vec<(S, i64)> = d.by_status.iter().map(|s| (s.status, s.count)).collect();
    assert_eq!(
        statuses,
        [
            (S::Received, 1),
            (S::Assigned, 1),
            (S::InProgress, 1),
            (S::AwaitingApproval, 0),
            (S::Published, 2),
            (S::Rated, 9),
            (S::Closed, 0),
            (S::Rejected, 1),
            (S::Reopened, 1),
        ]
    );
    let agencies: Vec<(Option<i64>, Tally)> = d.by_agency.iter().map(|g| (g.id, g.tally)).collect();
    assert_eq!(
        agencies,
        [
            (Some(f.ids.sxd), tally(7, 5, 4, [0, 1, 0, 1, 2], 2, 2)),
            (Some(f.ids.syt), tally(5, 4, 3, [1, 0, 0, 2, 1], 1, 1)),
            (Some(f.ids.sct), tally(2, 1, 1, [0, 0, 0, 0, 1], 0, 0)),
            (None, tally(2, 0, 0, [0; 5], 1, 1)),
        ]
    );
    assert_eq!(d.by_agency[3].name, "Chưa chuyển cơ quan xử lý");
    let categories: Vec<(String, Tally)> = d.by_category.iter().map(|g| (g.name.clone(), g.tally)).collect();
    let category_names = names(
        &t.db,
        "categories",
        &[
            "giao-thong",
            "y-te",
            "thuong-mai-gia-ca",
            "xay-dung-do-thi",
            "moi-truong",
        ],
    )
    .await;
    let expected = [
        tally(6, 4, 4, [0, 0, 0, 1, 2], 2, 2),
        tally(5, 4, 3, [1, 0, 0, 2, 1], 1, 1),
        tally(2, 1, 1, [0, 0, 0, 0, 1], 0, 0),
        tally(1, 1, 0, [0, 1, 0, 0, 0], 0, 0),
        tally(1, 0, 0, [0; 5], 0, 0),
    ];
    let mut want: Vec<(String, Tally)> = category_names.into_iter().zip(expected).collect();
    want.push(("Chưa phân loại lĩnh vực".into(), tally(1, 0, 0, [0; 5], 1, 1)));
    assert_eq!(categories, want);
    let communes: Vec<(String, Tally)> = d.by_commune.iter().map(|g| (g.name.clone(), g.tally)).collect();
    assert_eq!(
        communes,
        [
            ("Phường Hạc Thành".to_owned(), tally(8, 5, 5, [0, 0, 0, 2, 3], 2, 2)),
            ("Phường Quảng Phú".to_owned(), tally(5, 3, 2, [0, 1, 0, 1, 1], 1, 1)),
            ("Không rõ xã, phường".to_owned(), tally(3, 2, 1, [1, 0, 0, 0, 0], 1, 1)),
        ]
    );
    assert_eq!(d.by_month.len(), 1);
    assert_eq!(
        (d.by_month[0].label.as_str(), d.by_month[0].tally),
        ("10/2026", tally(16, 10, 8, [1, 1, 0, 3, 4], 0, 0))
    );
    assert_eq!(
        stats::dashboard(&t.db, &f.people.leader_sxd, october(), now()).await,
        Err(AppError::Forbidden)
    );
});

on_both_databases!(dashboard_of_a_custom_range, |t: TestDb| async move {
    let f = build(&t.db).await;
    let date = |m, d| NaiveDate::from_ymd_opt(2026, m, d).unwrap();
    let range = Period::range(date(9, 15), date(11, 10)).unwrap();
    let d = stats::dashboard(&t.db, &f.people.coordinator, range, now())
        .await
        .unwrap();
    // 15–30 September: 7 received; 22 (late) and 24 (late, 1) answered.
    // October as above. 1–10 November: 12 received; 6 (3) and 12 (4)
    // answered on time.
    let months: Vec<(&str, Tally)> = d.by_month.iter().map(|m| (m.label.as_str(), m.tally)).collect();
    assert_eq!(
        months,
        [
            ("09/2026", tally(1, 2, 0, [1, 0, 0, 0, 0], 0, 0)),
            ("10/2026", tally(16, 10, 8, [1, 1, 0, 3, 4], 0, 0)),
            ("11/2026", tally(1, 2, 2, [0, 0, 1, 1, 0], 0, 0)),
        ]
    );
    assert_eq!(d.totals, tally(18, 14, 10, [2, 1, 1, 4, 4], 4, 4));
    // The third quarter: September's complaints plus 7 (received 25/09).
    let q3 = stats::dashboard(
        &t.db,
        &f.people.coordinator,
        Period::Quarter { year: 2026, quarter: 3 },
        now(),
    )
    .await
    .unwrap();
    assert_eq!(q3.totals, tally(5, 4, 2, [1, 0, 0, 1, 1], 0, 0));
    assert_eq!(
        q3.by_month.iter().map(|m| m.tally.received).collect::<Vec<_>>(),
        [0, 0, 5]
    );
    let year = stats::dashboard(&t.db, &f.people.coordinator, Period::Year { year: 2026 }, now())
        .await
        .unwrap();
    assert_eq!(year.totals, tally(23, 17, 12, [2, 1, 1, 5, 5], 5, 4));
    assert_eq!(year.by_month.len(), 12);
});

on_both_databases!(home_figures_are_the_same_aggregates, |t: TestDb| async move {
    build(&t.db).await;
    let figures = stats::headline_figures(&t.db).await.unwrap();
    // 23 received (16 never was); 17 answered now, 5 of them late (3, 10,
    // 19, 22, 24).
    assert_eq!(
        (figures.received, figures.answered, figures.answered_on_time),
        (23, 17, 12)
    );
    let home = phanhoi::server::services::home::home_data(&t.db).await.unwrap();
    assert_eq!(home.figures, figures);
});

/// An aggregate cell: dim, bucket, key and the eight counts.
type CellRow = (i64, i64, i64, i64, i64, i64, i64, i64, i64, i64, i64);
/// A `stats_facts` row: complaint, days, status, agency, officer, on time, score.
type FactsRow = (
    i64,
    Option<i64>,
    Option<i64>,
    String,
    Option<i64>,
    Option<i64>,
    i64,
    Option<i64>,
);

/// The non-zero rows of the aggregate tables, in a stable order.
async fn snapshot(db: &Db) -> Vec<String> {
    let mut out = Vec::new();
    for (table, bucket) in [("stats_daily", "day"), ("stats_monthly", "month")] {
        let rows: Vec<CellRow> = sqlx::query_as(&format!(
            "SELECT dim, {bucket}, key, received, answered, on_time, rated_1, rated_2, rated_3, rated_4, rated_5 \
             FROM {table} WHERE received <> 0 OR answered <> 0 OR on_time <> 0 OR rated_1 <> 0 OR rated_2 <> 0 \
             OR rated_3 <> 0 OR rated_4 <> 0 OR rated_5 <> 0 ORDER BY dim, {bucket}, key"
        ))
        .fetch_all(db.pool())
        .await
        .unwrap();
        out.extend(rows.iter().map(|r| format!("{table} {r:?}")));
    }
    let facts: Vec<FactsRow> = sqlx::query_as(
        "SELECT complaint_id, received_day, published_day, status, agency_id, officer_id, on_time, score \
             FROM stats_facts ORDER BY complaint_id",
    )
    .fetch_all(db.pool())
    .await
    .unwrap();
    out.extend(facts.iter().map(|r| format!("facts {r:?}")));
    out
}

/// The row's timestamps the statistics read agree with the events: receipt
/// with the move from submitted to received, publication with the last move
/// to published (for an answer that counts).
async fn rows_agree_with_events(db: &Db) {
    let disagree: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM complaints c WHERE \
           COALESCE(c.received_at, -1) <> COALESCE((SELECT MIN(e.at) FROM complaint_events e \
             WHERE e.complaint_id = c.id AND e.from_status = 'submitted' AND e.to_status = 'received'), -1) \
           OR (c.status IN ('published', 'rated', 'closed') AND c.published_at <> (SELECT MAX(e.at) \
             FROM complaint_events e WHERE e.complaint_id = c.id AND e.to_status = 'published'))",
    )
    .fetch_one(db.pool())
    .await
    .unwrap();
    assert_eq!(disagree, 0);
}

async fn rebuilt_equals_incremental(db: &Db) {
    rows_agree_with_events(db).await;
    let incremental = snapshot(db).await;
    assert!(!incremental.is_empty());
    stats::rebuild(db).await.unwrap();
    let rebuilt = snapshot(db).await;
    let differ: Vec<_> = incremental
        .iter()
        .zip(&rebuilt)
        .filter(|(a, b)| a != b)
        .take(5)
        .collect();
    assert!(differ.is_empty(), "first differences: {differ:#?}");
    assert_eq!(incremental.len(), rebuilt.len());
}

on_both_databases!(the_fixture_aggregates_equal_a_rebuild, |t: TestDb| async move {
    build(&t.db).await;
    rebuilt_equals_incremental(&t.db).await;
});

on_both_databases!(generated_data_moved_on_equals_a_rebuild, |t: TestDb| async move {
    phanhoi::server::seed::seed_reference(&t.db, 17).await.unwrap();
    let at = now();
    let report = phanhoi::server::generate::generate(&t.db, 1_500, 7, 1, at)
        .await
        .unwrap();
    assert_eq!(report.stats.complaints, 1_500);
    // The generator's own rebuild is the starting point; now move open
    // complaints along through the store and rate published ones.
    let open: Vec<(i64, String, Option<i64>)> = sqlx::query_as(
        "SELECT id, status, agency_id FROM complaints WHERE status IN ('received', 'assigned', 'in_progress', \
         'awaiting_approval') ORDER BY id LIMIT 60",
    )
    .fetch_all(t.db.pool())
    .await
    .unwrap();
    assert!(!open.is_empty());
    let officer: i64 = sqlx::query_scalar("SELECT MIN(id) FROM staff_users WHERE role = 'officer'")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    let agency: i64 = sqlx::query_scalar("SELECT agency_id FROM staff_users WHERE id = $1")
        .bind(officer)
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    for (n, (id, _, _)) in open.iter().enumerate() {
        let when = at + 60 * n as i64;
        phanhoi::server::services::complaints::publish_answer(&t.db, *id, agency, "Đã xử lý.", when)
            .await
            .unwrap();
        if n % 2 == 0 {
            phanhoi::server::services::ratings::rate(&t.db, *id, 1 + (n as i64 % 5), None, when + 30)
                .await
                .unwrap();
        }
    }
    // New filings add their own contribution without reading it back:
    // routed or not, with and without category, commune or chosen agency.
    let router = phanhoi::server::services::routing::Router::load(&t.db).await.unwrap();
    let mut conn = t.db.pool().acquire().await.unwrap();
    let reference = t.db.reference(&mut conn).await.unwrap();
    drop(conn);
    for n in 0..8_usize {
        let new = store::complaints::NewComplaint {
            title: "Đèn đường hỏng cả tuần nay".into(),
            description: "Cả đoạn đường tối om, đi lại rất nguy hiểm vào buổi tối.".into(),
            category_id: (n % 2 == 0).then(|| reference.categories[n % reference.categories.len()].id),
            commune_id: (n % 3 != 0).then(|| reference.communes[n % reference.communes.len()].id),
            address: String::new(),
            latitude: None,
            longitude: None,
            citizen_name: "Trần Thị Bình".into(),
            citizen_phone: "0912345678".into(),
            citizen_email: None,
            is_public: true,
            chosen_agency_id: (n % 4 == 1).then_some(agency),
            idempotency_key: Some(format!("stats-test-{n}")),
        };
        let auto_assign = (n % 2 == 1).then_some(0.0);
        phanhoi::server::services::complaints::file(&t.db, &router, &new, auto_assign, at + 7_200 + n as i64)
            .await
            .unwrap();
    }
    rebuilt_equals_incremental(&t.db).await;
    // The rebuilt aggregates agree with a plain count over the rows.
    let received: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM complaints WHERE received_at IS NOT NULL")
        .fetch_one(t.db.pool())
        .await
        .unwrap();
    let mut conn = t.db.pool().acquire().await.unwrap();
    let figures = store::stats::headline_figures(&mut conn).await.unwrap();
    assert_eq!(figures.received, received);
});
