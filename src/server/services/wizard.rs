//! The complaint wizard on the server: each step's form is saved into the
//! citizen's draft (kept exactly as typed, errors and all), checked, and the
//! next step chosen; the last step files the complaint once, however many
//! times it is sent.

use serde::{Deserialize, Serialize};

use super::files;
use super::rate_limit::{self, Client};
use super::routing::{Router, SuggestRequest};
use crate::domain::attachment::Attachment;
use crate::domain::submission::{
    normalize_phone, step_fields, Choice, Draft, FieldError, FiledView, Step, WizardView, AUTO_AGENCY, MAX_ATTACHMENTS,
    OTHER_CATEGORY,
};
use crate::error::AppError;
use crate::server::config::Limits;
use crate::server::db::batch::BatchJob;
use crate::server::store::{self, complaints::NewComplaint, reference::Reference, Conn};
use crate::server::Db;

/// The field under which upload messages are shown.
pub const ATTACHMENTS_FIELD: &str = "attachments";
/// The field under which messages about the submission itself are shown.
pub const SUBMIT_FIELD: &str = "submit";

/// A draft as stored: the values, the messages of the last attempt, and
/// whether the honeypot was filled in.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
struct Saved {
    draft: Draft,
    errors: Vec<FieldError>,
    bot: bool,
}

/// What the citizen pressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    /// "Tiếp tục" (or Enter).
    Next,
    /// "Quay lại": saved without checking.
    Back,
    /// "Xóa" next to an uploaded file.
    RemoveAttachment(i64),
    /// "Gửi phản ánh" on the review.
    Submit,
}

impl Nav {
    /// From the value of the form's `di` button.
    pub fn parse(value: &str) -> Self {
        match value {
            "lui" => Self::Back,
            "gui" => Self::Submit,
            other => other
                .strip_prefix("xoa-")
                .and_then(|id| id.parse().ok())
                .map_or(Self::Next, Self::RemoveAttachment),
        }
    }
}

pub use super::files::Upload;

/// One step's form as posted.
pub struct StepForm {
    pub step: Step,
    /// Field name → value, as posted.
    pub values: Vec<(String, String)>,
    pub files: Vec<Upload>,
    pub nav: Nav,
}

