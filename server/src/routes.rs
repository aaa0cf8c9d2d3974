//! The router: health check, the service worker and offline shell, the Leptos pages and
//! server functions, static files, and the middleware every response passes through.

use crate::state::AppState;
use crate::{health, middleware, pwa, security};
use app::ui::{shell, App};
use axum::http::Request;
use axum::routing::get;
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, AxumRouteListing, LeptosRoutes};
use std::sync::OnceLock;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;
use tower_http::trace::TraceLayer;

pub fn router(state: AppState) -> Router {
    let routes = route_list();
    let db = state.db.clone();
    let settings = state.security;
    let options = state.leptos_options.clone();
    let identity_provider = state.oidc.as_ref().map(|provider| {
        let settings = provider.settings();
        pathway_core::identity::IdentityProvider {
            issuer: settings.issuer.clone(),
            name: settings.name.clone(),
        }
    });
    Router::new()
        .route("/healthz", get(health::healthz))
        // the installable app: service worker, offline shell and its script (docs/pwa.md)
        .merge(pwa::routes(&state.leptos_options))
        // a download, so a plain GET route; it checks the session and authz itself
        .route(
            "/portfolio/cpd.csv",
            get(crate::cpd_csv::csv_route),
        )
        // sign-in through the organisation's identity provider: both answer with a redirect
        .route("/auth/oidc/start", get(crate::oidc::start))
        .route("/auth/oidc/callback", get(crate::oidc::callback))
        // the build's hashed files, sent as compressed once at build time (brotli 11, gzip 9;
        // `cargo xtask` writes the .br and .gz files): the compression layer below leaves a
        // response that already names its encoding alone
        .nest_service("/pkg", build_files(&state.leptos_options))
        .leptos_routes_with_context(
            &state,
            routes,
            move || {
                provide_context(db.clone());
                provide_context(settings);
                provide_context(identity_provider.clone());
                crate::csp::provide_request_nonce();
            },
            move || shell(options.clone()),
        )
        .fallback(leptos_axum::file_and_error_handler_with_context::<AppState, _>(
            crate::csp::provide_request_nonce,
            shell,
        ))
        .layer(axum::middleware::from_fn(security::server_fn_error_status))
        // vouches for the error a refused form's page will show from its address
        .layer(axum::middleware::from_fn_with_state(
            settings,
            crate::posted_error::vouch,
        ))
        // a signed-in person's 403, from a page or a server function, goes to the audit log
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            crate::refusal_log::log_refusals,
        ))
        // before anything reads a body: refused with 413 past the endpoint's ceiling
        .layer(axum::middleware::from_fn(crate::body_limit::limit_body))
        // the client's address, through the trusted proxies, for throttling and the audit log
        .layer(axum::middleware::from_fn_with_state(
            state.proxies.clone(),
            crate::client_addr::client_address,
        ))
        .layer(axum::middleware::from_fn_with_state(
            settings,
            security::refuse_cross_site,
        ))
        .layer(axum::middleware::from_fn(middleware::cache_control))
        .layer(axum::middleware::from_fn_with_state(
            settings,
            security::security_headers,
        ))
        .layer(CompressionLayer::new())
        .layer(TraceLayer::new_for_http().make_span_with(|request: &Request<_>| {
            // the path only: query strings could carry what a user typed
            tracing::info_span!("request", method = %request.method(), path = %request.uri().path())
        }))
        .with_state(state)
}

fn build_files(options: &leptos::config::LeptosOptions) -> ServeDir {
    let pkg = std::path::Path::new(&*options.site_root).join(&*options.site_pkg_dir);
    ServeDir::new(pkg).precompressed_br().precompressed_gzip()
}

/// The page routes, the same for every router in the process. Generating them runs the app
/// once with resource loading suppressed process-wide (Leptos's `SuppressResourceLoad`), so a
/// page rendering elsewhere in the process at that moment would wait for ever on a resource
/// (leptos-rs/leptos#4773; seen as test servers that hung while another started). Generated
/// once, before any router exists, so nothing can be rendering.
fn route_list() -> Vec<AxumRouteListing> {
    static ROUTES: OnceLock<Vec<AxumRouteListing>> = OnceLock::new();
    ROUTES.get_or_init(|| generate_route_list(App)).clone()
}
