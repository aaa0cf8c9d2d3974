//! The `training_lists` table: Learning & Development's core and development courses
//! (PATH-MGMT-3), each version as JSON. Publishing writes a new version in one transaction
//! with its audit entry; nothing is ever updated in place.

use crate::audit::{self, Event};
use crate::auth::Caller;
use crate::clock::{new_id, stamp};
use crate::db::Db;
use chrono::NaiveDate;
use pathway_core::domain::{training_in_force, TrainingList};
use pathway_core::error::AppError;

pub const TRAINING_LIST_PUBLISHED: &str = "training_list_published";

/// Every stored version, oldest first: of the same day, the one stored later comes later
/// (`created_at` to the second, then the version, a time-ordered UUIDv7).
pub async fn all(db: &Db) -> Result<Vec<TrainingList>, AppError> {
    let rows: Vec<(String, String)> = sqlx::query_as(
        "SELECT version, body FROM training_lists ORDER BY effective_from, created_at, version",
    )
    .fetch_all(db.pool())
    .await?;
    rows.into_iter()
        .map(|(version, body)| {
            serde_json::from_str(&body).map_err(|e| {
                AppError::internal(&format!("training list {version} unreadable: {e}"))
            })
        })
        .collect()
}

/// The list in force on `date`, if L&D has published one.
pub async fn in_force_on(db: &Db, date: NaiveDate) -> Result<Option<TrainingList>, AppError> {
    Ok(training_in_force(&all(db).await?, date).cloned())
}

/// Stores `list` as a new version (its `version` is set here) in force from today.
pub async fn publish(
    db: &Db,
    caller: &Caller,
    mut list: TrainingList,
    ip: &str,
) -> Result<TrainingList, AppError> {
    let now = db.clock().now();
    list.version = new_id();
    list.effective_from = db.clock().today();
    let body = serde_json::to_string(&list).map_err(|e| AppError::internal(&e))?;
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO training_lists (version, effective_from, body, created_at, created_by)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&list.version)
    .bind(list.effective_from.to_string())
    .bind(body)
    .bind(stamp(now))
    .bind(&caller.person_id)
    .execute(&mut *tx)
    .await?;
    let event = Event::by(
        &caller.person_id,
        TRAINING_LIST_PUBLISHED,
        "training_list",
        &list.version,
        ip,
    )
    .with_detail(format!("{} courses", list.courses.len()));
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(list)
}