impl StepForm {
    fn value(&self, name: &str) -> Option<&str> {
        self.values.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// Where to send the citizen after a post.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Next {
    Step(Step),
    /// The complaint is filed: the confirmation page.
    Filed,
}

async fn load(conn: &mut Conn, token: &str) -> Result<(Saved, Option<i64>), AppError> {
    Ok(parse(store::drafts::load(conn, token).await?))
}

/// A stored draft's values and, once filed, its complaint.
fn parse(stored: Option<store::drafts::StoredDraft>) -> (Saved, Option<i64>) {
    match stored {
        Some(stored) => (
            serde_json::from_str(&stored.data).unwrap_or_default(),
            stored.complaint_id,
        ),
        None => (Saved::default(), None),
    }
}

async fn save(conn: &mut Conn, token: &str, saved: &Saved, at: i64) -> Result<(), AppError> {
    let data = serde_json::to_string(saved).map_err(|_| AppError::Internal)?;
    store::drafts::save(conn, token, &data, at).await?;
    Ok(())
}

/// Messages for codes that name nothing (a form edited by hand, or a list
/// changed since the page was shown).
fn check_codes(reference: &Reference, draft: &Draft, step: Step) -> Option<FieldError> {
    let (field, known, message) = match step {
        Step::What if !draft.category.is_empty() && draft.category != OTHER_CATEGORY => (
            "category",
            reference.category_id(&draft.category).is_some(),
            "Lĩnh vực không có trong danh sách. Vui lòng chọn lại.",
        ),
        Step::Where if !draft.commune.is_empty() => (
            "commune",
            reference.commune_id(&draft.commune).is_some(),
            "Xã, phường không có trong danh sách. Vui lòng chọn lại.",
        ),
        Step::Who if !draft.agency.is_empty() && draft.agency != AUTO_AGENCY => (
            "agency",
            reference.handling_agency_id(&draft.agency).is_some(),
            "Cơ quan không có trong danh sách. Vui lòng chọn lại.",
        ),
        _ => return None,
    };
    (!known).then(|| FieldError {
        field: field.into(),
        message: message.into(),
    })
}

/// Every message of the whole draft, codes included.
fn check_everything(reference: &Reference, draft: &Draft) -> Vec<FieldError> {
    let mut errors = draft.check_all();
    errors.extend(
        Step::ALL
            .into_iter()
            .filter_map(|step| check_codes(reference, draft, step)),
    );
    errors
}

/// Saves one step's form into draft `token` and says where to go next.
/// Nothing typed is lost: values are saved even when they are wrong.
pub async fn save_step(
    db: &Db,
    upload_dir: &std::path::Path,
    token: &str,
    form: StepForm,
    at: i64,
) -> Result<Next, AppError> {
    let mut conn = db.begin_write().await?;
    let (mut saved, filed) = load(&mut conn, token).await?;
    if filed.is_some() {
        return Ok(Next::Filed);
    }
    for field in step_fields(form.step) {
        // An unticked checkbox is absent from the form: it means "".
        saved.draft.set(field, form.value(field).unwrap_or_default().to_owned());
    }
    if form.value("website").is_some_and(|v| !v.trim().is_empty()) {
        saved.bot = true;
    }
    let mut errors = Vec::new();
    if let Nav::RemoveAttachment(id) = form.nav {
        if let Some(key) = store::attachments::delete_from_draft(&mut conn, token, id).await? {
            let _ = tokio::fs::remove_file(upload_dir.join(key)).await;
        }
    }
    if !form.files.is_empty() {
        errors.extend(store_uploads(&mut conn, upload_dir, token, form.files, at).await?);
    }
    let next = match form.nav {
        Nav::Back => {
            saved.errors.clear();
            form.step.previous()
        }
        Nav::RemoveAttachment(_) => {
            saved.errors = errors;
            form.step
        }
        Nav::Next | Nav::Submit => {
            errors.extend(saved.draft.check_step(form.step));
            let reference = db.reference(&mut conn).await?;
            errors.extend(check_codes(&reference, &saved.draft, form.step));
            if errors.is_empty() {
                saved.errors.clear();
                let next = if saved.draft.reviewed {
                    Step::Review
                } else {
                    form.step.next()
                };
                if next == Step::Review {
                    saved.draft.reviewed = true;
                }
                // Never past a step that still needs something.
                match saved.draft.first_incomplete_step() {
                    Some(missing) if missing.number() < next.number() => missing,
                    _ => next,
                }
            } else {
                saved.errors = errors;
                form.step
            }
        }
    };
    save(&mut conn, token, &saved, at).await?;
    conn.commit().await?;
    Ok(Next::Step(next))
}

/// Checks and stores uploaded files; returns a message for each refused.
async fn store_uploads(
    conn: &mut Conn,
    upload_dir: &std::path::Path,
    token: &str,
    files: Vec<Upload>,
    at: i64,
) -> Result<Vec<FieldError>, AppError> {
    let mut errors = Vec::new();
    let mut count = store::attachments::for_draft(conn, token).await?.len();
    let refuse = |message: String| FieldError {
        field: ATTACHMENTS_FIELD.into(),
        message,
    };
    for upload in files {
        if upload.bytes.is_empty() {
            continue;
        }
        if count >= MAX_ATTACHMENTS {
            let name = files::clean_file_name(&upload.name);
            errors.push(refuse(format!(
                "Chỉ đính kèm tối đa {MAX_ATTACHMENTS} tệp; “{name}” chưa được thêm."
            )));
            continue;
        }
        let kept = match files::keep(upload_dir, &upload).await? {
            Ok(kept) => kept,
            Err(message) => {
                errors.push(refuse(message));
                continue;
            }
        };
        let new = store::attachments::NewAttachment {
            draft_token: Some(token),
            complaint_id: None,
            for_answer: false,
            uploaded_by: None,
            file_name: &kept.name,
            content_type: kept.kind.content_type(),
            size_bytes: kept.size_bytes,
            storage_key: &kept.storage_key,
        };
        if let Err(err) = store::attachments::insert(conn, &new, at).await {
            files::discard(upload_dir, &kept.storage_key).await;
            return Err(err.into());
        }
        count += 1;
    }
    Ok(errors)
}

/// 128 random bits as hex: draft tokens and storage keys.
pub fn random_token() -> String {
    use rand::RngCore;
    let mut bytes = [0u8; 16];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `token` looks like one of ours (cookies can be edited).
pub fn is_token(token: &str) -> bool {
    token.len() == 32 && token.bytes().all(|b| b.is_ascii_hexdigit())
}

/// Files draft `token` as a complaint, once: a retry or a double tap finds
/// the complaint already filed. Returns where to go next.
pub async fn submit(
    db: &Db,
    router: &Router,
    auto_assign: Option<f64>,
    limits: &Limits,
    client: &Client,
    token: &str,
    at: i64,
) -> Result<Next, AppError> {
    let mut conn = db.pool().acquire().await?;
    // One query for what used to take three: the draft, whether it was
    // filed already, and whether the reference data in memory is current.
    let start = store::drafts::load_for_filing(&mut conn, token).await?;
    let (mut saved, filed) = parse(start.draft);
    if filed.is_some() {
        return Ok(Next::Filed);
    }
    if let Some(id) = start.filed_id {
        drop(conn);
        finish(db, token, id, at).await?;
        return Ok(Next::Filed);
    }
    let reference = db.reference_at(&mut conn, start.reference_version).await?;
    let errors = check_everything(&reference, &saved.draft);
    if let Some(first) = errors.first() {
        let step = Step::ALL
            .into_iter()
            .find(|s| step_fields(*s).contains(&first.field.as_str()))
            .unwrap_or(Step::Review);
        saved.errors = errors;
        save(&mut conn, token, &saved, at).await?;
        return Ok(Next::Step(step));
    }
    let phone = normalize_phone(&saved.draft.phone).map_err(|_| AppError::Internal)?;
    let refusal = if saved.bot {
        Some(rate_limit::TOO_MANY.to_owned())
    } else {
        rate_limit::check_submission(&mut conn, limits, client, &phone, at).await?
    };
    if let Some(message) = refusal {
        saved.errors = vec![FieldError {
            field: SUBMIT_FIELD.into(),
            message,
        }];
        save(&mut conn, token, &saved, at).await?;
        return Ok(Next::Step(Step::Review));
    }
    drop(conn);
    let new = new_complaint(&reference, &saved.draft, phone.clone(), token);
    // Everything that only reads is decided before the writer's turn.
    let category = Some(saved.draft.category.clone()).filter(|c| !c.is_empty() && c != OTHER_CATEGORY);
    let commune = Some(saved.draft.commune.clone()).filter(|c| !c.is_empty());
    let filing = super::complaints::decide_filing(&reference, router, &new, category, commune, auto_assign, at)?;
    // The complaint, its receipt, its routing and the draft's bookkeeping:
    // one transaction (shared with other citizens' on SQLite), so nothing is
    // ever half filed.
    let (reply, outcome) = tokio::sync::oneshot::channel();
    let job = FilingJob {
        new,
        filing,
        token: token.to_owned(),
        phone,
        client: client.clone(),
        limits: *limits,
        at,
        outcome: None,
        reply,
    };
    db.write_job(Box::new(job)).await;
    match outcome.await.map_err(|_| AppError::Internal)? {
        Ok(_) => {}
        // A concurrent copy of this request filed it first.
        Err(AppError::Conflict) => {
            let mut conn = db.pool().acquire().await?;
            let id = store::complaints::find_by_idempotency_key(&mut conn, token)
                .await?
                .ok_or(AppError::Conflict)?;
            drop(conn);
            finish(db, token, id, at).await?;
        }
        Err(err) => return Err(err),
    }
    Ok(Next::Filed)
}

/// Filing one checked draft, as a job of the database's writer: the
/// complaint, the draft's bookkeeping and the rate limits' count.
struct FilingJob {
    new: NewComplaint,
    filing: super::complaints::Filing,
    token: String,
    phone: String,
    client: Client,
    limits: Limits,
    at: i64,
    outcome: Option<Result<super::complaints::Filed, AppError>>,
    reply: tokio::sync::oneshot::Sender<Result<super::complaints::Filed, AppError>>,
}

impl FilingJob {
    async fn write_in(&self, conn: &mut Conn) -> Result<super::complaints::Filed, AppError> {
        let filed = super::complaints::write_filing(&mut *conn, &self.new, &self.filing, self.at).await?;
        finish_in(&mut *conn, &self.token, filed.id, self.at).await?;
        rate_limit::record_submission(conn, &self.limits, &self.client, &self.phone, self.at).await?;
        Ok(filed)
    }
}

impl BatchJob for FilingJob {
    fn write<'c>(
        &'c mut self,
        conn: &'c mut Conn,
    ) -> std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send + 'c>> {
        Box::pin(async move {
            let outcome = self.write_in(conn).await;
            let ok = outcome.is_ok();
            self.outcome = Some(outcome);
            ok
        })
    }

