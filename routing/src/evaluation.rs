//! Stratified k-fold cross-validation of the routing model: top-1 and top-3
//! accuracy, macro-F1, a calibration table, and the time to train and to
//! suggest. The server's `phanhoi routing evaluate` command prints it.

use std::fmt;
use std::time::{Duration, Instant};

use super::model::{stratified_folds, Example, Model, Params, TrainError};

/// One confidence band of the calibration table.
#[derive(Debug, Clone, PartialEq)]
pub struct CalibrationBin {
    pub from: f64,
    pub to: f64,
    pub count: usize,
    pub mean_confidence: f64,
    pub accuracy: f64,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub examples: usize,
    pub folds: usize,
    pub top1: f64,
    pub top3: f64,
    pub macro_f1: f64,
    /// Expected calibration error: mean |accuracy − confidence| weighted by
    /// the bins' sizes.
    pub calibration_error: f64,
    pub calibration: Vec<CalibrationBin>,
    /// Per agency: (code, examples, recall, precision).
    pub per_agency: Vec<(String, usize, f64, f64)>,
    pub full_training: Duration,
    pub vocabulary: usize,
    pub temperature: f64,
    pub suggestion_mean: Duration,
    pub suggestion_p99: Duration,
}

/// Cross-validates on `examples` with `folds` folds, then trains on all of
/// them once to time training and suggestions. `background` (for example
/// the agencies' own descriptions of what they handle) joins every training
/// set and is never tested on.
pub fn evaluate(
    examples: &[Example],
    background: &[Example],
    folds: usize,
    params: &Params,
) -> Result<Report, TrainError> {
    let mut labels: Vec<String> = examples.iter().map(|e| e.label.clone()).collect();
    labels.sort();
    labels.dedup();
    let truth: Vec<usize> = examples
        .iter()
        .map(|e| labels.binary_search(&e.label).unwrap_or_default())
        .collect();
    let fold_of = stratified_folds(&truth, folds, params.seed);
    // For each example: its ranked labels with confidence.
    let mut predictions: Vec<Vec<(usize, f64)>> = vec![Vec::new(); examples.len()];
    for fold in 0..folds {
        let train: Vec<Example> = examples
            .iter()
            .zip(&fold_of)
            .filter(|(_, &f)| f != fold)
            .map(|(e, _)| e.clone())
            .chain(background.iter().cloned())
            .collect();
        let model = Model::train(&train, params)?;
        for (i, example) in examples.iter().enumerate().filter(|(i, _)| fold_of[*i] == fold) {
            predictions[i] = model
                .predict(&example.text)
                .into_iter()
                .filter_map(|(code, p)| labels.binary_search_by(|l| l.as_str().cmp(code)).ok().map(|k| (k, p)))
                .collect();
        }
    }

    let n = examples.len() as f64;
    let top1 = hits(&predictions, &truth, 1) / n;
    let top3 = hits(&predictions, &truth, 3) / n;
    let mut per_agency = Vec::new();
    let mut f1_sum = 0.0;
    for (k, code) in labels.iter().enumerate() {
        let actual = truth.iter().filter(|&&t| t == k).count();
        let predicted = predictions.iter().filter(|p| p.first().map(|x| x.0) == Some(k)).count();
        let correct = predictions
            .iter()
            .zip(&truth)
            .filter(|(p, &t)| t == k && p.first().map(|x| x.0) == Some(k))
            .count();
        let recall = ratio(correct, actual);
        let precision = ratio(correct, predicted);
        let f1 = if recall + precision > 0.0 {
            2.0 * recall * precision / (recall + precision)
        } else {
            0.0
        };
        f1_sum += f1;
        per_agency.push((code.clone(), actual, recall, precision));
    }
    let calibration = calibration_table(&predictions, &truth);
    let calibration_error = calibration
        .iter()
        .map(|b| b.count as f64 * (b.accuracy - b.mean_confidence).abs())
        .sum::<f64>()
        / n;

    let everything: Vec<Example> = examples.iter().chain(background).cloned().collect();
    let started = Instant::now();
    let model = Model::train(&everything, params)?;
    let full_training = started.elapsed();
    let mut latencies: Vec<Duration> = examples
        .iter()
        .map(|e| {
            let started = Instant::now();
            std::hint::black_box(model.predict(&e.text));
            started.elapsed()
        })
        .collect();
    latencies.sort_unstable();
    let suggestion_mean = latencies.iter().sum::<Duration>() / latencies.len().max(1) as u32;
    let suggestion_p99 = latencies.get(latencies.len() * 99 / 100).copied().unwrap_or_default();

    Ok(Report {
        examples: examples.len(),
        folds,
        top1,
        top3,
        macro_f1: f1_sum / labels.len() as f64,
        calibration_error,
        calibration,
        per_agency,
        full_training,
        vocabulary: model.vocabulary_size(),
        temperature: model.temperature(),
        suggestion_mean,
        suggestion_p99,
    })
}

