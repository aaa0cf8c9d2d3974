use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::outbox::UnsentMailPage;

/// Email waiting in the outbox (issue 14 item 6): everything not yet accepted by a mail
/// server, oldest first, a page at a time. With no mail server configured, every notice's
/// email is here.
#[server(endpoint = "admin/unsent_mail")]
pub async fn unsent_mail(page: Option<u32>) -> Result<UnsentMailPage, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    pathway_store::outbox::unsent(&db, page.unwrap_or(1))
        .await
        .map_err(ApiError::from)
}
