use super::TrainingPage;
use crate::error::ApiError;
use leptos::prelude::*;

/// The list in force today, and whether the caller may change it.
#[server(endpoint = "training/current")]
pub async fn current_training() -> Result<TrainingPage, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let db = crate::api::request::db()?;
    let list = pathway_store::db::training::in_force_on(&db, db.clock().today()).await?;
    Ok(TrainingPage {
        list,
        can_edit: pathway_store::authz::ensure_can_manage_training(&caller).is_ok(),
    })
}
