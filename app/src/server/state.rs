//! What every request can reach: the database and the Leptos options.

use crate::error::AppError;
use crate::server::auth::SecuritySettings;
use crate::server::db::Db;
use axum::extract::FromRef;
use leptos::prelude::*;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub leptos_options: LeptosOptions,
    pub security: SecuritySettings,
}

impl FromRef<AppState> for LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}

/// The database handle inside a server function or a server-rendered component.
pub fn db() -> Result<Db, AppError> {
    use_context::<Db>().ok_or_else(|| AppError::internal(&"database handle missing from context"))
}
