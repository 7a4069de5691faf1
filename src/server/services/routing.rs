//! Suggesting the competent agency for a complaint, assigning it
//! automatically when the suggestion is confident, and relearning from the
//! coordinator's decisions.
//!
//! The model learns from the corpus in the repository, the agencies' own
//! descriptions of what they handle, and every complaint an agency accepted. It is retrained at start-up and on an interval, so a
//! restart keeps what it learned: the decisions are in the database.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::{Duration, Instant};

use crate::domain::routing::percent;
use crate::domain::{Action, AgencyKind, AgencySuggestion, ComplaintStatus};
use crate::error::AppError;
use crate::server::routing::features::{competence_phrases, complaint_text, has_enough_words};
use crate::server::routing::{corpus, Example, Model, Params};
use crate::server::store;
use crate::server::store::complaints::{Effect, Transition};
use crate::server::Db;

/// How many of the coordinator's decisions are learned from, newest first.
pub const MAX_CONFIRMED: i64 = 20_000;

/// The agency code that means "the commune's People's Committee".
pub const LOCAL_COMMITTEE: &str = "UBND_XA";

/// A complaint's content as routing sees it. Codes are those of
/// `seed/categories.csv` and `seed/communes.csv`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SuggestRequest {
    pub title: String,
    pub description: String,
    pub category: Option<String>,
    pub commune: Option<String>,
}

/// The names routing shows, read from the database when the model is built.
#[derive(Debug, Clone, Default)]
struct Catalog {
    /// Agency code → (id, name).
    agencies: HashMap<String, (i64, String)>,
    /// Category code → name.
    categories: HashMap<String, String>,
    /// Commune code → name ("Phường Hàm Rồng").
    communes: HashMap<String, String>,
}

struct Trained {
    model: Arc<Model>,
    catalog: Catalog,
    confirmed: usize,
}

/// The live routing model, swapped whole on retraining.
pub struct Router {
    current: RwLock<Arc<Trained>>,
}

/// What a retraining did.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetrainReport {
    pub corpus: usize,
    pub confirmed: usize,
    pub seconds: f64,
}

/// The model trained on the repository's corpus and the seeded agencies'
/// descriptions of what they handle, trained once per process.
pub fn corpus_model() -> Arc<Model> {
    static MODEL: OnceLock<Arc<Model>> = OnceLock::new();
    MODEL
        .get_or_init(|| {
            let mut examples = corpus::examples();
            examples.extend(corpus::seeded_competences());
            Arc::new(Model::train(&examples, &Params::default()).expect("the corpus has many agencies"))
        })
        .clone()
}

impl Router {
    /// Builds the model from the corpus and the database's confirmed
    /// complaints.
    pub async fn load(db: &Db) -> Result<Router, AppError> {
        let (trained, _) = train(db).await?;
        Ok(Router {
            current: RwLock::new(Arc::new(trained)),
        })
    }

    /// Retrains from the corpus and the database; suggestions keep being
    /// served from the old model until the new one is ready.
    pub async fn retrain(&self, db: &Db) -> Result<RetrainReport, AppError> {
        let (trained, report) = train(db).await?;
        *self.current.write().unwrap_or_else(|e| e.into_inner()) = Arc::new(trained);
        Ok(report)
    }

