use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::identity::LevelEntry;

/// A person's dated levels (the pay dates): the person, their supervisor and current
/// managers, and administrators, who record the changes (issue 14 item 1).
#[server(endpoint = "people/level_history")]
pub async fn level_history(person_id: String) -> Result<Vec<LevelEntry>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let person_id: pathway_core::ids::PersonId = crate::api::request::parse_id(&person_id)?;
    let db = crate::api::request::db()?;
    pathway_store::authz::ensure_can_view_person(&db, &caller, &person_id).await?;
    pathway_store::people::level_history(&db, &person_id)
        .await
        .map_err(ApiError::from)
}
