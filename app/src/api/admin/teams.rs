use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::organisation::TeamSummary;

#[server(endpoint = "admin/teams")]
pub async fn list_teams() -> Result<Vec<TeamSummary>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    pathway_store::org::teams(&db).await.map_err(ApiError::from)
}
