//! Response headers every request gets.

use axum::extract::Request;
use axum::http::header::{HeaderValue, CACHE_CONTROL, VARY};
use axum::middleware::Next;
use axum::response::Response;

/// Hashed build assets never change, so browsers may keep them for a year; icons and the
/// manifest for a day. Everything else (pages, server functions) may carry personal data
/// and must not be stored by the browser or a proxy.
pub async fn cache_control(request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let policy = cache_policy(path);
    let build_file = path.starts_with("/pkg/");
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static(policy));
    }
    // a build file is sent as .br, .gz or as built, by what the request accepts: caches
    // must keep them apart
    if build_file && !headers.contains_key(VARY) {
        headers.insert(VARY, HeaderValue::from_static("accept-encoding"));
    }
    response
}

pub fn cache_policy(path: &str) -> &'static str {
    if path.starts_with("/pkg/") {
        "public, max-age=31536000, immutable"
    } else if path.starts_with("/icons/")
        || matches!(
            path,
            "/favicon.ico" | "/favicon.png" | "/manifest.webmanifest" | "/robots.txt"
        )
    {
        "public, max-age=86400"
    } else {
        "no-store"
    }
}

#[cfg(test)]
mod tests {
    use super::cache_policy;

    #[test]
    fn hashed_assets_are_immutable_and_pages_are_never_stored() {
        assert_eq!(
            cache_policy("/pkg/pathway.3f9a.wasm"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(
            cache_policy("/manifest.webmanifest"),
            "public, max-age=86400"
        );
        assert_eq!(cache_policy("/"), "no-store");
        assert_eq!(cache_policy("/api/panels/upcoming"), "no-store");
    }
}
