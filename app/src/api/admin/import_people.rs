use crate::error::AppError;
use crate::organisation::ImportReport;
use leptos::prelude::*;

/// Imports staff from CSV text, all or nothing, with a per-row, per-field report.
#[server(endpoint = "admin/import_people")]
pub async fn import_people(csv: String) -> Result<ImportReport, AppError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    if csv.len() > 2_000_000 {
        return Err(AppError::validation("The file must be smaller than 2 MB"));
    }
    let db = crate::server::state::db()?;
    let ip = crate::server::auth::request_meta().ip;
    crate::server::import::import(&db, &caller, &csv, &ip).await
}
