use crate::error::ApiError;
use leptos::prelude::*;

/// The signed-in person's device unlock key (base64), which unwraps the data key their
/// devices keep drafts under (docs/security.md). Only ever the caller's own key: 401 signed
/// out. Never cached (every server-function answer is `no-store`).
#[server(endpoint = "vault/key")]
pub async fn device_unlock_key() -> Result<String, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    pathway_store::vault::unlock_key(&db, &caller)
        .await
        .map_err(ApiError::from)
}
