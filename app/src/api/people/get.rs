use crate::error::ApiError;
#[cfg(feature = "ssr")]
use crate::error::AppError;
use leptos::prelude::*;
use pathway_core::identity::PersonRecord;

/// A person's organisation record: themselves, whoever supervises or manages them now,
/// and administrators. Anyone else, and any unknown id, gets the same 403.
#[server(endpoint = "people/get")]
pub async fn get_person(person_id: String) -> Result<PersonRecord, ApiError> {
    let caller = crate::api::request::require_user().await?;
    let person_id: pathway_core::ids::PersonId = crate::api::request::parse_id(&person_id)?;
    let db = crate::api::request::db()?;
    pathway_store::authz::ensure_can_view_person(&db, &caller, &person_id).await?;
    pathway_store::people::load(&db, &person_id)
        .await?
        .ok_or(AppError::Forbidden.into())
}
