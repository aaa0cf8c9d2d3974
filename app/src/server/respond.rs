//! How the current request wants its answer.

use axum::http::header::ACCEPT;
use axum::http::request::Parts;

/// A plain HTML form submitted with JavaScript off (the browser accepts text/html) rather
/// than a call from the hydrated app: such a post gets a redirect, not data.
pub fn is_plain_form_post() -> bool {
    leptos::prelude::use_context::<Parts>()
        .and_then(|parts| {
            parts
                .headers
                .get(ACCEPT)
                .and_then(|v| v.to_str().ok())
                .map(|v| v.contains("text/html"))
        })
        .unwrap_or(false)
}
