//! The server's half of drafts kept sealed on devices (issues 7 and 17, docs/security.md):
//! the unlock key a live session may fetch, and setting up this device for offline drafting
//! when the person asks for it.

use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::identity::UnlockKeys;

/// The signed-in person's newest device unlock key and its version, the older version
/// `have` if the device still wraps with it, and whether this device is set up for offline
/// drafting; when it is not, its pepper cookie (if any) is removed. Only ever the caller's
/// own keys: 401 signed out. Never cached (every server-function answer is `no-store`).
#[server(endpoint = "vault/key")]
pub async fn device_unlock_key(have: Option<i64>) -> Result<UnlockKeys, ApiError> {
    use crate::api::request::{db, request_meta, require_user, set_cookie, settings};
    let caller = require_user().await?;
    let db = db()?;
    let meta = request_meta();
    let keys =
        pathway_store::vault::unlock_keys(&db, &caller, have, meta.device_token.as_deref()).await?;
    if !keys.offline {
        set_cookie(&settings().pepper_cookie(&caller.person_id, "", 0));
    }
    Ok(keys)
}

/// "Use this device offline": asked for at sign-in, or later on "Where you're signed in"
/// (after a two-step or provider sign-in, which never had the password in the page). The
/// password is checked again, throttled as a sign-in is, because it is what the device will
/// wrap the drafts' key with; then the browser the caller signed in on is marked as set up
/// and its pepper issued (in a cookie, and in the answer for the page that asked). A plain
/// form post is refused beside the field: only the page's script can wrap the key. 404 when
/// the request carries no known-device mark of the caller's.
#[server(endpoint = "vault/set_up_offline")]
pub async fn set_up_offline(password: String) -> Result<String, ApiError> {
    use crate::api::request::{
        db, is_plain_form_post, request_meta, require_user, set_cookie, settings,
    };
    use pathway_core::error::AppError;
    use pathway_store::auth::devices::KNOWN_FOR_DAYS;
    let caller = require_user().await?;
    if is_plain_form_post() {
        return Err(AppError::field(
            "password",
            "Setting up offline drafting needs JavaScript, which is off in this browser. Turn it on and try again",
        )
        .into());
    }
    let db = db()?;
    let meta = request_meta();
    let now = db.clock().now();
    pathway_store::auth::flow::confirm_password(
        &db,
        &caller,
        password,
        ("password", "password"),
        &meta,
        now,
    )
    .await?;
    let pepper =
        pathway_store::vault::set_up_offline(&db, &caller, meta.device_token.as_deref()).await?;
    let lifetime = chrono::Duration::days(KNOWN_FOR_DAYS).num_seconds();
    set_cookie(&settings().pepper_cookie(&caller.person_id, &pepper, lifetime));
    Ok(pepper)
}
