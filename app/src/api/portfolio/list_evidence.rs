use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::portfolio::views::EvidenceSummary;

/// A worker's evidence, newest first, without its text (PORTFOLIO).
#[server(endpoint = "portfolio/list_evidence")]
pub async fn list_evidence(person_id: String) -> Result<Vec<EvidenceSummary>, ApiError> {
    let caller = crate::server::auth::require_user().await?;
    let db = crate::server::state::db()?;
    crate::server::authz::ensure_can_view_practice(&db, &caller, &person_id).await?;
    let rows = crate::server::portfolio::store::list(&db, &person_id).await?;
    Ok(rows.iter().filter_map(|row| row.summary()).collect())
}
