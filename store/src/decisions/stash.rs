//! A refused decision form, kept for the page to show again (JavaScript off: the browser
//! does not keep it). One per manager.

use crate::auth::Caller;
use crate::clock::stamp;
use crate::db::Db;
use pathway_core::decisions::form::DecisionForm;
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;

pub async fn keep(db: &Db, caller: &Caller, form: &DecisionForm) -> Result<(), AppError> {
    let json = serde_json::to_string(form).map_err(|e| AppError::internal(&e))?;
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM decision_form_stash WHERE person_id = $1")
        .bind(&caller.person_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO decision_form_stash (person_id, worker_id, form, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(&caller.person_id)
    .bind(form.worker.trim())
    .bind(json)
    .bind(stamp(db.clock().now()))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The caller's kept form for `worker`, if any.
pub async fn kept(
    db: &Db,
    caller: &Caller,
    worker: &PersonId,
) -> Result<Option<DecisionForm>, AppError> {
    let row: Option<(String,)> = sqlx::query_as(
        "SELECT form FROM decision_form_stash WHERE person_id = $1 AND worker_id = $2",
    )
    .bind(&caller.person_id)
    .bind(worker)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.and_then(|(json,)| serde_json::from_str(&json).ok()))
}

/// Removed in the transaction that records the decision.
pub async fn clear_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    caller: &Caller,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM decision_form_stash WHERE person_id = $1")
        .bind(&caller.person_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
