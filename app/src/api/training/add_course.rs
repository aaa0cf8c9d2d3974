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
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_can_manage_training(&caller)?;
    let db = crate::server::state::db()?;
    let ip = crate::server::auth::request_meta().ip;
    let version =
        crate::server::training::add_course(&db, &caller, &code, &title, &kind, &levels, &ip)
            .await?;
    if crate::server::respond::is_plain_form_post() {
        leptos_axum::redirect("/training");
    }
    Ok(version)
}
