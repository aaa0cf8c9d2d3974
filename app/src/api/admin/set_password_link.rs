use crate::error::ApiError;
use leptos::prelude::*;

/// Creates a one-time set-password link (valid for 72 hours) and answers its path, for the
/// administrator to pass on. Earlier unused links for the person stop working.
#[server(endpoint = "admin/set_password_link")]
pub async fn set_password_link(person_id: String) -> Result<String, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let person_id: pathway_core::ids::PersonId = crate::api::request::parse_id(&person_id)?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    Ok(pathway_store::auth::tokens::issue_link(&db, &caller, &person_id, &ip).await?)
}
