//! The figures: the public agency ranking, the staff ranking, the
//! coordinator's dashboard and the home page's headline counts. All of them
//! sum the same aggregate cells (`store::stats`, kept exact with every
//! change of a complaint) and add the live counts of open complaints, so a
//! page costs a few indexed reads whatever the number of complaints.

use std::collections::HashMap;

use crate::domain::deadline::local_date;
use crate::domain::stats::contribution::{status_of_key, Dim, Metrics};
use crate::domain::stats::period::month_label;
use crate::domain::stats::score::{rank, score, Baseline};
use crate::domain::stats::{
    AgencyRankRow, AgencyRanking, Change, Dashboard, GroupRow, HeadlineFigures, MonthRow, OfficerRankRow, Period,
    PeriodQuery, Score, StaffRanking, StatusCount, Tally,
};
use crate::domain::{ComplaintStatus, Role, StaffUser};
use crate::error::AppError;
use crate::server::store::stats::{self as aggregates, OpenGroup, RebuildReport};
use crate::server::store::Conn;
use crate::server::Db;

/// The period named by the query parameters, relative to the local date at
/// `now` (no `ky`: the current month).
pub fn period_from_query(query: &PeriodQuery, now: i64) -> Result<Period, AppError> {
    Period::from_query(query, local_date(now))
}

/// Received, answered and on-time counts over all time.
pub async fn headline_figures(db: &Db) -> Result<HeadlineFigures, AppError> {
    let mut conn = db.pool().acquire().await?;
    Ok(aggregates::headline_figures(&mut conn).await?)
}

/// Recomputes the aggregates from the complaints (`phanhoi stats rebuild`).
pub async fn rebuild(db: &Db) -> Result<RebuildReport, AppError> {
    let mut tx = db.begin_write().await?;
    let report = aggregates::rebuild(&mut tx).await?;
    tx.commit().await?;
    Ok(report)
}

fn tally_of(metrics: &Metrics) -> Tally {
    Tally {
        received: metrics.received(),
        answered: metrics.answered(),
        on_time: metrics.on_time(),
        ratings: metrics.ratings(),
        open: 0,
        overdue: 0,
    }
}

/// The period's tallies of `dim` per key, with the live open counts of
/// `open` grouped alike (`None` keys are stored as 0).
async fn tallies(
    conn: &mut Conn,
    dim: Dim,
    open: OpenGroup,
    period: &Period,
    now: i64,
) -> Result<HashMap<i64, Tally>, AppError> {
    let (first, last) = (period.first_day(), period.last_day());
    let mut out: HashMap<i64, Tally> = aggregates::sum_by_key(conn, dim, first, last)
        .await?
        .iter()
        .map(|(key, metrics)| (*key, tally_of(metrics)))
        .collect();
    for (key, open_now, overdue) in aggregates::open_counts(conn, open, first, last, now).await? {
        let tally = out.entry(key.unwrap_or(0)).or_default();
        tally.open += open_now;
        tally.overdue += overdue;
    }
    Ok(out)
}

/// The whole province's tally for the period.
async fn province_tally(conn: &mut Conn, period: &Period, now: i64) -> Result<Tally, AppError> {
    let all = tallies(conn, Dim::Province, OpenGroup::Province, period, now).await?;
    Ok(all.get(&0).copied().unwrap_or_default())
}

/// Scores and ranks tallies compared with each other (smoothed toward
/// their sum); returns each one's score and rank, in input order.
fn score_and_rank(tallies: &[Tally]) -> Vec<(Option<Score>, Option<u32>)> {
    let mut total = Tally::default();
    for t in tallies {
        total.add(t);
    }
    let baseline = Baseline::of(&total);
    let scores: Vec<Option<Score>> = tallies.iter().map(|t| score(t, &baseline)).collect();
    let composites: Vec<Option<f64>> = scores.iter().map(|s| s.map(|s| s.composite)).collect();
    let (_, ranks) = rank(&composites);
    scores.into_iter().zip(ranks).collect()
}

