use crate::error::ApiError;
#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;

/// Creates a one-time set-password link (valid for 72 hours) and answers its path, for the
/// administrator to pass on. Earlier unused links for the person stop working.
#[server(endpoint = "admin/set_password_link")]
pub async fn set_password_link(person_id: String) -> Result<String, ApiError> {
    use pathway_store::audit::{self, action, Event};
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    let ip = crate::api::request::request_meta().ip;
    let now = db.clock().now();
    let mut tx = db.begin().await?;
    let (active,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM people WHERE id = $1 AND active = 1")
            .bind(&person_id)
            .fetch_one(&mut *tx)
            .await?;
    if active == 0 {
        return Err(AppError::validation("Choose an active member of staff").into());
    }
    let token =
        pathway_store::auth::tokens::create(&mut tx, &person_id, &caller.person_id, now).await?;
    audit::record(
        db.clock(),
        &mut *tx,
        Event {
            actor_id: Some(&caller.person_id),
            action: action::SET_PASSWORD_LINK_CREATED,
            record_type: "person",
            record_id: &person_id,
            ip: &ip,
            ..Event::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(format!("/set-password?token={token}"))
}
