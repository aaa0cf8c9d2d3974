use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::organisation::WorkerSummary;

/// The workers the caller supervises or manages now. The answer is derived from the caller's
/// own relations, so it can only ever contain people the caller may see.
#[server(endpoint = "people/my_workers")]
pub async fn my_workers() -> Result<Vec<WorkerSummary>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    pathway_store::relations::overseen_by(&db, &caller.person_id)
        .await
        .map_err(ApiError::from)
}
