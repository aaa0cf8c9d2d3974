use crate::error::ApiError;
use leptos::prelude::*;

#[server(endpoint = "admin/create_team")]
pub async fn create_team(
    name: String,
    service_area: String,
) -> Result<pathway_core::ids::TeamId, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    let id = pathway_store::org::create_team(&db, &caller, &name, &service_area, &ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/admin/teams");
    }
    Ok(id)
}
