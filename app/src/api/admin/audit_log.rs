use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::organisation::{AuditEntry, AuditFilter};

/// The newest audit entries matching the filter. Read-only: nothing edits the log.
#[server(endpoint = "admin/audit_log")]
pub async fn audit_log(
    #[server(default)] filter: AuditFilter,
) -> Result<Vec<AuditEntry>, ApiError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    let db = crate::server::state::db()?;
    crate::server::audit::list(&db, &filter)
        .await
        .map_err(ApiError::from)
}