    fn finish(self: Box<Self>, committed: bool) {
        let outcome = match self.outcome {
            Some(Ok(filed)) if committed => Ok(filed),
            Some(Ok(_)) | None => Err(AppError::Internal),
            Some(Err(err)) => Err(err),
        };
        // The citizen may have gone: nobody to tell.
        let _ = self.reply.send(outcome);
    }
}

/// Moves the draft's uploads to complaint `id` and marks the draft filed.
async fn finish(db: &Db, token: &str, id: i64, at: i64) -> Result<(), AppError> {
    let mut tx = db.begin_write().await?;
    finish_in(&mut tx, token, id, at).await?;
    tx.commit().await?;
    Ok(())
}

/// [`finish`] inside the caller's transaction.
async fn finish_in(conn: &mut Conn, token: &str, id: i64, at: i64) -> Result<(), AppError> {
    store::attachments::attach_to_complaint(&mut *conn, token, id).await?;
    store::drafts::mark_filed(conn, token, id, at).await?;
    Ok(())
}

/// The complaint to store, from a checked draft.
fn new_complaint(reference: &Reference, draft: &Draft, phone: String, token: &str) -> NewComplaint {
    let email = draft.email.trim();
    NewComplaint {
        title: draft.title.trim().to_owned(),
        description: draft.description.trim().to_owned(),
        category_id: Some(draft.category.as_str())
            .filter(|c| *c != OTHER_CATEGORY)
            .and_then(|c| reference.category_id(c)),
        commune_id: reference.commune_id(&draft.commune),
        address: draft.address.trim().to_owned(),
        latitude: draft.latitude.trim().parse().ok(),
        longitude: draft.longitude.trim().parse().ok(),
        citizen_name: draft.name.trim().to_owned(),
        citizen_phone: phone,
        citizen_email: (!email.is_empty()).then(|| email.to_owned()),
        is_public: draft.publish == "co",
        chosen_agency_id: Some(draft.agency.as_str())
            .filter(|a| *a != AUTO_AGENCY)
            .and_then(|a| reference.handling_agency_id(a)),
        idempotency_key: Some(token.to_owned()),
    }
}

