use crate::error::ApiError;
#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;

/// Marks a leaver inactive and ends all their sessions at once.
#[server(endpoint = "admin/deactivate")]
pub async fn deactivate_person(person_id: String) -> Result<(), ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let person_id: pathway_core::ids::PersonId = crate::api::request::parse_id(&person_id)?;
    if caller.person_id == person_id {
        return Err(AppError::validation("You cannot deactivate your own account").into());
    }
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    pathway_store::people::deactivate(&db, &caller, &person_id, &ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/admin/people");
    }
    Ok(())
}
