//! What a person typed into a form that was refused with JavaScript off, kept for the page
//! to show again (the browser keeps nothing after a plain post): one per person and form,
//! replaced by the next refusal and cleared in the transaction that saves the form.

use crate::auth::Caller;
use crate::clock::stamp;
use crate::db::Db;
use pathway_core::error::AppError;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// Which form; each has its own table, keyed by the record the form is about.
#[derive(Clone, Copy, Debug)]
pub enum Stash {
    /// An evidence item (keyed by its id).
    Evidence,
    /// A manager's decision (keyed by the worker).
    Decision,
    /// A supervision's progress on a plan (keyed by the decision).
    Supervision,
}

impl Stash {
    /// The table and the column naming the record.
    fn table(self) -> (&'static str, &'static str) {
        match self {
            Stash::Evidence => ("evidence_form_stash", "evidence_id"),
            Stash::Decision => ("decision_form_stash", "worker_id"),
            Stash::Supervision => ("supervision_form_stash", "decision_id"),
        }
    }
}

/// Keeps `typed` (about the record `key`) for the caller, replacing what was kept before.
pub async fn keep<T: Serialize>(
    db: &Db,
    caller: &Caller,
    stash: Stash,
    key: &str,
    typed: &T,
) -> Result<(), AppError> {
    let (table, column) = stash.table();
    let json = serde_json::to_string(typed).map_err(|e| AppError::internal(&e))?;
    let mut tx = db.begin().await?;
    sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1"))
        .bind(&caller.person_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(&format!(
        "INSERT INTO {table} (person_id, {column}, form, created_at) VALUES ($1, $2, $3, $4)"
    ))
    .bind(&caller.person_id)
    .bind(key)
    .bind(json)
    .bind(stamp(db.clock().now()))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(())
}

/// The caller's kept form, about `key` when given (else whatever record it is about).
pub async fn kept<T: DeserializeOwned>(
    db: &Db,
    caller: &Caller,
    stash: Stash,
    key: Option<&str>,
) -> Result<Option<T>, AppError> {
    let (table, column) = stash.table();
    let row: Option<(String,)> = match key {
        Some(key) => {
            sqlx::query_as(&format!(
                "SELECT form FROM {table} WHERE person_id = $1 AND {column} = $2"
            ))
            .bind(&caller.person_id)
            .bind(key)
            .fetch_optional(db.pool())
            .await?
        }
        None => {
            sqlx::query_as(&format!("SELECT form FROM {table} WHERE person_id = $1"))
                .bind(&caller.person_id)
                .fetch_optional(db.pool())
                .await?
        }
    };
    Ok(row.and_then(|(json,)| serde_json::from_str(&json).ok()))
}

/// Removes the caller's kept form inside the transaction that saves the real one.
pub async fn clear_in(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    caller: &Caller,
    stash: Stash,
) -> Result<(), AppError> {
    let (table, _) = stash.table();
    sqlx::query(&format!("DELETE FROM {table} WHERE person_id = $1"))
        .bind(&caller.person_id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}
