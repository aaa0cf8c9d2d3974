use crate::error::ApiError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Publishes a new version of the list with one more course. `levels` holds a key per
/// ticked level code (`levels[social_worker_3]=on`), as the plain form posts it.
#[server(endpoint = "training/add_course")]
pub async fn add_course(
    code: String,
    title: String,
    #[server(default)] kind: String,
    #[server(default)] levels: BTreeMap<String, String>,
) -> Result<String, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_can_manage_training(&caller)?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    let version =
        pathway_store::training::add_course(&db, &caller, &code, &title, &kind, &levels, &ip)
            .await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/training");
    }
    Ok(version)
}
