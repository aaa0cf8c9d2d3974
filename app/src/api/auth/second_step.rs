//! The second step of a sign-in (issue 17 item 6): the code page and, for a role that needs
//! two-step sign-in and has not set it up, the set-up page; both for a person half-way signed
//! in (the password was right), named by the half-way cookie.

use crate::error::ApiError;
use leptos::prelude::*;

/// The code from the person's authenticator app, or a recovery code, for the half-way sign-in in the request's cookie. Answers the
/// page to go to; a plain form post is redirected there.
#[server(endpoint = "auth/verify_code")]
pub async fn verify_code(code: String, next: Option<String>) -> Result<String, ApiError> {
    use crate::api::request::{request_meta, settings};
    use pathway_store::auth::flow;
    // No require_user: the person is half-way signed in. The cookie names them; nothing else
    // is granted until the code is right.
    let db = crate::api::request::db()?;
    let settings = settings();
    let pending_token = pending_token()?;
    let now = db.clock().now();
    let signed_in =
        flow::finish_with_code(&db, &pending_token, &code, &request_meta(), settings, now).await?;
    Ok(finished(settings, &signed_in, next.as_deref()))
}

/// The set-up a role needs, for the person half-way through signing in (no session yet):
/// shown by the set-up step of their sign-in.
#[server(endpoint = "auth/begin_pending_two_step")]
pub async fn begin_pending_two_step() -> Result<pathway_core::identity::TwoStepSetup, ApiError> {
    use pathway_store::auth::{flow, two_step};
    let db = crate::api::request::db()?;
    let now = db.clock().now();
    let caller = flow::pending_caller(&db, &pending_token()?, now).await?;
    Ok(two_step::begin(&db, &caller.person_id, caller.email.as_str(), now).await?)
}

/// The set-up step's first code: two-step sign-in is on, and the sign-in finishes.
#[server(endpoint = "auth/finish_set_up")]
pub async fn finish_set_up(code: String, next: Option<String>) -> Result<String, ApiError> {
    use crate::api::request::{request_meta, settings};
    use pathway_store::auth::flow;
    let db = crate::api::request::db()?;
    let settings = settings();
    let pending_token = pending_token()?;
    let now = db.clock().now();
    let signed_in =
        flow::finish_with_set_up(&db, &pending_token, &code, &request_meta(), settings, now)
            .await?;
    Ok(finished(settings, &signed_in, next.as_deref()))
}

/// The half-way sign-in's token from the request's cookie.
#[cfg(feature = "ssr")]
fn pending_token() -> Result<String, crate::error::AppError> {
    use axum::http::request::Parts;
    use pathway_store::auth::{cookie_value, pending};
    let name = crate::api::request::settings().pending_cookie_name();
    use_context::<Parts>()
        .and_then(|parts| cookie_value(&parts, &name))
        .ok_or_else(|| crate::error::AppError::validation(pending::EXPIRED))
}

/// A finished second step: the half-way cookie gone, the session's set, and the page to go
/// to (a plain form post is redirected there).
#[cfg(feature = "ssr")]
fn finished(
    settings: pathway_store::auth::SecuritySettings,
    signed_in: &pathway_store::auth::flow::SignedIn,
    next: Option<&str>,
) -> String {
    crate::api::request::set_cookie(&settings.clearing_pending_cookie());
    super::signed_in_cookies(settings, signed_in);
    let target = super::safe_next(next);
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect(&target);
    }
    target
}
