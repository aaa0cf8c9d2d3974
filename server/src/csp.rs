//! The Content-Security-Policy. Every request gets a fresh nonce at the HTTP edge
//! (`security::security_headers`): the middleware puts it in the request's extensions;
//! when Leptos renders a page it takes the nonce from there (`provide_request_nonce`, which
//! also marks it used) and puts it on the inline hydration script and streamed resource
//! scripts; the same middleware then writes it into the policy of a response that used
//! it. Every other response (files, the offline shell, server functions) gets the policy
//! without a nonce, so nothing else runs inline. One value, one place: the header and the
//! page cannot disagree. (Setting the header through Leptos's `ResponseOptions` while the
//! page rendered sometimes missed the response, and a page whose scripts the browser
//! blocked never hydrated.)

use axum::http::request::Parts;
use leptos::nonce::Nonce;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// A request's nonce, and whether a page rendered with it.
#[derive(Clone)]
pub struct RequestNonce {
    nonce: Nonce,
    used: Arc<AtomicBool>,
}

impl RequestNonce {
    /// A fresh, unguessable nonce (16 random bytes, base64url), not yet used.
    pub fn fresh() -> Self {
        Self {
            nonce: Nonce::new(),
            used: Arc::new(AtomicBool::new(false)),
        }
    }

    /// The nonce, if a page rendered with it: the policy the response needs.
    pub fn used(&self) -> Option<&str> {
        self.used.load(Ordering::Acquire).then_some(&*self.nonce)
    }
}

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

/// Called in the Leptos context of every page render: replaces the nonce Leptos made up
/// with the one the middleware put on the request (and will put in the header).
pub fn provide_request_nonce() {
    let request = leptos::prelude::use_context::<Parts>()
        .and_then(|parts| parts.extensions.get::<RequestNonce>().cloned());
    if let Some(request) = request {
        request.used.store(true, Ordering::Release);
        leptos::prelude::provide_context(request.nonce);
    }
}

#[cfg(test)]
mod tests {
    use super::{policy, RequestNonce};

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
    fn each_nonce_is_new_long_enough_and_named_only_once_used() {
        let (a, b) = (RequestNonce::fresh(), RequestNonce::fresh());
        assert_ne!(a.nonce, b.nonce);
        assert!(a.nonce.len() >= 22, "16 bytes of base64: {}", a.nonce.len());
        assert_eq!(a.used(), None, "not rendered: no nonce in the policy");
        a.used.store(true, std::sync::atomic::Ordering::Release);
        assert_eq!(a.used(), Some(&*a.nonce));
    }
}
