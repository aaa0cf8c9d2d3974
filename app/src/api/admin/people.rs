use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::organisation::PersonSummary;

#[server(endpoint = "admin/people")]
pub async fn list_people() -> Result<Vec<PersonSummary>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    pathway_store::people::list(&db)
        .await
        .map_err(ApiError::from)
}