fn change(now: (Option<Score>, Option<u32>), then: Option<&(Option<Score>, Option<u32>)>) -> Change {
    let previous_score = then.and_then(|t| t.0).map(|s| s.composite);
    let previous_rank = then.and_then(|t| t.1);
    Change {
        previous_score,
        previous_rank,
        score_delta: now.0.zip(previous_score).map(|(s, p)| s.composite - p),
        rank_delta: now.1.zip(previous_rank).map(|(r, p)| i64::from(p) - i64::from(r)),
    }
}

/// The agencies ranked for a period: every agency that handles complaints
/// and is active or has a count; with their scores and ranks.
async fn ranked_agencies(
    conn: &mut Conn,
    agencies: &[aggregates::AgencyName],
    period: &Period,
    now: i64,
) -> Result<HashMap<i64, (Tally, Option<Score>, Option<u32>)>, AppError> {
    let by_agency = tallies(conn, Dim::Agency, OpenGroup::Agency, period, now).await?;
    let shown: Vec<(i64, Tally)> = agencies
        .iter()
        .filter(|a| a.handles_complaints)
        .filter_map(|a| {
            let tally = by_agency.get(&a.id).copied().unwrap_or_default();
            (a.active || !tally.is_empty()).then_some((a.id, tally))
        })
        .collect();
    let tallies: Vec<Tally> = shown.iter().map(|(_, t)| *t).collect();
    Ok(shown
        .iter()
        .zip(score_and_rank(&tallies))
        .map(|((id, tally), (score, rank))| (*id, (*tally, score, rank)))
        .collect())
}

/// Bảng xếp hạng cơ quan, đơn vị for `period`, with the change against the
/// period before. Public: no permission needed.
pub async fn agency_ranking(db: &Db, period: Period, now: i64) -> Result<AgencyRanking, AppError> {
    let mut conn = db.pool().acquire().await?;
    let names = aggregates::group_names(&mut conn).await?;
    let previous = period.previous();
    let current = ranked_agencies(&mut conn, &names.agencies, &period, now).await?;
    let before = ranked_agencies(&mut conn, &names.agencies, &previous, now).await?;
    let province = province_tally(&mut conn, &period, now).await?;
    let mut compared = Tally::default();
    for (tally, _, _) in current.values() {
        compared.add(tally);
    }
    let mut rows: Vec<AgencyRankRow> = names
        .agencies
        .iter()
        .filter_map(|a| {
            let (tally, score, rank) = *current.get(&a.id)?;
            let then = before.get(&a.id).map(|(_, s, r)| (*s, *r));
            Some(AgencyRankRow {
                agency_id: a.id,
                code: a.code.clone(),
                name: a.name.clone(),
                tally,
                score,
                rank,
                change: change((score, rank), then.as_ref()),
            })
        })
        .collect();
    sort_ranked(&mut rows, |r| (r.rank, r.name.clone()));
    Ok(AgencyRanking {
        period,
        previous,
        rows,
        province,
        province_score: score(&compared, &Baseline::of(&compared)),
        as_of: now,
    })
}

/// Ranked rows first by rank, then the unranked; ties by name.
fn sort_ranked<T>(rows: &mut [T], key: impl Fn(&T) -> (Option<u32>, String)) {
    rows.sort_by_key(|row| {
        let (rank, name) = key(row);
        (rank.is_none(), rank, name)
    });
}

/// Whose officers `me` may see: a leader their agency's, the coordinator
/// everyone's or one agency's.
fn staff_scope(me: &StaffUser, agency: Option<i64>) -> Result<Option<i64>, AppError> {
    match me.role {
        Role::Coordinator => Ok(agency),
        Role::Leader if agency.is_none_or(|a| a == me.agency_id) => Ok(Some(me.agency_id)),
        _ => Err(AppError::Forbidden),
    }
}

