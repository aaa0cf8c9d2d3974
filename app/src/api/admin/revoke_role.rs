use crate::error::ApiError;
use leptos::prelude::*;

#[server(endpoint = "admin/revoke_role")]
pub async fn revoke_role(person_id: String, role: String) -> Result<(), ApiError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    let role = super::parse_role(&role)?;
    let db = crate::server::state::db()?;
    let ip = crate::server::auth::request_meta().ip;
    crate::server::org::revoke_role(&db, &caller, &person_id, role, &ip).await?;
    if crate::server::respond::is_plain_form_post() {
        leptos_axum::redirect(&format!("/admin/person?id={person_id}"));
    }
    Ok(())
}
