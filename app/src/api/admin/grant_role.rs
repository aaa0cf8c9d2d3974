use crate::error::ApiError;
use leptos::prelude::*;

#[server(endpoint = "admin/grant_role")]
pub async fn grant_role(person_id: String, role: String) -> Result<(), ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let role = super::parse_role(&role)?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    pathway_store::org::grant_role(&db, &caller, &person_id, role, &ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect(&format!("/admin/person?id={person_id}"));
    }
    Ok(())
}
