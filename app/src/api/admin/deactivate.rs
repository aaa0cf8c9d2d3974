use crate::error::ApiError;
#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;

/// Marks a leaver inactive and ends all their sessions at once.
#[server(endpoint = "admin/deactivate")]
pub async fn deactivate_person(person_id: String) -> Result<(), ApiError> {
    let caller = crate::server::auth::require_user().await?;
    crate::server::authz::ensure_admin(&caller)?;
    if caller.person_id == person_id {
        return Err(AppError::validation("You cannot deactivate your own account").into());
    }
    let db = crate::server::state::db()?;
    let ip = crate::server::auth::request_meta().ip;
    crate::server::people::deactivate(&db, &caller, &person_id, &ip).await?;
    if crate::server::respond::is_plain_form_post() {
        leptos_axum::redirect("/admin/people");
    }
    Ok(())
}
