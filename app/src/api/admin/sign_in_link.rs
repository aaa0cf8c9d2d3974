//! Links between the organisation's identity provider and Pathway people (issue 17 item
//! 12): an administrator records the subject the provider knows a person by, so that
//! person can sign in through it. 404 when no provider is configured.

use crate::error::ApiError;
use leptos::prelude::*;

/// The configured identity provider, or not found.
#[cfg(feature = "ssr")]
fn issuer() -> Result<String, crate::error::AppError> {
    use_context::<Option<pathway_core::identity::IdentityProvider>>()
        .flatten()
        .map(|provider| provider.issuer)
        .ok_or(crate::error::AppError::NotFound)
}

/// The subject a person is linked to (administrators only).
#[server(endpoint = "admin/sign_in_link")]
pub async fn sign_in_link(person_id: String) -> Result<Option<String>, ApiError> {
    use crate::api::request;
    let caller = request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let person_id: pathway_core::ids::PersonId = request::parse_id(&person_id)?;
    let db = request::db()?;
    Ok(pathway_store::auth::oidc::subject_of(&db, &issuer()?, &person_id).await?)
}

/// Links `subject` at the identity provider to the person.
#[server(endpoint = "admin/link_sign_in")]
pub async fn link_sign_in(person_id: String, subject: String) -> Result<(), ApiError> {
    super::change_person(&person_id, |change| async move {
        pathway_store::auth::oidc::link(
            &change.db,
            &change.caller,
            &issuer()?,
            &change.person_id,
            &subject,
            &change.ip,
        )
        .await
    })
    .await
}

/// Removes the person's link: they sign in with their password only.
#[server(endpoint = "admin/unlink_sign_in")]
pub async fn unlink_sign_in(person_id: String) -> Result<(), ApiError> {
    super::change_person(&person_id, |change| async move {
        pathway_store::auth::oidc::unlink(
            &change.db,
            &change.caller,
            &issuer()?,
            &change.person_id,
            &change.ip,
        )
        .await
    })
    .await
}
