use crate::error::ApiError;
use leptos::prelude::*;
use leptos::server_fn::codec::Json;
use pathway_core::sync::{PushRequest, PushResult};

/// Applies a device's numbered changes in one transaction (docs/sync.md). 401 signed out;
/// 403 another person's device id, item or portfolio; 409 a gap in the numbering; otherwise
/// 200 with one outcome per change (applied, kept as a conflict copy, or rejected with a
/// reason). A retried push gets the first answer again and changes nothing.
#[server(endpoint = "sync/push", input = Json)]
pub async fn sync_push(request: PushRequest) -> Result<PushResult, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    let today = db.clock().today();
    pathway_store::sync::push::push(&db, &caller, &request, today, &ip)
        .await
        .map_err(ApiError::from)
}
