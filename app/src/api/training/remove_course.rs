use crate::error::ApiError;
use leptos::prelude::*;

/// Publishes a new version of the list without the course `code`. Records that named it
/// stay as they are; they no longer count towards PATH-MGMT-3.
#[server(endpoint = "training/remove_course")]
pub async fn remove_course(code: String) -> Result<String, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_can_manage_training(&caller)?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    let version = pathway_store::training::remove_course(&db, &caller, &code, &ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/training");
    }
    Ok(version)
}
