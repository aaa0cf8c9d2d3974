use crate::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pathway_core::sync::{PullRequest, PullResult};

/// The caller's evidence changed since a cursor, deletions as tombstones (docs/sync.md).
/// 401 signed out; 403 another person's device id.
#[server(endpoint = "sync/pull", input = Json)]
pub async fn sync_pull(request: PullRequest) -> Result<PullResult, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    pathway_store::sync::pull::pull(&db, &caller, &request)
        .await
        .map_err(ApiError::from)
}
