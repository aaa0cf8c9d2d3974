use crate::error::AppError;
use crate::organisation::PersonSummary;
use leptos::prelude::*;

#[server(endpoint = "admin/people")]
pub async fn list_people() -> Result<Vec<PersonSummary>, AppError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    let db = crate::server::state::db()?;
    crate::server::people::list(&db).await
}
