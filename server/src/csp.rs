//! The Content-Security-Policy. Every response gets a fresh nonce at the HTTP edge
//! (`security::security_headers`): the middleware puts it in the request's extensions,
//! Leptos renders it on the inline hydration script and streamed resource scripts (the
//! `nonce` feature reads it from context, which `provide_request_nonce` fills from the
//! request), and the same middleware writes it into the response's policy. One value, one
//! place: the header and the page cannot disagree. (Setting the header through Leptos's
//! `ResponseOptions` while the page rendered sometimes missed the response, and a page
//! whose scripts the browser blocked never hydrated.)

use axum::http::request::Parts;
use leptos::nonce::Nonce;

pub fn policy(nonce: Option<&str>) -> String {
    let nonce = nonce
        .map(|nonce| format!(" 'nonce-{nonce}'"))
        .unwrap_or_default();
    // `cargo leptos watch` reloads the page through a websocket on another port.
    let reload = if std::env::var_os("LEPTOS_WATCH").is_some() {
        " ws: wss:"
    } else {
        ""
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{nonce}; style-src 'self'; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'{reload}; manifest-src 'self'; \
         worker-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// A fresh, unguessable nonce for one response (16 random bytes, base64url).
pub fn fresh_nonce() -> Nonce {
    Nonce::new()
}

/// Called in the Leptos context of every page render: replaces the nonce Leptos made up
/// with the one the middleware put on the request (and will put in the header).
pub fn provide_request_nonce() {
    let nonce = leptos::prelude::use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<Nonce>().cloned());
    if let Some(nonce) = nonce {
        leptos::prelude::provide_context(nonce);
    }
}

#[cfg(test)]
mod tests {
    use super::{fresh_nonce, policy};

    #[test]
    fn no_inline_scripts_without_the_nonce() {
        let page = policy(Some("abc"));
        assert!(page.contains("script-src 'self' 'wasm-unsafe-eval' 'nonce-abc';"));
        for part in [
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'",
            "default-src 'self'",
        ] {
            assert!(page.contains(part), "{part}");
        }
        assert!(!page.contains("unsafe-inline"));
        assert!(!policy(None).contains("nonce"));
    }

    #[test]
    fn each_nonce_is_new_and_long_enough() {
        let (a, b) = (fresh_nonce(), fresh_nonce());
        assert_ne!(a, b);
        assert!(a.len() >= 22, "16 bytes of base64: {}", a.len());
    }
}
