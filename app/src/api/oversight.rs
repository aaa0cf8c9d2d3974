//! The dashboards' lists of workers (issue 14 item 2), one page at a time.

use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::oversight::{WorkerList, WorkerQuery};

/// The workers the caller supervises or manages now, with DEC-1 flags: practice
/// supervisors, team managers and service managers (the rows come from the caller's own
/// relations, so nobody else's worker can appear); anyone else 403.
#[server(endpoint = "oversight/workers")]
pub async fn overseen_workers(
    #[server(default)] query: WorkerQuery,
) -> Result<WorkerList, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    Ok(pathway_store::oversight::workers(&db, &caller, &query).await?)
}

/// Every worker on the pathway and where they stand on their manager's decision, for the
/// panel secretariat (who is and is not coming, DEC-2); anyone else 403.
#[server(endpoint = "oversight/secretariat")]
pub async fn secretariat_workers(
    #[server(default)] query: WorkerQuery,
) -> Result<WorkerList, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    Ok(pathway_store::oversight::secretariat(&db, &caller, &query).await?)
}

/// The ASYE workers, by name, with the programme's completion where Learning and
/// Development have confirmed it (policy §6(i)): L&D administrators; anyone else 403.
#[server(endpoint = "oversight/asye_cohort")]
pub async fn asye_cohort(
    #[server(default)] page: Option<String>,
) -> Result<pathway_core::oversight::AsyeCohort, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let page = page.and_then(|p| p.trim().parse().ok()).unwrap_or(1);
    Ok(pathway_store::asye_programme::cohort(&db, &caller, page).await?)
}
