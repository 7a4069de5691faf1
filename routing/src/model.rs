//! The routing model: multinomial logistic regression over TF-IDF weighted
//! terms, fitted with L-BFGS, then calibrated by temperature scaling on
//! out-of-fold predictions so that a confidence of 0.9 is right about nine
//! times in ten.
//!
//! The features are sparse (tens of thousands of terms, a hundred or so in
//! any one complaint), so the objective and its gradient are computed here
//! over sparse vectors.

use std::collections::HashMap;

use super::features::terms;
use super::lbfgs::{self, Stop};

/// One labelled complaint text.
#[derive(Debug, Clone, PartialEq)]
pub struct Example {
    pub text: String,
    /// The competent agency's code.
    pub label: String,
}

/// How the model is fitted.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    /// Inverse regularisation strength (as in LIBLINEAR and scikit-learn).
    pub c: f64,
    pub max_iters: u64,
    /// Terms seen in fewer documents are ignored.
    pub min_df: u32,
    /// Folds used to fit the temperature; 0 or 1 leaves it at 1.
    pub calibration_folds: usize,
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        // Chosen by `phanhoi routing evaluate` on the corpus: terms seen in
        // one complaint only are noise; weak regularisation suits short texts.
        Params {
            c: 100.0,
            max_iters: 100,
            min_df: 2,
            calibration_folds: 3,
            seed: 20_261_128,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum TrainError {
    #[error("cần ít nhất hai cơ quan có dữ liệu huấn luyện")]
    TooFewLabels,
    #[error("tối ưu hóa thất bại: {0}")]
    Optimiser(String),
}

/// A trained, calibrated model. Immutable; retraining makes a new one.
#[derive(Debug, Clone)]
pub struct Model {
    labels: Vec<String>,
    vectorizer: Vectorizer,
    /// Feature-major: the weights of feature `f` are
    /// `weights[f * labels.len()..][..labels.len()]`.
    weights: Vec<f64>,
    bias: Vec<f64>,
    temperature: f64,
}

impl Model {
    /// Fits the model on `examples` and calibrates its confidence. The
    /// calibration fits and the final fit are independent: they run on
    /// threads of their own, so training takes about a core's share.
    pub fn train(examples: &[Example], params: &Params) -> Result<Model, TrainError> {
        let k = if params.calibration_folds >= 2 {
            params.calibration_folds
        } else {
            0
        };
        let mut names: Vec<&str> = examples.iter().map(|e| e.label.as_str()).collect();
        names.sort_unstable();
        names.dedup();
        let labels: Vec<usize> = examples
            .iter()
            .map(|e| names.binary_search(&e.label.as_str()).unwrap_or_default())
            .collect();
        let folds = stratified_folds(&labels, k.max(1), params.seed);
        let (model, inner) = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..k)
                .map(|fold| {
                    let folds = &folds;
                    scope.spawn(move || Self::fit(&select(examples, folds, |f| f != fold), params).ok())
                })
                .collect();
            let model = Self::fit(examples, params);
            let inner: Vec<Option<Model>> = handles.into_iter().map(|h| h.join().ok().flatten()).collect();
            (model, inner)
        });
        let mut model = model?;
        if k == 0 {
            return Ok(model);
        }
        let mut logits = Vec::with_capacity(examples.len());
        let mut truth = Vec::with_capacity(examples.len());
        for (fold, inner) in inner.iter().enumerate() {
            let Some(inner) = inner else { continue };
            for i in (0..examples.len()).filter(|&i| folds[i] == fold) {
                if let Some(z) = inner.logits(&examples[i].text) {
                    // Map the inner model's label order onto the full one.
                    let mut full = vec![f64::NEG_INFINITY; model.labels.len()];
                    for (j, label) in inner.labels.iter().enumerate() {
                        if let Some(pos) = model.labels.iter().position(|l| l == label) {
                            full[pos] = z[j];
                        }
                    }
                    logits.push(full);
                    truth.push(labels[i]);
                }
            }
        }
        model.temperature = fit_temperature(&logits, &truth);
        Ok(model)
    }

    /// Fits without calibration (temperature 1).
    fn fit(examples: &[Example], params: &Params) -> Result<Model, TrainError> {
        let mut labels: Vec<String> = examples.iter().map(|e| e.label.clone()).collect();
        labels.sort();
        labels.dedup();
        if labels.len() < 2 {
            return Err(TrainError::TooFewLabels);
        }
        let term_lists: Vec<Vec<String>> = examples.iter().map(|e| terms(&e.text)).collect();
        let vectorizer = Vectorizer::build(&term_lists, params.min_df);
        let docs: Vec<SparseVec> = term_lists.iter().map(|t| vectorizer.vector(t)).collect();
        let truth: Vec<usize> = examples
            .iter()
            .map(|e| labels.binary_search(&e.label).unwrap_or_default())
            .collect();
        let objective = Objective {
            docs: &docs,
            truth: &truth,
            n_features: vectorizer.len(),
            n_labels: labels.len(),
            lambda: 1.0 / (params.c * docs.len() as f64),
        };
        let mut params_found = vec![0.0; objective.n_params()];
        lbfgs::minimize(
            |p, g| objective.evaluate(p, g),
            &mut params_found,
            Stop {
                max_iters: params.max_iters,
                gradient: 1e-5,
                relative_decrease: 1e-7,
            },
        );
        let n_labels = labels.len();
        let bias = params_found.split_off(params_found.len() - n_labels);
        Ok(Model {
            labels,
            vectorizer,
            weights: params_found,
            bias,
            temperature: 1.0,
        })
    }

    /// The agency codes the model knows, sorted.
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    pub fn temperature(&self) -> f64 {
        self.temperature
    }

    /// How many distinct terms the model weighs.
    pub fn vocabulary_size(&self) -> usize {
        self.vectorizer.len()
    }

    /// Raw scores, one per label; `None` when no term of `text` is known.
    fn logits(&self, text: &str) -> Option<Vec<f64>> {
        let x = self.vectorizer.vector(&terms(text));
        if x.is_empty() {
            return None;
        }
        Some(scores(&x, &self.weights, &self.bias))
    }

    /// Agencies ranked best first with calibrated probabilities summing to 1;
    /// empty when the text has no term the model knows.
    pub fn predict(&self, text: &str) -> Vec<(&str, f64)> {
        let Some(mut z) = self.logits(text) else {
            return Vec::new();
        };
        for v in &mut z {
            *v /= self.temperature;
        }
        let p = softmax(&z);
        let mut ranked: Vec<(&str, f64)> = self.labels.iter().map(String::as_str).zip(p).collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1));
        ranked
    }
}

