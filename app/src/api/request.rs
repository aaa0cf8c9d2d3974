//! What the current request carries, read from the Leptos context the server crate fills
//! for every page and server function: the database handle, the session settings, the
//! caller, cookies, and how the request wants its answer. `pathway_store` knows nothing of
//! HTTP context; server functions read these here and hand it plain values.

use crate::error::AppError;
use axum::http::header::{ACCEPT, SET_COOKIE};
use axum::http::request::Parts;
use axum::http::HeaderValue;
use leptos::prelude::use_context;
use pathway_store::auth::{cookie_value, flow, meta_from_parts, sessions};
use pathway_store::auth::{Caller, RequestMeta, SecuritySettings};
use pathway_store::db::Db;

/// Text from a URL or a form field as a record id, checked once here at the server's edge:
/// text that is not an id names no record.
pub fn parse_id<T>(text: &str) -> Result<T, AppError>
where
    T: std::str::FromStr<Err = pathway_core::ids::IdProblem>,
{
    text.trim().parse().map_err(|_| AppError::NotFound)
}

/// Whose record a page asks for: the person named (checked as an id), or the caller.
pub fn person_or_caller(
    person_id: Option<String>,
    caller: &Caller,
) -> Result<pathway_core::ids::PersonId, AppError> {
    match person_id.filter(|p| !p.trim().is_empty()) {
        Some(text) => parse_id(&text),
        None => Ok(caller.person_id.clone()),
    }
}

/// The database handle inside a server function or a server-rendered component.
pub fn db() -> Result<Db, AppError> {
    use_context::<Db>().ok_or_else(|| AppError::internal(&"database handle missing from context"))
}

pub fn settings() -> SecuritySettings {
    use_context::<SecuritySettings>().unwrap_or_default()
}

/// The caller's address, user agent and session cookie.
pub fn request_meta() -> RequestMeta {
    let Some(parts) = use_context::<Parts>() else {
        return RequestMeta::default();
    };
    meta_from_parts(&parts, settings())
}

/// The signed-in caller, or `Unauthenticated` (401). First line of every protected server fn.
pub async fn require_user() -> Result<Caller, AppError> {
    current_caller().await?.ok_or(AppError::Unauthenticated)
}

/// The signed-in caller if the request carries a live session.
pub async fn current_caller() -> Result<Option<Caller>, AppError> {
    let meta = request_meta();
    let Some(token) = meta.session_token.clone() else {
        return Ok(None);
    };
    let db = db()?;
    let caller = sessions::resolve(&db, &token, settings(), db.clock().now()).await?;
    if caller
        .as_ref()
        .is_some_and(|c| sign_out_pending(&c.person_id))
    {
        // this person signed out on this device while it was offline (issue 20): end the
        // session before anything is answered as them
        flow::sign_out(&db, &meta).await?;
        set_cookie(&settings().clearing_cookie());
        set_cookie(&crate::api::auth::sign_out::clearing_pending_cookie());
        return Ok(None);
    }
    Ok(caller)
}

/// Whether the request carries the page's "sign-out pending" mark for `person_id`.
fn sign_out_pending(person_id: &str) -> bool {
    use_context::<Parts>()
        .and_then(|parts| cookie_value(&parts, crate::api::auth::sign_out::PENDING_COOKIE))
        .is_some_and(|value| value == person_id)
}

/// Adds a Set-Cookie header to the response of the current server function or page.
pub fn set_cookie(value: &str) {
    if let (Some(options), Ok(value)) = (
        use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(value),
    ) {
        options.append_header(SET_COOKIE, value);
    }
}

/// A plain HTML form submitted with JavaScript off (the browser accepts text/html) rather
/// than a call from the hydrated app: such a post gets a redirect, not data.
pub fn is_plain_form_post() -> bool {
    use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}
