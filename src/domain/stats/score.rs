//! Điểm tổng hợp: the composite score that ranks agencies and officers,
//! and the ranks it gives. Fair to groups with few complaints: each rate is
//! smoothed toward the mean of everyone compared (the province, or the
//! officers shown) with a prior weight of [`PRIOR_WEIGHT`] complaints —
//! `smoothed = (x + m·p) / (n + m)` — so two lucky answers do not top the
//! table and two unlucky ones do not sink it. [`FORMULA`] says it in
//! Vietnamese on the ranking page.

use serde::{Deserialize, Serialize};

use super::Tally;

/// m: how many complaints' worth of the common mean each rate starts with.
pub const PRIOR_WEIGHT: f64 = 10.0;
/// The weights of the on-time points and the satisfaction points.
pub const ON_TIME_WEIGHT: f64 = 0.5;
pub const SATISFACTION_WEIGHT: f64 = 0.5;

/// The formula as the ranking page writes it.
pub const FORMULA: &str = "Điểm tổng hợp (thang 100) = 50% điểm đúng hạn + 50% điểm hài lòng. \
Điểm đúng hạn = 100 × (số trả lời đúng hạn + m × tỷ lệ đúng hạn chung) ÷ (số đã trả lời + số quá hạn \
chưa trả lời + m): một phản ánh đã quá hạn mà chưa trả lời được tính như một lần trả lời trễ hạn. \
Điểm hài lòng = 100 × (tổng điểm quy đổi các đánh giá + m × mức hài lòng chung) ÷ (số đánh giá + m), \
với mỗi đánh giá quy đổi: rất không hài lòng = 0; không hài lòng = 0,25; bình thường = 0,5; \
hài lòng = 0,75; rất hài lòng = 1. Tỷ lệ và mức chung tính trên toàn tỉnh trong cùng kỳ; m = 10. \
Nhờ vậy, đơn vị có ít phản ánh được kéo về mức chung của tỉnh, vài trường hợp may rủi không đẩy \
đơn vị lên đầu hay xuống cuối bảng; đơn vị càng nhiều phản ánh thì điểm càng sát kết quả thực của \
mình. Khi trong kỳ chưa có đánh giá nào, điểm tổng hợp là điểm đúng hạn. Đơn vị không có phản ánh \
nào đã trả lời hoặc quá hạn trong kỳ thì chưa xếp hạng; các đơn vị bằng điểm (làm tròn 0,01) \
cùng hạng.";

/// A group's points, each out of 100.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Score {
    /// Smoothed on-time rate × 100.
    pub on_time: f64,
    /// Smoothed satisfaction × 100; `None` when nobody compared was rated.
    pub satisfaction: Option<f64>,
    /// The weighted sum: what ranks.
    pub composite: f64,
}

/// `(x + m·p) / (n + m)`: `x` successes of `n`, pulled toward the mean `p`
/// with the weight of `m` cases.
pub fn smoothed(x: f64, n: f64, p: f64, m: f64) -> f64 {
    (x + m * p) / (n + m)
}

/// The cases an on-time rate counts: answers plus overdue open complaints.
fn on_time_cases(tally: &Tally) -> i64 {
    tally.answered + tally.overdue
}

/// A rating as a share of full satisfaction: 1 → 0, 5 → 1.
fn satisfaction_points(tally: &Tally) -> f64 {
    (tally.score_sum() - tally.rated()) as f64 / 4.0
}

/// The common means every group is smoothed toward.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Baseline {
    /// On-time answers over answers plus overdue open complaints.
    pub on_time: Option<f64>,
    /// Mean satisfaction, 0 to 1.
    pub satisfaction: Option<f64>,
}

impl Baseline {
    /// The means of everyone compared (their tallies summed).
    pub fn of(total: &Tally) -> Self {
        let cases = on_time_cases(total);
        let rated = total.rated();
        Self {
            on_time: (cases > 0).then(|| total.on_time as f64 / cases as f64),
            satisfaction: (rated > 0).then(|| satisfaction_points(total) / rated as f64),
        }
    }
}

/// The group's score, or `None` when it has nothing answered or overdue in
/// the period (or nobody compared has).
pub fn score(tally: &Tally, baseline: &Baseline) -> Option<Score> {
    let cases = on_time_cases(tally);
    let on_time_mean = baseline.on_time?;
    if cases == 0 {
        return None;
    }
    let on_time = 100.0 * smoothed(tally.on_time as f64, cases as f64, on_time_mean, PRIOR_WEIGHT);
    let satisfaction = baseline
        .satisfaction
        .map(|mean| 100.0 * smoothed(satisfaction_points(tally), tally.rated() as f64, mean, PRIOR_WEIGHT));
    let composite = match satisfaction {
        Some(points) => ON_TIME_WEIGHT * on_time + SATISFACTION_WEIGHT * points,
        None => on_time,
    };
    Some(Score {
        on_time,
        satisfaction,
        composite,
    })
}