/// `(feature index, value)` sorted by index, L2-normalised.
type SparseVec = Vec<(u32, f64)>;

/// Terms to TF-IDF vectors (sublinear term frequency, smoothed IDF).
#[derive(Debug, Clone)]
struct Vectorizer {
    vocabulary: HashMap<String, u32>,
    idf: Vec<f64>,
}

impl Vectorizer {
    fn build(documents: &[Vec<String>], min_df: u32) -> Self {
        let mut df: HashMap<&str, u32> = HashMap::new();
        for doc in documents {
            let mut seen: Vec<&str> = doc.iter().map(String::as_str).collect();
            seen.sort_unstable();
            seen.dedup();
            for term in seen {
                *df.entry(term).or_default() += 1;
            }
        }
        let mut kept: Vec<(&str, u32)> = df.into_iter().filter(|&(_, n)| n >= min_df.max(1)).collect();
        kept.sort_unstable();
        let n = documents.len() as f64;
        let mut vocabulary = HashMap::with_capacity(kept.len());
        let mut idf = Vec::with_capacity(kept.len());
        for (index, (term, count)) in kept.into_iter().enumerate() {
            vocabulary.insert(term.to_owned(), index as u32);
            idf.push(((1.0 + n) / (1.0 + f64::from(count))).ln() + 1.0);
        }
        Vectorizer { vocabulary, idf }
    }

    fn len(&self) -> usize {
        self.idf.len()
    }

    fn vector(&self, terms: &[String]) -> SparseVec {
        let mut counts: HashMap<u32, u32> = HashMap::new();
        for term in terms {
            if let Some(&index) = self.vocabulary.get(term) {
                *counts.entry(index).or_default() += 1;
            }
        }
        let mut x: SparseVec = counts
            .into_iter()
            .map(|(index, count)| (index, (1.0 + f64::from(count).ln()) * self.idf[index as usize]))
            .collect();
        x.sort_unstable_by_key(|&(index, _)| index);
        let norm = x.iter().map(|(_, v)| v * v).sum::<f64>().sqrt();
        if norm > 0.0 {
            for (_, v) in &mut x {
                *v /= norm;
            }
        }
        x
    }
}

