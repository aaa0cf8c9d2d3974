use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::portfolio::views::EvidenceSummary;

/// A worker's evidence, newest first, without its text (PORTFOLIO).
#[server(endpoint = "portfolio/list_evidence")]
pub async fn list_evidence(person_id: String) -> Result<Vec<EvidenceSummary>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let person_id: pathway_core::ids::PersonId = crate::api::request::parse_id(&person_id)?;
    let db = crate::api::request::db()?;
    pathway_store::authz::ensure_can_view_practice(&db, &caller, &person_id).await?;
    let rows = pathway_store::portfolio::store::list(&db, &person_id).await?;
    Ok(rows.iter().filter_map(|row| row.summary()).collect())
}
