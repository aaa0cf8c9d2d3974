use crate::error::ApiError;
#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;
use pathway_core::portfolio::views::EvidenceView;

/// One evidence item with its text. A missing id and someone else's item are the same 403.
#[server(endpoint = "portfolio/get_evidence")]
pub async fn get_evidence(id: String) -> Result<EvidenceView, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let id: pathway_core::ids::EvidenceId = crate::api::request::parse_id(&id)?;
    let db = crate::api::request::db()?;
    let row = pathway_store::portfolio::store::load(&db, &id)
        .await?
        .ok_or(AppError::Forbidden)?;
    // its author, while they may still write to the portfolio (Learning and Development's
    // confirmation of the ASYE programme among them), sees and edits it; otherwise who may
    // see the worker's practice reads it
    let can_edit = row.created_by == caller.person_id
        && pathway_store::authz::may_write_portfolio(&db, &caller, &row.person_id).await?;
    if !can_edit {
        pathway_store::authz::ensure_can_view_practice(&db, &caller, &row.person_id).await?;
    }
    let name = pathway_store::portfolio::store::person_name(&db, &row.person_id).await?;
    row.view(name, can_edit)
        .ok_or_else(|| AppError::internal(&format!("evidence {id} has an unknown kind")))
        .map_err(ApiError::from)
}