fn scores(x: &SparseVec, weights: &[f64], bias: &[f64]) -> Vec<f64> {
    let k = bias.len();
    let mut z = bias.to_vec();
    for &(f, v) in x {
        let row = &weights[f as usize * k..][..k];
        for (zi, w) in z.iter_mut().zip(row) {
            *zi += v * w;
        }
    }
    z
}

fn softmax(z: &[f64]) -> Vec<f64> {
    let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exp: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
    let sum: f64 = exp.iter().sum();
    exp.into_iter().map(|e| e / sum).collect()
}

/// Mean cross-entropy plus L2 on the weights (not the biases).
struct Objective<'a> {
    docs: &'a [SparseVec],
    truth: &'a [usize],
    n_features: usize,
    n_labels: usize,
    lambda: f64,
}

impl Objective<'_> {
    fn n_params(&self) -> usize {
        (self.n_features + 1) * self.n_labels
    }

    /// The objective at `p`; its gradient is written into `grad`.
    fn evaluate(&self, p: &[f64], grad: &mut [f64]) -> f64 {
        let k = self.n_labels;
        let (weights, bias) = p.split_at(self.n_features * k);
        let n = self.docs.len() as f64;
        let mut loss = 0.0;
        grad.fill(0.0);
        for (x, &y) in self.docs.iter().zip(self.truth) {
            let z = scores(x, weights, bias);
            let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let sum: f64 = z.iter().map(|v| (v - max).exp()).sum();
            loss += max + sum.ln() - z[y];
            let residual: Vec<f64> = z
                .iter()
                .enumerate()
                .map(|(j, v)| ((v - max).exp() / sum - f64::from(u8::from(j == y))) / n)
                .collect();
            for &(f, v) in x {
                let row = &mut grad[f as usize * k..][..k];
                for (gj, r) in row.iter_mut().zip(&residual) {
                    *gj += v * r;
                }
            }
            let bias_grad = &mut grad[self.n_features * k..];
            for (gj, r) in bias_grad.iter_mut().zip(&residual) {
                *gj += r;
            }
        }
        let l2: f64 = weights.iter().map(|w| w * w).sum();
        for (gj, w) in grad.iter_mut().zip(weights) {
            *gj += self.lambda * w;
        }
        loss / n + 0.5 * self.lambda * l2
    }
}

/// The temperature that minimises the mean negative log-likelihood of the
/// true labels (golden-section search over log T in [1/20, 20]).
pub(crate) fn fit_temperature(logits: &[Vec<f64>], truth: &[usize]) -> f64 {
    if logits.is_empty() {
        return 1.0;
    }
    let nll = |log_t: f64| -> f64 {
        let t = log_t.exp();
        logits
            .iter()
            .zip(truth)
            .map(|(z, &y)| {
                let scaled: Vec<f64> = z.iter().map(|v| v / t).collect();
                -softmax(&scaled)[y].max(1e-12).ln()
            })
            .sum()
    };
    let (mut lo, mut hi) = ((0.05f64).ln(), (20.0f64).ln());
    let ratio = (5f64.sqrt() - 1.0) / 2.0;
    for _ in 0..60 {
        let a = hi - ratio * (hi - lo);
        let b = lo + ratio * (hi - lo);
        if nll(a) < nll(b) {
            hi = b;
        } else {
            lo = a;
        }
    }
    ((lo + hi) / 2.0).exp()
}

/// A fold number in `0..k` for each example, each label spread evenly over
/// the folds, shuffled with a fixed seed so results can be reproduced.
pub fn stratified_folds(labels: &[usize], k: usize, seed: u64) -> Vec<usize> {
    let mut rng = SplitMix64(seed);
    let mut folds = vec![0; labels.len()];
    let mut by_label: HashMap<usize, Vec<usize>> = HashMap::new();
    for (i, &label) in labels.iter().enumerate() {
        by_label.entry(label).or_default().push(i);
    }
    let mut groups: Vec<(usize, Vec<usize>)> = by_label.into_iter().collect();
    groups.sort_unstable_by_key(|(label, _)| *label);
    let mut next = 0;
    for (_, mut members) in groups {
        // Fisher–Yates.
        for i in (1..members.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            members.swap(i, j);
        }
        for i in members {
            folds[i] = next % k.max(1);
            next += 1;
        }
    }
    folds
}

