use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::models::PanelSummary;

/// The panel calendar from today on. Deliberately open to anyone who can reach Pathway:
/// panel dates and deadlines are published to all staff and carry no personal data.
#[server(endpoint = "panels/upcoming")]
pub async fn upcoming_panels() -> Result<Vec<PanelSummary>, ApiError> {
    let db = crate::api::request::db()?;
    let today = db.clock().today();
    pathway_store::db::panels::upcoming(&db, today)
        .await
        .map_err(ApiError::from)
}
