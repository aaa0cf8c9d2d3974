use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::identity::LevelEntry;

/// A person's dated levels: practice content, so the person, their supervisor and their
/// current managers only (not administrators).
#[server(endpoint = "people/level_history")]
pub async fn level_history(person_id: String) -> Result<Vec<LevelEntry>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let person_id: pathway_core::ids::PersonId = crate::api::request::parse_id(&person_id)?;
    let db = crate::api::request::db()?;
    pathway_store::authz::ensure_can_view_practice(&db, &caller, &person_id).await?;
    pathway_store::people::level_history(&db, &person_id)
        .await
        .map_err(ApiError::from)
}
