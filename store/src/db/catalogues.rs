//! The `requirement_catalogues` table: each policy version's requirements as JSON.

use crate::db::Db;
use chrono::NaiveDate;
use pathway_core::domain::{in_force, seed_catalogue, Catalogue};
use pathway_core::error::AppError;

/// Stores the catalogue seeded from the policy text unless that version is already there.
/// Idempotent and safe when several instances start at once.
pub async fn ensure_seeded(db: &Db) -> Result<(), AppError> {
    let catalogue = seed_catalogue();
    let body = serde_json::to_string(&catalogue).map_err(|e| AppError::internal(&e))?;
    sqlx::query(
        "INSERT INTO requirement_catalogues (version, effective_from, body, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (version) DO NOTHING",
    )
    .bind(&catalogue.version)
    .bind(catalogue.effective_from.to_string())
    .bind(body)
    .bind(crate::clock::stamp(db.clock().now()))
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Every stored version, oldest first; of versions in force from the same day, the one
/// stored later comes later (and so is the one in force: a corrected reading of the same
/// policy, such as `2019-10.2`, replaces `2019-10`).
pub async fn all(db: &Db) -> Result<Vec<Catalogue>, AppError> {
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT version, body FROM requirement_catalogues ORDER BY effective_from, created_at, version")
            .fetch_all(db.pool())
            .await?;
    rows.into_iter()
        .map(|(version, body)| {
            serde_json::from_str(&body)
                .map_err(|e| AppError::internal(&format!("catalogue {version} unreadable: {e}")))
        })
        .collect()
}

/// The version in force on `date`, which an application is judged under.
pub async fn in_force_on(db: &Db, date: NaiveDate) -> Result<Catalogue, AppError> {
    let catalogues = all(db).await?;
    in_force(&catalogues, date)
        .cloned()
        .ok_or_else(|| AppError::internal(&format!("no requirement catalogue in force on {date}")))
}
