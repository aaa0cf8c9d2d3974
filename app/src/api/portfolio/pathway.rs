use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::portfolio::views::PathwayView;

/// "My pathway": level, next step and the readiness task list (PATH-ASYE, PATH-L3,
/// PATH-MGMT) for the caller, or for a worker they may view (`person_id`).
#[server(endpoint = "portfolio/pathway")]
pub async fn load_pathway(person_id: Option<String>) -> Result<PathwayView, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let person_id = crate::api::request::person_or_caller(person_id, &caller)?;
    pathway_store::authz::ensure_can_view_practice(&db, &caller, &person_id).await?;
    let today = db.clock().today();
    let catalogue = pathway_store::portfolio::catalogue(&db, today).await?;
    pathway_store::portfolio::pathway::view(&db, &caller, &person_id, &catalogue, today)
        .await
        .map_err(ApiError::from)
}