/// A small seeded random generator (SplitMix64): reproducible folds without
/// a dependency.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

fn select(examples: &[Example], folds: &[usize], keep: impl Fn(usize) -> bool) -> Vec<Example> {
    examples
        .iter()
        .zip(folds)
        .filter(|(_, &f)| keep(f))
        .map(|(e, _)| e.clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn example(text: &str, label: &str) -> Example {
        Example {
            text: text.into(),
            label: label.into(),
        }
    }

    fn toy() -> Vec<Example> {
        let mut data = Vec::new();
        for i in 0..12 {
            data.push(example(&format!("mất điện cả xóm {i} giờ, công tơ cháy"), "DL"));
            data.push(example(&format!("mất nước sinh hoạt {i} ngày, đường ống vỡ"), "CN"));
            data.push(example(&format!("trộm xe máy, lừa đảo qua mạng lần {i}"), "CA"));
        }
        data
    }

    #[test]
    fn learns_separable_classes_and_ranks_all_agencies() {
        let model = Model::train(&toy(), &Params::default()).unwrap();
        let ranked = model.predict("nhà tôi mất điện từ sáng");
        assert_eq!(ranked[0].0, "DL");
        assert_eq!(ranked.len(), 3);
        let total: f64 = ranked.iter().map(|(_, p)| p).sum();
        assert!((total - 1.0).abs() < 1e-9);
        assert!(ranked.windows(2).all(|w| w[0].1 >= w[1].1));
        assert_eq!(model.predict("khong co nuoc, ong vo")[0].0, "CN");
    }

    #[test]
    fn unknown_words_give_no_prediction() {
        let model = Model::train(&toy(), &Params::default()).unwrap();
        assert!(model.predict("zzz qqq").is_empty());
    }

    #[test]
    fn one_label_cannot_be_trained() {
        let data = vec![example("mất điện", "DL"), example("cúp điện", "DL")];
        assert_eq!(
            Model::train(&data, &Params::default()).unwrap_err(),
            TrainError::TooFewLabels
        );
    }

    #[test]
    fn gradient_matches_finite_differences() {
        let docs = vec![vec![(0, 0.6), (1, 0.8)], vec![(1, 1.0)], vec![(0, 1.0)]];
        let truth = vec![0, 1, 2];
        let objective = Objective {
            docs: &docs,
            truth: &truth,
            n_features: 2,
            n_labels: 3,
            lambda: 0.1,
        };
        let p: Vec<f64> = (0..objective.n_params()).map(|i| (i as f64 * 0.37).sin()).collect();
        let mut g = vec![0.0; p.len()];
        objective.evaluate(&p, &mut g);
        let mut scratch = vec![0.0; p.len()];
        for i in 0..p.len() {
            let mut up = p.clone();
            up[i] += 1e-6;
            let mut down = p.clone();
            down[i] -= 1e-6;
            let numeric = (objective.evaluate(&up, &mut scratch) - objective.evaluate(&down, &mut scratch)) / 2e-6;
            assert!((numeric - g[i]).abs() < 1e-6, "parameter {i}: {numeric} vs {}", g[i]);
        }
    }

    #[test]
    fn temperature_softens_overconfident_scores() {
        // Scores that always put 10 logits on the first label but are right
        // only half the time need a temperature above 1.
        let logits: Vec<Vec<f64>> = (0..100).map(|_| vec![10.0, 0.0]).collect();
        let truth: Vec<usize> = (0..100).map(|i| i % 2).collect();
        assert!(fit_temperature(&logits, &truth) > 5.0);
    }

    #[test]
    fn folds_are_stratified_and_reproducible() {
        let labels: Vec<usize> = (0..30).map(|i| i % 3).collect();
        let folds = stratified_folds(&labels, 5, 7);
        assert_eq!(folds, stratified_folds(&labels, 5, 7));
        for fold in 0..5 {
            let members: Vec<usize> = (0..30).filter(|&i| folds[i] == fold).collect();
            assert_eq!(members.len(), 6);
            for label in 0..3 {
                assert_eq!(members.iter().filter(|&&i| labels[i] == label).count(), 2);
            }
        }
    }
}
