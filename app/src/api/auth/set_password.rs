use crate::error::ApiError;
use leptos::prelude::*;

/// Sets a password through a one-time link. The token is the credential, so no session
/// is needed; afterwards the person signs in as usual.
#[server(endpoint = "auth/set_password")]
pub async fn set_password(token: String, new_password: String) -> Result<(), ApiError> {
    use pathway_store::audit::{self, action, Event};
    let db = crate::api::request::db()?;
    let now = db.clock().now();
    let person_id = pathway_store::auth::tokens::redeem(&db, &token, new_password, now).await?;
    let meta = crate::api::request::request_meta();
    audit::record(
        db.clock(),
        db.pool(),
        Event {
            actor_id: Some(&person_id),
            action: action::PASSWORD_SET_BY_LINK,
            record_type: "person",
            record_id: &person_id,
            ip: &meta.ip,
            ..Event::default()
        },
    )
    .await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/sign-in?password_set=1");
    }
    Ok(())
}
