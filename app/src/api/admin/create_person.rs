use crate::error::ApiError;
use leptos::prelude::*;
use pathway_core::people_forms::NewPersonForm;

/// Creates a person at the career level given (or not on the pathway; one or the other is
/// required); returns their id. Their password is set through a set-password link.
#[server(endpoint = "admin/create_person")]
pub async fn create_person(form: NewPersonForm) -> Result<pathway_core::ids::PersonId, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    let optional = |v: &str| Some(v.trim().to_string()).filter(|v| !v.is_empty());
    let person = pathway_store::people::NewPerson {
        full_name: form.full_name.trim().to_string(),
        email: pathway_core::email::normalise(&form.email),
        job_title: form.job_title.trim().to_string(),
        qualification_date: optional(&form.qualification_date),
        registration_number: optional(&form.registration_number).map(|n| n.to_uppercase()),
    };
    let ip = crate::api::request::request_meta().ip;
    let id = pathway_store::people::create(&db, &caller, person, &form.level, &ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/admin/people?created=1");
    }
    Ok(id)
}
