use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::organisation::PersonSummary;

#[server(endpoint = "admin/people")]
pub async fn list_people() -> Result<Vec<PersonSummary>, ApiError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    let db = crate::server::state::db()?;
    crate::server::people::list(&db)
        .await
        .map_err(ApiError::from)
}
