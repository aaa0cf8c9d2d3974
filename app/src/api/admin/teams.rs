use crate::error::AppError;
use crate::organisation::TeamSummary;
use leptos::prelude::*;

#[server(endpoint = "admin/teams")]
pub async fn list_teams() -> Result<Vec<TeamSummary>, AppError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    let db = crate::server::state::db()?;
    crate::server::org::teams(&db).await
}