    fn current(&self) -> Arc<Trained> {
        self.current.read().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// How many of the coordinator's decisions the live model learned from.
    pub fn confirmed_examples(&self) -> usize {
        self.current().confirmed
    }

    /// Agencies ranked best first, at most `limit`; empty when the text says
    /// too little to route.
    pub fn suggest(&self, request: &SuggestRequest, limit: usize) -> Vec<AgencySuggestion> {
        if !has_enough_words(&format!("{} {}", request.title, request.description)) {
            return Vec::new();
        }
        let trained = self.current();
        let category_name = request
            .category
            .as_deref()
            .and_then(|code| trained.catalog.categories.get(code))
            .map(String::as_str);
        let commune_name = request
            .commune
            .as_deref()
            .and_then(|code| trained.catalog.communes.get(code));
        let text = complaint_text(&request.title, &request.description, category_name);
        trained
            .model
            .predict(&text)
            .into_iter()
            .filter_map(|(code, confidence)| {
                let (_, name) = trained.catalog.agencies.get(code)?;
                let agency_name = match commune_name {
                    Some(commune) if code == LOCAL_COMMITTEE => local_committee_name(commune),
                    _ => name.clone(),
                };
                Some(AgencySuggestion {
                    agency_code: code.to_owned(),
                    agency_name,
                    confidence,
                })
            })
            .take(limit)
            .collect()
    }

    /// The agency to send a new complaint to without the coordinator: the
    /// best suggestion, when at least `threshold` sure and resolvable (the
    /// commune's committee needs the commune).
    pub fn auto_route(&self, request: &SuggestRequest, threshold: f64) -> Option<AutoRoute> {
        let best = self.suggest(request, 1).into_iter().next()?;
        let agency_id = self.agency_id(&best.agency_code)?;
        let resolvable = best.agency_code != LOCAL_COMMITTEE || request.commune.is_some();
        if best.confidence < threshold || !resolvable {
            return None;
        }
        let note = format!(
            "Hệ thống tự động chuyển đến {} theo nội dung phản ánh (độ tin cậy {}).",
            best.agency_name,
            percent(best.confidence)
        );
        Some(AutoRoute { best, agency_id, note })
    }

    fn agency_id(&self, code: &str) -> Option<i64> {
        self.current().catalog.agencies.get(code).map(|(id, _)| *id)
    }
}

/// A confident routing decision: the suggestion, its agency and the note
/// recorded with the assignment.
#[derive(Debug, Clone, PartialEq)]
pub struct AutoRoute {
    pub best: AgencySuggestion,
    pub agency_id: i64,
    pub note: String,
}

impl std::fmt::Debug for Router {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let trained = self.current();
        f.debug_struct("Router")
            .field("agencies", &trained.model.labels().len())
            .field("vocabulary", &trained.model.vocabulary_size())
            .field("confirmed", &trained.confirmed)
            .finish()
    }
}

/// How many suggestions are returned when the caller does not say.
pub const DEFAULT_LIMIT: usize = 5;

/// A caller's `limit` (API or command line): 1 to 50, default 5.
pub fn parse_limit(value: Option<&str>) -> Result<usize, String> {
    match value.map(str::trim) {
        None | Some("") => Ok(DEFAULT_LIMIT),
        Some(value) => match value.parse::<usize>() {
            Ok(n @ 1..=50) => Ok(n),
            _ => Err(format!("limit phải là số từ 1 đến 50, không phải {value:?}")),
        },
    }
}

/// "Phường Hàm Rồng" → "UBND phường Hàm Rồng".
pub fn local_committee_name(commune: &str) -> String {
    let mut chars = commune.chars();
    let first: String = chars.next().map(|c| c.to_lowercase().collect()).unwrap_or_default();
    format!("UBND {first}{}", chars.as_str())
}

async fn train(db: &Db) -> Result<(Trained, RetrainReport), AppError> {
    let started = Instant::now();
    let mut conn = db.pool().acquire().await?;
    let confirmed = store::routing::confirmed_complaints(&mut conn, MAX_CONFIRMED).await?;
    let agencies = store::catalog::list_agencies(&mut conn).await?;
    let catalog = Catalog {
        agencies: agencies
            .iter()
            .map(|a| (a.code.clone(), (a.id, a.name.clone())))
            .collect(),
        categories: store::catalog::list_categories(&mut conn)
            .await?
            .into_iter()
            .map(|c| (c.code, c.name))
            .collect(),
        communes: store::catalog::list_communes(&mut conn)
            .await?
            .into_iter()
            .map(|c| (c.code, c.name))
            .collect(),
    };
    drop(conn);
    // What the agencies say they handle, as the administrator keeps it.
    let mut competences: Vec<Example> = agencies
        .iter()
        .filter(|a| a.kind != AgencyKind::Coordinator)
        .flat_map(|a| {
            competence_phrases(&a.handles).map(|phrase| Example {
                text: phrase.to_owned(),
                label: a.code.clone(),
            })
        })
        .collect();
    let mut examples = corpus::examples();
    let corpus_size = examples.len();
    let confirmed_count = confirmed.len();
    let mut seeded = corpus::seeded_competences();
    let by_content = |e: &Example| (e.label.clone(), e.text.clone());
    competences.sort_by_key(by_content);
    seeded.sort_by_key(by_content);
    let model = if confirmed.is_empty() && competences == seeded {
        corpus_model()
    } else {
        examples.extend(competences);
        examples.extend(confirmed.iter().map(|c| Example {
            text: complaint_text(&c.title, &c.description, c.category_name.as_deref()),
            label: c.agency_code.clone(),
        }));
        tokio::task::spawn_blocking(move || Model::train(&examples, &Params::default()))
            .await
            .map_err(|_| AppError::Internal)?
            .map_err(|err| {
                tracing::error!(error = %err, "routing: training failed");
                AppError::Internal
            })
            .map(Arc::new)?
    };
    let report = RetrainReport {
        corpus: corpus_size,
        confirmed: confirmed_count,
        seconds: started.elapsed().as_secs_f64(),
    };
    Ok((
        Trained {
            model,
            catalog,
            confirmed: confirmed_count,
        },
        report,
    ))
}

