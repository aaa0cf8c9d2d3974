//! `GET /sw.js`, `GET /offline` and `GET /offline.<build id>.js`.

use super::{Build, Pwa};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::response::IntoResponse;
use axum::routing::get;
use axum::Router;
use leptos::config::LeptosOptions;
use std::path::Path;
use std::sync::Arc;

/// The routes for the build `options` describe (read once, here).
pub fn routes<S: Clone + Send + Sync + 'static>(options: &LeptosOptions) -> Router<S> {
    let pwa = Arc::new(Pwa::new(
        Build::detect(options),
        Path::new(options.site_root.as_ref()),
    ));
    tracing::info!(build = %pwa.build.id, js = %pwa.build.js, "service worker ready");
    let start_url = pwa.start_url.clone();
    let (sw, shell, start) = (pwa.clone(), pwa.clone(), pwa);
    Router::new()
        // the browser checks the worker for changes on every update: revalidate each time
        .route(
            "/sw.js",
            get(move || async move {
                respond(&sw.service_worker, "text/javascript; charset=utf-8", "no-cache")
            }),
        )
        // the shell is cached by the worker at install, never by the browser's HTTP cache
        .route(
            "/offline",
            get(move || async move { respond(&shell.shell, "text/html; charset=utf-8", "no-store") }),
        )
        // named after the build, so it never changes
        .route(
            &start_url,
            get(move || async move {
                respond(
                    &start.start_script,
                    "text/javascript; charset=utf-8",
                    "public, max-age=31536000, immutable",
                )
            }),
        )
}

fn respond(body: &str, content_type: &'static str, cache: &'static str) -> impl IntoResponse {
    (
        [(CONTENT_TYPE, content_type), (CACHE_CONTROL, cache)],
        body.to_string(),
    )
}