/// A score rounded to hundredths, for comparing: equal when they print
/// alike.
fn hundredths(value: f64) -> i64 {
    (value * 100.0).round() as i64
}

/// Ranks by composite score, best first ("1, 2, 2, 4"): `order` lists the
/// indices of `scores` best first (unscored last, ties in input order) and
/// `ranks[i]` is the rank of `scores[i]`.
pub fn rank(scores: &[Option<f64>]) -> (Vec<usize>, Vec<Option<u32>>) {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_by_key(|&i| match scores[i] {
        Some(score) => (0, -hundredths(score)),
        None => (1, 0),
    });
    let mut ranks = vec![None; scores.len()];
    let mut previous: Option<(i64, u32)> = None;
    for (position, &i) in order.iter().enumerate() {
        let Some(score) = scores[i] else { continue };
        let key = hundredths(score);
        let rank = match previous {
            Some((last, last_rank)) if last == key => last_rank,
            _ => position as u32 + 1,
        };
        ranks[i] = Some(rank);
        previous = Some((key, rank));
    }
    (order, ranks)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(answered: i64, on_time: i64, overdue: i64, ratings: [i64; 5]) -> Tally {
        Tally {
            answered,
            on_time,
            overdue,
            ratings,
            ..Tally::default()
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn smoothing_pulls_small_groups_to_the_mean() {
        assert!(close(smoothed(2.0, 2.0, 0.5, 10.0), 7.0 / 12.0));
        assert!(close(smoothed(0.0, 0.0, 0.8, 10.0), 0.8));
        // Many cases: close to the raw rate.
        assert!(close(smoothed(900.0, 1000.0, 0.5, 10.0), 905.0 / 1010.0));
    }

    #[test]
    fn baseline_counts_overdue_as_late() {
        let total = tally(8, 6, 2, [0, 0, 1, 1, 2]);
        let base = Baseline::of(&total);
        assert!(close(base.on_time.unwrap(), 0.6));
        // Points: 0.5 + 0.75 + 1 + 1 = 3.25 over 4 ratings.
        assert!(close(base.satisfaction.unwrap(), 3.25 / 4.0));
        assert_eq!(Baseline::of(&Tally::default()).on_time, None);
    }

    #[test]
    fn composite_score() {
        let base = Baseline {
            on_time: Some(0.8),
            satisfaction: Some(0.5),
        };
        // 4 answers, 3 on time, 1 overdue; two ratings, 5 and 3.
        let s = score(&tally(4, 3, 1, [0, 0, 1, 0, 1]), &base).unwrap();
        assert!(close(s.on_time, 100.0 * (3.0 + 8.0) / (5.0 + 10.0)));
        assert!(close(s.satisfaction.unwrap(), 100.0 * (1.5 + 5.0) / 12.0));
        assert!(close(s.composite, 0.5 * s.on_time + 0.5 * s.satisfaction.unwrap()));
        // Nothing answered or overdue: no score.
        assert_eq!(score(&tally(0, 0, 0, [0; 5]), &base), None);
        // Nobody rated: the on-time points alone.
        let unrated = Baseline {
            satisfaction: None,
            ..base
        };
        let s = score(&tally(2, 2, 0, [0; 5]), &unrated).unwrap();
        assert_eq!(s.satisfaction, None);
        assert!(close(s.composite, 100.0 * 10.0 / 12.0));
    }

    #[test]
    fn a_small_perfect_agency_does_not_beat_a_large_good_one() {
        let total = tally(1002, 902, 0, [0; 5]);
        let base = Baseline::of(&total);
        let small = score(&tally(2, 2, 0, [0; 5]), &base).unwrap();
        let large = score(&tally(1000, 950, 0, [0; 5]), &base).unwrap();
        assert!(large.composite > small.composite);
    }

    #[test]
    fn ranks_share_ties() {
        let (order, ranks) = rank(&[Some(70.0), None, Some(90.0), Some(70.001), Some(80.0)]);
        assert_eq!(order, vec![2, 4, 0, 3, 1]);
        assert_eq!(ranks, vec![Some(3), None, Some(1), Some(3), Some(2)]);
        let (_, ranks) = rank(&[Some(1.0), Some(2.0), Some(2.0), Some(0.5)]);
        assert_eq!(ranks, vec![Some(3), Some(1), Some(1), Some(4)]);
    }

    #[test]
    fn the_formula_states_the_constants() {
        assert!(FORMULA.contains(&format!("m = {}", PRIOR_WEIGHT as i64)));
        assert!(FORMULA.contains(&format!("{}% điểm đúng hạn", (ON_TIME_WEIGHT * 100.0) as i64)));
    }
}
