//! The Content-Security-Policy. Pages carry a fresh nonce (Leptos's `nonce` feature puts it
//! on the inline hydration script and on streamed resource scripts); every other response
//! gets the same policy with no nonce, so no inline script runs anywhere.

use axum::http::header::CONTENT_SECURITY_POLICY;
use axum::http::HeaderValue;

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

/// Called while a page renders (`routes::page`): sets the page's policy with this
/// response's nonce, which Leptos puts on its inline scripts.
pub fn set_page_policy() {
    let nonce = leptos::nonce::use_nonce();
    let value = policy(nonce.as_deref());
    if let (Some(options), Ok(value)) = (
        leptos::prelude::use_context::<leptos_axum::ResponseOptions>(),
        HeaderValue::from_str(&value),
    ) {
        options.insert_header(CONTENT_SECURITY_POLICY, value);
    }
}

#[cfg(test)]
mod tests {
    use super::policy;

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
}
