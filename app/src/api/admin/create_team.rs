use crate::error::ApiError;
use leptos::prelude::*;

#[server(endpoint = "admin/create_team")]
pub async fn create_team(name: String, service_area: String) -> Result<String, ApiError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    let db = crate::server::state::db()?;
    let ip = crate::server::auth::request_meta().ip;
    let id = crate::server::org::create_team(&db, &caller, &name, &service_area, &ip).await?;
    if crate::server::respond::is_plain_form_post() {
        leptos_axum::redirect("/admin/teams");
    }
    Ok(id)
}