/// The officers of a scope for a period, scored among themselves.
async fn ranked_officers(
    conn: &mut Conn,
    staff: &[aggregates::StaffName],
    period: &Period,
    now: i64,
) -> Result<Vec<(usize, Tally, Option<Score>, Option<u32>)>, AppError> {
    let by_officer = tallies(conn, Dim::Officer, OpenGroup::Officer, period, now).await?;
    let shown: Vec<(usize, Tally)> = staff
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let tally = by_officer.get(&s.id).copied().unwrap_or_default();
            ((s.is_officer && s.active) || !tally.is_empty()).then_some((i, tally))
        })
        .collect();
    let tallies: Vec<Tally> = shown.iter().map(|(_, t)| *t).collect();
    Ok(shown
        .iter()
        .zip(score_and_rank(&tallies))
        .map(|((i, tally), (score, rank))| (*i, *tally, score, rank))
        .collect())
}

/// Xếp hạng cán bộ for `period`: a leader sees the officers of their
/// agency; the coordinator everyone, or those of `agency`. Officers are
/// scored like agencies, smoothed toward the mean of the officers shown.
pub async fn staff_ranking(
    db: &Db,
    me: &StaffUser,
    period: Period,
    agency: Option<i64>,
    now: i64,
) -> Result<StaffRanking, AppError> {
    let scope = staff_scope(me, agency)?;
    let mut conn = db.pool().acquire().await?;
    let staff = aggregates::staff_names(&mut conn, scope).await?;
    let agency_name = match scope {
        Some(id) => Some(
            aggregates::group_names(&mut conn)
                .await?
                .agencies
                .into_iter()
                .find(|a| a.id == id)
                .ok_or(AppError::NotFound)?
                .name,
        ),
        None => None,
    };
    let previous = period.previous();
    let current = ranked_officers(&mut conn, &staff, &period, now).await?;
    let before: HashMap<usize, (Option<Score>, Option<u32>)> = ranked_officers(&mut conn, &staff, &previous, now)
        .await?
        .into_iter()
        .map(|(i, _, s, r)| (i, (s, r)))
        .collect();
    let mut total = Tally::default();
    let mut rows: Vec<OfficerRankRow> = current
        .into_iter()
        .map(|(i, tally, score, rank)| {
            total.add(&tally);
            let s = &staff[i];
            OfficerRankRow {
                officer_id: s.id,
                full_name: s.full_name.clone(),
                agency_id: s.agency_id,
                agency_name: s.agency_name.clone(),
                tally,
                score,
                rank,
                change: change((score, rank), before.get(&i)),
            }
        })
        .collect();
    sort_ranked(&mut rows, |r| (r.rank, r.full_name.clone()));
    Ok(StaffRanking {
        period,
        previous,
        agency_id: scope,
        agency_name,
        rows,
        total,
        as_of: now,
    })
}

/// Named groups with any count, most received first (then most answered,
/// then by name), the unnamed group (key 0) last.
fn group_rows(tallies: HashMap<i64, Tally>, names: &HashMap<i64, String>, unnamed: &str) -> Vec<GroupRow> {
    let mut rows: Vec<GroupRow> = tallies
        .into_iter()
        .filter(|(_, t)| !t.is_empty())
        .map(|(key, tally)| GroupRow {
            id: (key != 0).then_some(key),
            name: match key {
                0 => unnamed.to_owned(),
                _ => names.get(&key).cloned().unwrap_or_else(|| format!("#{key}")),
            },
            tally,
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.id.is_none(), -a.tally.received, -a.tally.answered, &a.name).cmp(&(
            b.id.is_none(),
            -b.tally.received,
            -b.tally.answered,
            &b.name,
        ))
    });
    rows
}

