use crate::error::ApiError;
use leptos::prelude::*;

/// The second step of a sign-in (issue 17 item 6): the code from the person's authenticator
/// app, or a recovery code, for the half-way sign-in in the request's cookie. Answers the
/// page to go to; a plain form post is redirected there.
#[server(endpoint = "auth/verify_code")]
pub async fn verify_code(code: String, next: Option<String>) -> Result<String, ApiError> {
    use crate::api::request::{request_meta, set_cookie, settings};
    use axum::http::request::Parts;
    use pathway_store::auth::{cookie_value, flow, pending};
    // No require_user: the person is half-way signed in. The cookie names them; nothing else
    // is granted until the code is right.
    let db = crate::api::request::db()?;
    let settings = settings();
    let pending_token = use_context::<Parts>()
        .and_then(|parts| cookie_value(&parts, &settings.pending_cookie_name()))
        .ok_or_else(|| crate::error::AppError::validation(pending::EXPIRED))?;
    let now = db.clock().now();
    let signed_in =
        flow::finish_with_code(&db, &pending_token, &code, &request_meta(), settings, now).await?;
    set_cookie(&settings.clearing_pending_cookie());
    super::signed_in_cookies(settings, &signed_in);
    let target = super::safe_next(next.as_deref());
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect(&target);
    }
    Ok(target)
}
