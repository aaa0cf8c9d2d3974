use crate::error::ApiError;
#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;
use pathway_core::organisation::ImportReport;

/// Imports staff from CSV text, all or nothing, with a per-row, per-field report.
#[server(endpoint = "admin/import_people")]
pub async fn import_people(csv: String) -> Result<ImportReport, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    if csv.len() > 2_000_000 {
        return Err(AppError::validation("The file must be smaller than 2 MB").into());
    }
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    pathway_store::import::import(&db, &caller, &csv, &ip)
        .await
        .map_err(ApiError::from)
}
