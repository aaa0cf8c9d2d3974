//! An error shown from a page's address only when Pathway put it there (issue 17 item 10).
//! A refused form comes back to its page with the error in `?__err=` (the server function's
//! redirect for a plain post; the hydrated page's script builds the same address from the
//! refusal it fetched), and the page shows it. Anyone could write such an address, so a
//! link could make Pathway's own page say whatever its author liked ("call this number").
//! So whenever Pathway answers with an error, this middleware also sets a short-lived
//! HttpOnly cookie holding the digest of the `__err` value that error becomes; a page shows
//! `__err` only when its digest matches (`app::ui::govuk::errors::posted_error`). A link
//! from elsewhere brings no such cookie.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_TYPE, LOCATION, SET_COOKIE};
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use base64::engine::general_purpose::URL_SAFE;
use base64::Engine;
use pathway_store::auth::sessions::digest;
use pathway_store::auth::SecuritySettings;

pub use app::ui::govuk::errors::POSTED_ERROR_COOKIE as COOKIE;

/// Long enough to follow a redirect, or for a page to load after its script's fetch.
const LIFETIME_SECONDS: u32 = 300;

pub async fn vouch(
    State(settings): State<SecuritySettings>,
    request: Request,
    next: Next,
) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    if let Some(encoded) = redirected_error(&response) {
        return with_cookie(response, &encoded, settings);
    }
    let refused = response.status().is_client_error() || response.status().is_server_error();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !(is_api && refused && is_json) {
        return response;
    }
    // a refusal answered as data: the page's script shows it as `__err`, the URL-safe
    // base64 of this text
    let (parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        return Response::from_parts(parts, Body::empty());
    };
    let encoded = URL_SAFE.encode(&bytes);
    with_cookie(
        Response::from_parts(parts, Body::from(bytes)),
        &encoded,
        settings,
    )
}

/// The `__err` of a redirect's address, decoded as the page will read it.
fn redirected_error(response: &Response) -> Option<String> {
    let location = response.headers().get(LOCATION)?.to_str().ok()?;
    let query = location.split_once('?')?.1;
    url::form_urlencoded::parse(query.as_bytes())
        .find(|(name, _)| name == "__err")
        .map(|(_, value)| value.into_owned())
}

fn with_cookie(mut response: Response, encoded: &str, settings: SecuritySettings) -> Response {
    let secure = if settings.tls { "; Secure" } else { "" };
    let cookie = format!(
        "{COOKIE}={}; HttpOnly; SameSite=Lax; Path=/; Max-Age={LIFETIME_SECONDS}{secure}",
        digest(encoded)
    );
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().append(SET_COOKIE, value);
    }
    response
}
