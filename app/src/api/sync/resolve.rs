use crate::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pathway_core::portfolio::views::Saved;
use pathway_core::sync::Resolution;

/// Resolves one of the caller's conflict copies: keep mine, keep theirs, or merged text.
/// `seen_version` is the server version the worker compared against; if the item moved on
/// since, nothing is written (409). 403 for anyone else's conflict; 422 when the chosen
/// text does not pass validation.
#[server(endpoint = "sync/resolve", input = Json)]
pub async fn resolve_conflict(
    conflict_id: String,
    seen_version: i64,
    resolution: Resolution,
) -> Result<Option<Saved>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let conflict_id: pathway_core::ids::ConflictId = crate::api::request::parse_id(&conflict_id)?;
    let db = crate::api::request::db()?;
    pathway_store::sync::conflicts::resolve_now(
        &db,
        &caller,
        &conflict_id,
        seen_version,
        &resolution,
        &crate::api::request::request_meta().ip,
    )
    .await
    .map_err(ApiError::from)
}
