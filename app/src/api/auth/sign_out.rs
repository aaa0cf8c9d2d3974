use crate::error::AppError;
use leptos::prelude::*;

/// Ends the current session. Harmless without one.
#[server(endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), AppError> {
    use crate::server::auth::{flow, request_meta, set_cookie, settings};
    // No require_user: signing out an expired session must still clear the cookie.
    let db = crate::server::state::db()?;
    flow::sign_out(&db, &request_meta()).await?;
    set_cookie(&settings().clearing_cookie());
    if crate::server::respond::is_plain_form_post() {
        leptos_axum::redirect("/sign-in?signed_out=1");
    }
    Ok(())
}