fn hits(predictions: &[Vec<(usize, f64)>], truth: &[usize], k: usize) -> f64 {
    predictions
        .iter()
        .zip(truth)
        .filter(|(p, &t)| p.iter().take(k).any(|&(label, _)| label == t))
        .count() as f64
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Top-1 suggestions grouped by confidence in bands of 0.1.
pub fn calibration_table(predictions: &[Vec<(usize, f64)>], truth: &[usize]) -> Vec<CalibrationBin> {
    (0..10)
        .filter_map(|band| {
            let from = band as f64 / 10.0;
            let to = from + 0.1;
            let members: Vec<(f64, bool)> = predictions
                .iter()
                .zip(truth)
                .filter_map(|(p, &t)| p.first().map(|&(label, conf)| (conf, label == t)))
                .filter(|&(conf, _)| conf >= from && (conf < to || band == 9))
                .collect();
            (!members.is_empty()).then(|| CalibrationBin {
                from,
                to,
                count: members.len(),
                mean_confidence: members.iter().map(|m| m.0).sum::<f64>() / members.len() as f64,
                accuracy: members.iter().filter(|m| m.1).count() as f64 / members.len() as f64,
            })
        })
        .collect()
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pct = |v: f64| format!("{:.1} %", v * 100.0);
        writeln!(
            f,
            "Đánh giá chéo {} phần (phân tầng) trên {} phản ánh có nhãn",
            self.folds, self.examples
        )?;
        writeln!(f, "  top-1:     {}", pct(self.top1))?;
        writeln!(f, "  top-3:     {}", pct(self.top3))?;
        writeln!(f, "  macro-F1:  {:.3}", self.macro_f1)?;
        writeln!(f, "  ECE:       {:.3}", self.calibration_error)?;
        writeln!(f, "\nHiệu chuẩn (gợi ý đứng đầu, theo độ tin cậy):")?;
        writeln!(
            f,
            "  {:<11} {:>6} {:>12} {:>10}",
            "độ tin cậy", "số", "TB tin cậy", "đúng"
        )?;
        for bin in &self.calibration {
            writeln!(
                f,
                "  {:.1}–{:.1}     {:>6} {:>12} {:>10}",
                bin.from,
                bin.to,
                bin.count,
                pct(bin.mean_confidence),
                pct(bin.accuracy)
            )?;
        }
        writeln!(f, "\nTheo cơ quan:")?;
        writeln!(f, "  {:<9} {:>5} {:>9} {:>9}", "mã", "số", "recall", "precision")?;
        for (code, count, recall, precision) in &self.per_agency {
            writeln!(
                f,
                "  {:<9} {:>5} {:>9} {:>9}",
                code,
                count,
                pct(*recall),
                pct(*precision)
            )?;
        }
        writeln!(
            f,
            "\nHuấn luyện trên toàn bộ: {:.2} s ({} thuật ngữ, nhiệt độ {:.2})",
            self.full_training.as_secs_f64(),
            self.vocabulary,
            self.temperature
        )?;
        write!(
            f,
            "Gợi ý: trung bình {:.3} ms, p99 {:.3} ms (một luồng)",
            self.suggestion_mean.as_secs_f64() * 1000.0,
            self.suggestion_p99.as_secs_f64() * 1000.0
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calibration_bins_count_and_score_top_suggestions() {
        let predictions = vec![
            vec![(0, 0.95), (1, 0.05)],
            vec![(1, 0.92), (0, 0.08)],
            vec![(0, 0.55), (1, 0.45)],
            vec![],
        ];
        let truth = vec![0, 0, 0, 1];
        let table = calibration_table(&predictions, &truth);
        assert_eq!(table.len(), 2);
        assert_eq!(table[0].count, 1);
        assert_eq!(table[0].accuracy, 1.0);
        assert_eq!(table[1].count, 2);
        assert_eq!(table[1].accuracy, 0.5);
        assert!((table[1].mean_confidence - 0.935).abs() < 1e-9);
    }
}