/// Bảng điều khiển for `period`: the coordinator's only.
pub async fn dashboard(db: &Db, me: &StaffUser, period: Period, now: i64) -> Result<Dashboard, AppError> {
    if me.role != Role::Coordinator {
        return Err(AppError::Forbidden);
    }
    let mut conn = db.pool().acquire().await?;
    let names = aggregates::group_names(&mut conn).await?;
    let (first, last) = (period.first_day(), period.last_day());
    let totals = province_tally(&mut conn, &period, now).await?;
    let statuses: HashMap<i64, Metrics> = aggregates::sum_by_key(&mut conn, Dim::Status, first, last)
        .await?
        .into_iter()
        .collect();
    let by_status = ComplaintStatus::ALL
        .into_iter()
        .filter(|s| *s != ComplaintStatus::Submitted)
        .map(|status| StatusCount {
            status,
            count: statuses
                .iter()
                .filter(|(key, _)| status_of_key(**key) == Some(status))
                .map(|(_, m)| m.received())
                .sum(),
        })
        .collect();
    let agency_names = names.agencies.iter().map(|a| (a.id, a.name.clone())).collect();
    let by_agency = group_rows(
        tallies(&mut conn, Dim::Agency, OpenGroup::Agency, &period, now).await?,
        &agency_names,
        "Chưa chuyển cơ quan xử lý",
    );
    let by_category = group_rows(
        tallies(&mut conn, Dim::Category, OpenGroup::Category, &period, now).await?,
        &names.categories.into_iter().collect(),
        "Chưa phân loại lĩnh vực",
    );
    let by_commune = group_rows(
        tallies(&mut conn, Dim::Commune, OpenGroup::Commune, &period, now).await?,
        &names.communes.into_iter().collect(),
        "Không rõ xã, phường",
    );
    let months: HashMap<i32, Metrics> = aggregates::sum_by_month(&mut conn, Dim::Province, 0, first, last)
        .await?
        .into_iter()
        .collect();
    let by_month = period
        .months()
        .into_iter()
        .map(|(year, month)| MonthRow {
            year,
            month,
            label: month_label(year, month),
            tally: months
                .get(&(year * 100 + month as i32))
                .map(tally_of)
                .unwrap_or_default(),
        })
        .collect();
    Ok(Dashboard {
        period,
        totals,
        by_status,
        by_agency,
        by_category,
        by_commune,
        by_month,
        as_of: now,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(role: Role) -> StaffUser {
        StaffUser {
            id: 1,
            username: "u".into(),
            email: "u@x.vn".into(),
            full_name: "U".into(),
            role,
            agency_id: 7,
        }
    }

    #[test]
    fn who_sees_which_officers() {
        assert_eq!(staff_scope(&user(Role::Coordinator), None), Ok(None));
        assert_eq!(staff_scope(&user(Role::Coordinator), Some(3)), Ok(Some(3)));
        assert_eq!(staff_scope(&user(Role::Leader), None), Ok(Some(7)));
        assert_eq!(staff_scope(&user(Role::Leader), Some(7)), Ok(Some(7)));
        assert_eq!(staff_scope(&user(Role::Leader), Some(3)), Err(AppError::Forbidden));
        assert_eq!(staff_scope(&user(Role::Officer), None), Err(AppError::Forbidden));
        assert_eq!(staff_scope(&user(Role::Admin), None), Err(AppError::Forbidden));
    }

    #[test]
    fn changes_compare_with_the_period_before() {
        let s = |c: f64| Score {
            on_time: c,
            satisfaction: None,
            composite: c,
        };
        let c = change((Some(s(80.0)), Some(2)), Some(&(Some(s(75.0)), Some(5))));
        assert_eq!(c.score_delta, Some(5.0));
        assert_eq!(c.rank_delta, Some(3));
        let c = change((Some(s(80.0)), Some(2)), None);
        assert_eq!((c.score_delta, c.rank_delta, c.previous_rank), (None, None, None));
    }
}
