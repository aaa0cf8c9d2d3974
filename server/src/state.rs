//! What every request handler can reach: the database, the Leptos options and the
//! session settings. Pages and server functions get the first and last through context.

use axum::extract::FromRef;
use leptos::prelude::LeptosOptions;
use pathway_store::auth::SecuritySettings;
use pathway_store::db::Db;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    pub security: SecuritySettings,
    pub proxies: crate::client_addr::TrustedProxies,
    /// The organisation's OpenID provider, when configured.
    pub oidc: Option<std::sync::Arc<crate::oidc::Provider>>,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
