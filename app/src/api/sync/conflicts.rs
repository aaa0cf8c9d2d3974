use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::sync::ConflictView;

/// The caller's conflict copies beside the server's text: unresolved ones, or with `all`
/// also those already resolved (they are never deleted).
#[server(endpoint = "sync/conflicts")]
pub async fn list_conflicts(all: Option<bool>) -> Result<Vec<ConflictView>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    pathway_store::sync::conflicts::list(&db, &caller, all == Some(true))
        .await
        .map_err(ApiError::from)
}
