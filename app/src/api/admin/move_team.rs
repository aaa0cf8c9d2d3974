use crate::error::ApiError;
use leptos::prelude::*;

/// Moves a worker to another team from today; the old team manager's access ends now.
#[server(endpoint = "admin/move_team")]
pub async fn move_team(person_id: String, team_id: String) -> Result<(), ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    pathway_store::org::move_to_team(&db, &caller, &person_id, &team_id, &ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect(&format!("/admin/person?id={person_id}"));
    }
    Ok(())
}
