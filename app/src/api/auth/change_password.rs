use crate::error::ApiError;
use leptos::prelude::*;

/// Changes the caller's own password. Other sessions end; this one gets a fresh id.
#[server(endpoint = "auth/change_password")]
pub async fn change_password(current: String, new_password: String) -> Result<(), ApiError> {
    use crate::api::request::{request_meta, require_user, set_cookie, settings};
    use pathway_store::auth::flow;
    let caller = require_user().await?;
    let db = crate::api::request::db()?;
    let settings = settings();
    let now = db.clock().now();
    let token = flow::change_password(
        &db,
        &caller,
        current,
        new_password,
        &request_meta(),
        settings,
        now,
    )
    .await?;
    set_cookie(&settings.session_cookie(&token));
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/account/password?changed=1");
    }
    Ok(())
}
