//! `GET /healthz`: is the process up and can it reach its database. Load balancers take
//! 503 as "send traffic elsewhere".

use crate::state::AppState;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use pathway_store::db::Backend;
use serde_json::{json, Value};

pub async fn healthz(State(state): State<AppState>) -> (StatusCode, Json<Value>) {
    let reachable = state.db.is_reachable().await;
    let backend = match state.db.backend() {
        Backend::Sqlite => "sqlite",
        Backend::Postgres => "postgres",
    };
    let status = if reachable {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = json!({
        "status": if reachable { "ok" } else { "degraded" },
        "database": { "backend": backend, "reachable": reachable },
        "version": env!("CARGO_PKG_VERSION"),
    });
    (status, Json(body))
}
