use crate::error::ApiError;
use leptos::prelude::*;

/// Moves a worker to another team from today; the old team manager's access ends now.
#[server(endpoint = "admin/move_team")]
pub async fn move_team(person_id: String, team_id: String) -> Result<(), ApiError> {
    super::change_person(&person_id, |change| async move {
        let team_id: pathway_core::ids::TeamId = crate::api::request::parse_id(&team_id)?;
        pathway_store::org::move_to_team(
            &change.db,
            &change.caller,
            &change.person_id,
            &team_id,
            &change.ip,
        )
        .await
    })
    .await
}