/// What the page of `step` shows for draft `token` (a new, empty draft when
/// there is none); `None` when the draft is already filed.
pub async fn view(
    db: &Db,
    router: &Router,
    token: Option<&str>,
    step: Option<Step>,
) -> Result<Option<WizardView>, AppError> {
    let mut conn = db.pool().acquire().await?;
    let (saved, filed, attachments) = match token {
        Some(token) => {
            let (saved, filed) = load(&mut conn, token).await?;
            let attachments = store::attachments::for_draft(&mut conn, token).await?;
            (saved, filed, attachments)
        }
        None => (Saved::default(), None, Vec::<Attachment>::new()),
    };
    if filed.is_some() {
        return Ok(None);
    }
    let draft = saved.draft;
    // A step further than what is complete shows the first missing one.
    let step = match (step, draft.first_incomplete_step()) {
        (Some(asked), Some(missing)) if asked.number() > missing.number() => missing,
        (Some(asked), _) => asked,
        (None, missing) => missing.unwrap_or(Step::Review),
    };
    let reference = db.reference(&mut conn).await?;
    drop(conn);
    let categories_full = &reference.categories;
    let agencies_full = &reference.agencies;
    let communes = reference
        .communes
        .iter()
        .map(|c| Choice {
            code: c.code.clone(),
            name: c.name.clone(),
            hint: String::new(),
        })
        .collect();
    let category_agency = categories_full
        .iter()
        .find(|c| c.code == draft.category)
        .and_then(|c| c.default_agency_id)
        .and_then(|id| agencies_full.iter().find(|a| a.id == id))
        .map(|a| a.name.clone());
    let suggestions = if step == Step::Who || step == Step::Review {
        router.suggest(
            &SuggestRequest {
                title: draft.title.clone(),
                description: draft.description.clone(),
                category: Some(draft.category.clone()).filter(|c| !c.is_empty() && c != OTHER_CATEGORY),
                commune: Some(draft.commune.clone()).filter(|c| !c.is_empty()),
            },
            3,
        )
    } else {
        Vec::new()
    };
    let mut categories: Vec<Choice> = categories_full
        .iter()
        .map(|c| Choice {
            code: c.code.clone(),
            name: c.name.clone(),
            hint: c.description.clone(),
        })
        .collect();
    categories.push(Choice {
        code: OTHER_CATEGORY.into(),
        name: "Khác / không rõ".into(),
        hint: "Không thuộc lĩnh vực nào ở trên, hoặc bạn không chắc.".into(),
    });
    let agencies = reference
        .handling_agencies()
        .map(|a| Choice {
            code: a.code.clone(),
            name: a.name.clone(),
            hint: a.handles.clone(),
        })
        .collect();
    Ok(Some(WizardView {
        step,
        errors: saved.errors,
        draft,
        attachments,
        categories,
        communes,
        agencies,
        suggestions,
        category_agency,
    }))
}

