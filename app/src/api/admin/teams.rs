use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::organisation::TeamSummary;

#[server(endpoint = "admin/teams")]
pub async fn list_teams() -> Result<Vec<TeamSummary>, ApiError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    let db = crate::server::state::db()?;
    crate::server::org::teams(&db).await.map_err(ApiError::from)
}
