//! The signed-in person's own sessions (issue 17 item 7): listed, one ended, or every other
//! one ended ("sign out everywhere else").

use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::identity::{DeviceView, SessionView};

#[server(endpoint = "auth/my_sessions")]
pub async fn my_sessions() -> Result<Vec<SessionView>, ApiError> {
    use crate::api::request::{db, request_meta, require_user};
    let caller = require_user().await?;
    let db = db()?;
    let token = request_meta().session_token;
    let now = db.clock().now();
    Ok(
        pathway_store::auth::my_sessions::list(&db, &caller.person_id, token.as_deref(), now)
            .await?,
    )
}

/// Ends one of the caller's sessions, by the handle the sessions page lists.
#[server(endpoint = "auth/end_session")]
pub async fn end_session(session: String) -> Result<(), ApiError> {
    use crate::api::request::{db, request_meta, require_user};
    let caller = require_user().await?;
    let db = db()?;
    let ip = request_meta().ip;
    pathway_store::auth::my_sessions::end_one(&db, &caller.person_id, session.trim(), &ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/account/sessions?ended=1");
    }
    Ok(())
}

/// Ends every session of the caller's but this one.
#[server(endpoint = "auth/sign_out_everywhere_else")]
pub async fn sign_out_everywhere_else() -> Result<(), ApiError> {
    use crate::api::request::{db, request_meta, require_user};
    let caller = require_user().await?;
    let db = db()?;
    let meta = request_meta();
    let token = meta.session_token.unwrap_or_default();
    pathway_store::auth::my_sessions::end_others(&db, &caller.person_id, &token, &meta.ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/account/sessions?ended=1");
    }
    Ok(())
}

/// The browsers the caller has signed in on, and which are set up for offline drafting.
#[server(endpoint = "auth/my_devices")]
pub async fn my_devices() -> Result<Vec<DeviceView>, ApiError> {
    use crate::api::request::{db, request_meta, require_user};
    let caller = require_user().await?;
    let db = db()?;
    let token = request_meta().device_token;
    Ok(pathway_store::auth::devices::list(&db, &caller.person_id, token.as_deref()).await?)
}

/// Forgets one of the caller's devices, by the handle the sessions page lists: it is no
/// longer set up for offline drafting and the unlock key is rotated.
#[server(endpoint = "auth/forget_device")]
pub async fn forget_device(device: String) -> Result<(), ApiError> {
    use crate::api::request::{db, request_meta, require_user};
    let caller = require_user().await?;
    let db = db()?;
    let ip = request_meta().ip;
    pathway_store::auth::devices::forget(&db, &caller.person_id, device.trim(), &ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/account/sessions?forgotten=1");
    }
    Ok(())
}