/// The confirmation of draft `token`, once filed.
pub async fn filed(db: &Db, token: &str) -> Result<Option<FiledView>, AppError> {
    let mut conn = db.pool().acquire().await?;
    let Some(stored) = store::drafts::load(&mut conn, token).await? else {
        return Ok(None);
    };
    let Some(id) = stored.complaint_id else { return Ok(None) };
    let facts = store::complaints::filed_facts(&mut conn, id).await?;
    let code = crate::domain::TrackingCode::parse(&facts.tracking_code).map_err(|_| AppError::Internal)?;
    Ok(Some(FiledView {
        code: code.to_string(),
        deadline_at: facts.deadline_at,
        agency_name: facts.agency_name,
    }))
}

/// How long an untouched draft is kept.
pub const DRAFT_DAYS: i64 = 30;

/// Forgets drafts untouched for [`DRAFT_DAYS`] and the files of those never
/// filed. Returns how many files were removed.
pub async fn forget_stale(db: &Db, upload_dir: &std::path::Path, now: i64) -> Result<usize, AppError> {
    let mut tx = db.begin_write().await?;
    let keys = store::drafts::delete_stale(&mut tx, now - DRAFT_DAYS * 86_400).await?;
    tx.commit().await?;
    for key in &keys {
        let _ = tokio::fs::remove_file(upload_dir.join(key)).await;
    }
    Ok(keys.len())
}

/// Runs [`forget_stale`] once a day in the background.
pub fn spawn_cleanup(db: Db, upload_dir: std::path::PathBuf) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(24 * 3600));
        loop {
            every.tick().await;
            match forget_stale(&db, &upload_dir, store::now()).await {
                Ok(files) => tracing::info!(files, "forgot stale wizard drafts"),
                Err(err) => tracing::warn!(error = %err, "could not forget stale drafts"),
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buttons_map_to_moves() {
        assert_eq!(Nav::parse("tiep"), Nav::Next);
        assert_eq!(Nav::parse(""), Nav::Next);
        assert_eq!(Nav::parse("lui"), Nav::Back);
        assert_eq!(Nav::parse("gui"), Nav::Submit);
        assert_eq!(Nav::parse("xoa-12"), Nav::RemoveAttachment(12));
        assert_eq!(Nav::parse("xoa-abc"), Nav::Next);
    }

    #[test]
    fn tokens_are_128_bit_hex() {
        let token = random_token();
        assert!(is_token(&token));
        assert_ne!(token, random_token());
        assert!(!is_token("not-a-token"));
    }
}
