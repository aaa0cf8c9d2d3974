use crate::error::ApiError;
use leptos::prelude::*;

/// Sets a password through a one-time link. The token is the credential, so no session
/// is needed; afterwards the person signs in as usual.
#[server(endpoint = "auth/set_password")]
pub async fn set_password(token: String, new_password: String) -> Result<(), ApiError> {
    use crate::server::audit::{self, action, Event};
    let db = crate::server::state::db()?;
    let now = db.clock().now();
    let person_id = crate::server::auth::tokens::redeem(&db, &token, new_password, now).await?;
    let meta = crate::server::auth::request_meta();
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
    if crate::server::respond::is_plain_form_post() {
        leptos_axum::redirect("/sign-in?password_set=1");
    }
    Ok(())
}
