use crate::error::ApiError;
use leptos::prelude::*;

/// Moves a worker to another team from today; the old team manager's access ends now.
#[server(endpoint = "admin/move_team")]
pub async fn move_team(person_id: String, team_id: String) -> Result<(), ApiError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    let db = crate::server::state::db()?;
    let ip = crate::server::auth::request_meta().ip;
    crate::server::org::move_to_team(&db, &caller, &person_id, &team_id, &ip).await?;
    if crate::server::respond::is_plain_form_post() {
        leptos_axum::redirect(&format!("/admin/person?id={person_id}"));
    }
    Ok(())
}