/// Retrains every `every` in the background, logging the outcome.
pub fn spawn_retraining(router: Arc<Router>, db: Db, every: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(every);
        ticker.tick().await;
        loop {
            ticker.tick().await;
            match router.retrain(&db).await {
                Ok(report) => tracing::info!(
                    corpus = report.corpus,
                    confirmed = report.confirmed,
                    seconds = report.seconds,
                    "routing model retrained"
                ),
                Err(err) => tracing::warn!(error = %err, "routing: retraining failed, keeping the old model"),
            }
        }
    })
}

/// Routes a received complaint whose citizen chose no agency (any other
/// complaint is left alone): when the best
/// suggestion reaches `threshold`, assigns it there (an event records the
/// system's decision and its confidence; the coordinator can reassign).
/// Returns the suggestion applied, if any.
pub async fn route_received(
    db: &Db,
    router: &Router,
    id: i64,
    threshold: Option<f64>,
    at: i64,
) -> Result<Option<AgencySuggestion>, AppError> {
    let mut tx = db.begin_write().await?;
    let routed = route_received_in(&mut tx, router, id, threshold, at).await?;
    tx.commit().await?;
    Ok(routed)
}

/// [`route_received`] inside the caller's transaction.
pub async fn route_received_in(
    tx: &mut store::Conn,
    router: &Router,
    id: i64,
    threshold: Option<f64>,
    at: i64,
) -> Result<Option<AgencySuggestion>, AppError> {
    let Some(threshold) = threshold else { return Ok(None) };
    let input = store::routing::routing_input(&mut *tx, id)
        .await?
        .ok_or(AppError::NotFound)?;
    let (status, version) = store::complaints::status_and_version(&mut *tx, id).await?;
    if input.chosen_agency_id.is_some() || status != ComplaintStatus::Received {
        return Ok(None);
    }
    let request = SuggestRequest {
        title: input.title,
        description: input.description,
        category: input.category_code,
        commune: input.commune_code,
    };
    let Some(AutoRoute { best, agency_id, note }) = router.auto_route(&request, threshold) else {
        return Ok(None);
    };
    store::complaints::transition(
        &mut *tx,
        id,
        version,
        &Transition {
            action: Action::Assign,
            effect: Effect::Assign { agency_id },
            actor_id: None,
            note: Some(&note),
            is_public: true,
            at,
        },
    )
    .await?;
    Ok(Some(best))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_default_to_five_and_stay_between_1_and_50() {
        assert_eq!(parse_limit(None), Ok(5));
        assert_eq!(parse_limit(Some(" ")), Ok(5));
        assert_eq!(parse_limit(Some("50")), Ok(50));
        for bad in ["0", "51", "abc", "-1"] {
            assert!(
                parse_limit(Some(bad)).unwrap_err().contains("limit phải là số"),
                "{bad}"
            );
        }
    }

    #[test]
    fn local_committee_is_named_after_the_commune() {
        assert_eq!(local_committee_name("Phường Hàm Rồng"), "UBND phường Hàm Rồng");
        assert_eq!(local_committee_name("Xã Mường Lát"), "UBND xã Mường Lát");
    }

    #[test]
    fn the_corpus_model_routes_typical_complaints() {
        let model = corpus_model();
        let cases = [
            (
                "Mất điện cả xóm từ chiều",
                "Khu vực thôn 5 mất điện từ 2 giờ chiều đến giờ chưa có lại.",
                "DL",
            ),
            (
                "mat nuoc 3 ngay",
                "nha toi o phuong Dong Son mat nuoc may 3 ngay roi k ai bao",
                "CN",
            ),
            (
                "Bị lừa đảo qua điện thoại",
                "Có người gọi tự xưng công an yêu cầu chuyển tiền, tôi mất 50 triệu.",
                "CA",
            ),
        ];
        for (title, description, expected) in cases {
            let ranked = model.predict(&complaint_text(title, description, None));
            assert_eq!(ranked[0].0, expected, "{title}");
        }
    }
}
