use crate::error::ApiError;
use leptos::prelude::*;

/// Signs in with email and password; answers the path to go to next. A plain form post
/// (JavaScript off) is redirected there; a wrong password comes back as a validation error.
#[server(endpoint = "auth/sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
) -> Result<String, ApiError> {
    use crate::api::request::{request_meta, set_cookie, settings};
    use pathway_store::auth::flow;
    // No require_user: this is how a user comes to exist. Throttled per account and address.
    let db = crate::api::request::db()?;
    let meta = request_meta();
    let settings = settings();
    let now = db.clock().now();
    let signed_in = flow::sign_in(&db, &email, password, &meta, settings, now).await?;
    set_cookie(&settings.session_cookie(&signed_in.token));
    if let Some(device) = &signed_in.device_token {
        set_cookie(&settings.device_cookie(device));
    }
    let target = super::safe_next(next.as_deref());
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect(&target);
    }
    Ok(target)
}
