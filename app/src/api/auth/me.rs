use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::identity::CurrentUser;

/// The signed-in person and their roles, or `None`. Open to anonymous callers by design:
/// it is how a page learns that nobody is signed in.
#[server(endpoint = "auth/me")]
pub async fn signed_in_user() -> Result<Option<CurrentUser>, ApiError> {
    let caller = crate::api::request::current_caller().await?;
    Ok(caller.map(|caller| caller.to_current_user()))
}
