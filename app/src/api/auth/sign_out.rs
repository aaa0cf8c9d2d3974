use crate::error::ApiError;
use leptos::prelude::*;

/// Set (not HttpOnly) by the page, to the person's id, when it could not reach Pathway to sign
/// them out (issue 20): the page cannot clear the HttpOnly session cookie, so the server ends
/// that person's session on the next request that carries this one, before it answers as them.
pub const PENDING_COOKIE: &str = "pathway_sign_out_pending";

/// The Set-Cookie value that removes the "sign-out pending" mark.
pub fn clearing_pending_cookie() -> String {
    format!("{PENDING_COOKIE}=; Path=/; Max-Age=0; SameSite=Strict")
}

/// Ends the current session. Harmless without one.
#[server(endpoint = "auth/sign_out")]
pub async fn sign_out() -> Result<(), ApiError> {
    use crate::api::request::{request_meta, set_cookie, settings};
    use pathway_store::auth::flow;
    // No require_user: signing out an expired session must still clear the cookie.
    let db = crate::api::request::db()?;
    flow::sign_out(&db, &request_meta()).await?;
    set_cookie(&settings().clearing_cookie());
    set_cookie(&clearing_pending_cookie());
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/sign-in?signed_out=1");
    }
    Ok(())
}
