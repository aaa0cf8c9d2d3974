use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::organisation::{AuditEntry, AuditFilter};

/// The newest audit entries matching the filter. Read-only: nothing edits the log.
#[server(endpoint = "admin/audit_log")]
pub async fn audit_log(
    #[server(default)] filter: AuditFilter,
) -> Result<Vec<AuditEntry>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    pathway_store::audit::list(&db, &filter)
        .await
        .map_err(ApiError::from)
}
