use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::people_forms::LevelChangeForm;

/// Records a change of a person's career level: the new level, the date it takes effect
/// (the pay date; today or earlier) and why. The history is kept (issue 14 item 1).
#[server(endpoint = "admin/change_level")]
pub async fn change_level(form: LevelChangeForm) -> Result<(), ApiError> {
    super::change_person(&form.person_id.clone(), |change| async move {
        pathway_store::levels::change(
            &change.db,
            &change.caller,
            &change.person_id,
            &form,
            &change.ip,
        )
        .await
    })
    .await
}
