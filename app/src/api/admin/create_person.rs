use crate::error::ApiError;
use leptos::prelude::*;

/// Creates a person; returns their id. Their password is set through a set-password link.
#[server(endpoint = "admin/create_person")]
pub async fn create_person(
    full_name: String,
    email: String,
    job_title: String,
    qualification_date: Option<String>,
    registration_number: Option<String>,
) -> Result<pathway_core::ids::PersonId, ApiError> {
    let caller = crate::api::request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let db = crate::api::request::db()?;
    let optional = |v: Option<String>| v.map(|v| v.trim().to_string()).filter(|v| !v.is_empty());
    let person = pathway_store::people::NewPerson {
        full_name: full_name.trim().to_string(),
        email: pathway_core::email::normalise(&email),
        job_title: job_title.trim().to_string(),
        qualification_date: optional(qualification_date),
        registration_number: optional(registration_number).map(|n| n.to_uppercase()),
    };
    let ip = crate::api::request::request_meta().ip;
    let id = pathway_store::people::create(&db, &caller, person, &ip).await?;
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect("/admin/people?created=1");
    }
    Ok(id)
}
