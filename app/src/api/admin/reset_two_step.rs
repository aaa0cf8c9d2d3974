use crate::error::ApiError;
use leptos::prelude::*;

/// Resets a person's two-step sign-in (a lost phone and lost recovery codes): off until they
/// set it up again, which their next sign-in asks for if their role needs it.
#[server(endpoint = "admin/reset_two_step")]
pub async fn reset_two_step(person_id: String) -> Result<(), ApiError> {
    super::change_person(&person_id, |change| async move {
        pathway_store::auth::two_step::reset(
            &change.db,
            &change.caller,
            &change.person_id,
            &change.ip,
        )
        .await
    })
    .await
}
