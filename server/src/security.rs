//! Protection every request gets, once for all server functions and pages:
//! - a cross-site check: a state-changing request (anything but GET/HEAD/OPTIONS) whose
//!   `Origin` is not this site, or without `Origin` whose `Sec-Fetch-Site` says another
//!   site, is refused with 403 before any handler runs;
//! - security headers on every response (CSP, nosniff, referrer and permissions policies,
//!   HSTS over TLS);
//! - server-function errors answered with their real HTTP status (401, 403, 422, 429…)
//!   instead of the blanket 500 the server-function layer uses.

use axum::body::{to_bytes, Body};
use axum::extract::{Request, State};
use axum::http::header::{
    CONTENT_SECURITY_POLICY, CONTENT_TYPE, HOST, ORIGIN, REFERRER_POLICY,
    STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS, X_FRAME_OPTIONS,
};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pathway_core::error::AppError;
use pathway_store::auth::SecuritySettings;

const PERMISSIONS_POLICY: &str =
    "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()";

/// Refuses state-changing requests that come from another site.
pub async fn refuse_cross_site(
    State(settings): State<SecuritySettings>,
    request: Request,
    next: Next,
) -> Response {
    if matches!(
        *request.method(),
        Method::GET | Method::HEAD | Method::OPTIONS
    ) {
        return next.run(request).await;
    }
    let headers = request.headers();
    let host = headers.get(HOST).and_then(|v| v.to_str().ok());
    let origin = headers.get(ORIGIN).and_then(|v| v.to_str().ok());
    let fetch_site = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok());
    if is_same_site(origin, fetch_site, host, settings.tls) {
        next.run(request).await
    } else {
        tracing::warn!(method = %request.method(), path = %request.uri().path(), "cross-site request refused");
        (
            StatusCode::FORBIDDEN,
            "This request came from another site and was refused.",
        )
            .into_response()
    }
}

/// Same-site when `Origin` names this host (over https when served over TLS); without
/// `Origin`, when `Sec-Fetch-Site` is same-origin or none (typed by the user). A request
/// with neither comes from no browser (every current browser sends `Origin` on POST),
/// so it cannot carry a victim's cookies across sites and is let through.
pub fn is_same_site(
    origin: Option<&str>,
    fetch_site: Option<&str>,
    host: Option<&str>,
    tls: bool,
) -> bool {
    match (origin, fetch_site) {
        (Some(origin), _) => {
            let Some(host) = host else { return false };
            let (scheme, authority) = match origin.split_once("://") {
                Some(parts) => parts,
                None => return false,
            };
            let scheme_ok = if tls {
                scheme == "https"
            } else {
                scheme == "http" || scheme == "https"
            };
            scheme_ok && authority.eq_ignore_ascii_case(host)
        }
        (None, Some(site)) => matches!(site, "same-origin" | "none"),
        (None, None) => true,
    }
}

/// Adds the security headers to every response that does not already carry them.
pub async fn security_headers(
    State(settings): State<SecuritySettings>,
    mut request: Request,
    next: Next,
) -> Response {
    let nonce = crate::csp::RequestNonce::fresh();
    request.extensions_mut().insert(nonce.clone());
    let mut response = next.run(request).await;
    // a page Leptos rendered carries the nonce on its inline scripts; nothing else runs inline
    let policy = crate::csp::policy(nonce.used());
    let headers = response.headers_mut();
    let mut set = |name: HeaderName, value: &str| {
        if !headers.contains_key(&name) {
            if let Ok(value) = HeaderValue::from_str(value) {
                headers.insert(name, value);
            }
        }
    };
    set(CONTENT_SECURITY_POLICY, &policy);
    set(X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(X_FRAME_OPTIONS, "DENY");
    // same-origin: our own no-JavaScript form posts need the Referer to come back to the page
    set(REFERRER_POLICY, "same-origin");
    set(
        HeaderName::from_static("permissions-policy"),
        PERMISSIONS_POLICY,
    );
    set(
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    if settings.tls {
        set(
            STRICT_TRANSPORT_SECURITY,
            "max-age=31536000; includeSubDomains",
        );
    }
    response
}

/// Gives server-function errors their real status: the server-function layer answers every
/// error with 500, which would make a wrong password look like a crash.
pub async fn server_fn_error_status(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if !is_api || response.status() != StatusCode::INTERNAL_SERVER_ERROR || !is_json {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, 64 * 1024).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong.").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        if let Ok(status) = StatusCode::from_u16(error.status_code()) {
            parts.status = status;
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::is_same_site;

    #[test]
    fn only_this_site_may_post() {
        let host = Some("pathway.local:3000");
        assert!(is_same_site(
            Some("http://pathway.local:3000"),
            None,
            host,
            false
        ));
        assert!(!is_same_site(
            Some("http://evil.example"),
            None,
            host,
            false
        ));
        assert!(!is_same_site(Some("null"), None, host, false));
        assert!(
            !is_same_site(Some("http://pathway.local:3000"), None, host, true),
            "TLS needs https"
        );
        assert!(is_same_site(None, Some("same-origin"), host, false));
        assert!(!is_same_site(None, Some("cross-site"), host, false));
        assert!(
            !is_same_site(None, Some("same-site"), host, false),
            "a sibling subdomain is another site"
        );
        assert!(is_same_site(None, None, host, false));
    }
}
