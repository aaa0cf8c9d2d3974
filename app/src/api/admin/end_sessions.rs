use crate::error::ApiError;
use leptos::prelude::*;

/// Ends every session a person has, at once (a lost laptop, a suspicion), without
/// deactivating them: they can sign in again.
#[server(endpoint = "admin/end_sessions")]
pub async fn end_sessions(person_id: String) -> Result<(), ApiError> {
    super::change_person(&person_id, |change| async move {
        pathway_store::auth::my_sessions::end_all_by_admin(
            &change.db,
            &change.caller,
            &change.person_id,
            &change.ip,
        )
        .await
        .map(|_| ())
    })
    .await
}
