use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::portfolio::views::CpdLog;

/// The CPD log for a leave year (CPD-1) with the additional allowance used and left (CPD-2).
#[server(endpoint = "portfolio/cpd_log")]
pub async fn load_cpd_log(
    person_id: Option<String>,
    year: Option<i32>,
    cpd_type: Option<String>,
) -> Result<CpdLog, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let person_id = crate::api::request::person_or_caller(person_id, &caller)?;
    pathway_store::authz::ensure_can_view_practice(&db, &caller, &person_id).await?;
    let today = db.clock().today();
    let catalogue = pathway_store::portfolio::catalogue(&db, today).await?;
    let cpd_type = cpd_type.filter(|t| !t.is_empty());
    let (log, _) =
        pathway_store::portfolio::cpd::log(&db, &person_id, year, cpd_type, &catalogue, today)
            .await?;
    Ok(log)
}
