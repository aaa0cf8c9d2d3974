use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::people_forms::QualificationDateForm;

/// Corrects a person's qualification date, from which the pathway counts eligibility
/// (issue 14 item 1); the old and new dates go into the audit log.
#[server(endpoint = "admin/set_qualification_date")]
pub async fn set_qualification_date(form: QualificationDateForm) -> Result<(), ApiError> {
    super::change_person(&form.person_id.clone(), |change| async move {
        pathway_store::levels::set_qualification_date(
            &change.db,
            &change.caller,
            &change.person_id,
            &form.qualification_date,
            &change.ip,
        )
        .await
    })
    .await
}
