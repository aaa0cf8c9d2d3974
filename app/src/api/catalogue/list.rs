use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::domain::Catalogue;

/// Every catalogue version, for the people who run and judge the pathway: administrators,
/// panel chairs, members and secretariat, and L&D.
#[server(endpoint = "catalogue/list")]
pub async fn list_catalogues() -> Result<Vec<Catalogue>, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_can_view_catalogue(&caller)?;
    let db = crate::api::request::db()?;
    pathway_store::db::catalogues::all(&db)
        .await
        .map_err(ApiError::from)
}
