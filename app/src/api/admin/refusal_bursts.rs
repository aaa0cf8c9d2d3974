use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::organisation::RefusalBurst;

/// People refused many times in a short while recently (issue 17 item 9), for the warning
/// at the top of the audit log.
#[server(endpoint = "admin/refusal_bursts")]
pub async fn refusal_bursts() -> Result<Vec<RefusalBurst>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    let now = db.clock().now();
    pathway_store::refusals::bursts(&db, now)
        .await
        .map_err(ApiError::from)
}
