//! The citizen's rating of a published answer.

use crate::domain::{Action, ComplaintStatus, EventKind, Satisfaction};
use crate::error::AppError;
use crate::server::store::{
    self,
    complaints::{Effect, NewEvent, Transition},
};
use crate::server::Db;

/// Rates complaint `id` (first rating): stores the score, records the event
/// and moves a published complaint to `rated`, in one transaction.
pub async fn rate(db: &Db, id: i64, score: i64, comment: Option<&str>, at: i64) -> Result<(), AppError> {
    let satisfaction = Satisfaction::new(score)
        .ok_or_else(|| AppError::validation("score", "Vui lòng chọn mức độ hài lòng từ 1 đến 5."))?;
    let mut tx = db.begin_write().await?;
    let (status, version) = store::complaints::status_and_version(&mut tx, id).await?;
    if status != ComplaintStatus::Published {
        return Err(AppError::Conflict);
    }
    store::complaints::insert_rating(&mut tx, id, i64::from(satisfaction.score()), comment, at).await?;
    let note = format!("{} ({}/5)", satisfaction.label(), satisfaction.score());
    store::complaints::insert_event(
        &mut tx,
        &NewEvent {
            complaint_id: id,
            at,
            actor_id: None,
            kind: EventKind::Rating,
            from_status: None,
            to_status: None,
            note: Some(&note),
            is_public: true,
        },
    )
    .await?;
    let t = Transition {
        action: Action::Rate,
        effect: Effect::None,
        actor_id: None,
        note: None,
        is_public: true,
        at,
    };
    store::complaints::transition(&mut tx, id, version, &t).await?;
    tx.commit().await?;
    Ok(())
}
