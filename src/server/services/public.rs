//! The public answers: the list with its filters, and one complaint's page.

use crate::domain::privacy::redact;
use crate::domain::public::{PublicComplaint, PublicListView, PublicPage, PublicQuery};
use crate::domain::submission::Choice;
use crate::domain::AgencyKind;
use crate::error::AppError;
use crate::server::{store, Db};

/// Longest search text used, in characters.
const MAX_QUERY_CHARS: usize = 200;

pub async fn list(db: &Db, query: &PublicQuery) -> Result<PublicListView, AppError> {
    let mut query = query.clone();
    query.text = query.text.chars().take(MAX_QUERY_CHARS).collect();
    query.page = query.page.clamp(1, 100_000);
    let mut conn = db.pool().acquire().await?;
    let (mut items, total) = store::public::list(&mut conn, &query).await?;
    for item in &mut items {
        item.title = redact(&item.title, "");
    }
    let choice = |code: String, name: String| Choice {
        code,
        name,
        hint: String::new(),
    };
    let agencies = store::catalog::list_agencies(&mut conn)
        .await?
        .into_iter()
        .filter(|a| a.kind != AgencyKind::Coordinator)
        .map(|a| choice(a.code, a.name))
        .collect();
    let categories = store::catalog::list_categories(&mut conn)
        .await?
        .into_iter()
        .map(|c| choice(c.code, c.name))
        .collect();
    let communes = store::catalog::list_communes(&mut conn)
        .await?
        .into_iter()
        .map(|c| choice(c.code, c.name))
        .collect();
    Ok(PublicListView {
        results: PublicPage {
            items,
            total,
            page: query.page,
        },
        agencies,
        categories,
        communes,
    })
}

/// Complaint `id`'s public page; `NotFound` unless it may be public.
pub async fn complaint(db: &Db, id: i64) -> Result<PublicComplaint, AppError> {
    let mut conn = db.pool().acquire().await?;
    let row = store::public::find(&mut conn, id).await?.ok_or(AppError::NotFound)?;
    let answered = row.summary.status.is_answered();
    let mut summary = row.summary;
    summary.title = redact(&summary.title, &row.citizen_name);
    let answer_files = if answered {
        store::attachments::for_complaint(&mut conn, id, true).await?
    } else {
        Vec::new()
    };
    Ok(PublicComplaint {
        answer_files,
        description: redact(&row.description, &row.citizen_name),
        answer: row.answer.filter(|_| answered).map(|a| redact(&a, &row.citizen_name)),
        deadline_at: row.deadline_at,
        on_time: row.on_time,
        summary,
    })
}
