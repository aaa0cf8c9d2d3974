//! Administration: people, teams, line management, role grants, the audit log.
//! Every function here is for administrators only (`authz::ensure_admin`).

pub mod audit_log;
pub mod change_level;
pub mod create_person;
pub mod create_team;
pub mod deactivate;
pub mod end_sessions;
pub mod grant_role;
pub mod import_people;
pub mod move_team;
pub mod people;
pub mod refusal_bursts;
pub mod reset_two_step;
pub mod revoke_role;
pub mod set_password_link;
pub mod set_qualification_date;
pub mod sign_in_link;
pub mod teams;
pub mod unsent_mail;

/// Parses a role code from a form, with a message for the user.
#[cfg(feature = "ssr")]
fn parse_role(code: &str) -> Result<pathway_core::identity::Role, crate::error::AppError> {
    pathway_core::identity::Role::from_code(code.trim())
        .ok_or_else(|| crate::error::AppError::field("role", "Choose a role"))
}

/// What an administrator's change to one person's record receives once it may run: the
/// database, the administrator, the person (their id checked) and the request's address.
#[cfg(feature = "ssr")]
pub(crate) struct PersonChange {
    pub db: pathway_store::db::Db,
    pub caller: pathway_store::auth::Caller,
    pub person_id: pathway_core::ids::PersonId,
    pub ip: String,
}

/// The steps every change to one person's record takes, in order: signed in, an
/// administrator, the id checked, the change itself, then (JavaScript off) back to the
/// person's page.
#[cfg(feature = "ssr")]
pub(crate) async fn change_person<F, Fut>(
    person_id: &str,
    change: F,
) -> Result<(), crate::error::ApiError>
where
    F: FnOnce(PersonChange) -> Fut,
    Fut: std::future::Future<Output = Result<(), crate::error::AppError>>,
{
    use crate::api::request;
    let caller = request::require_user().await?;
    pathway_store::authz::ensure_admin(&caller)?;
    let person_id: pathway_core::ids::PersonId = request::parse_id(person_id)?;
    let back = format!("/admin/person?id={person_id}");
    change(PersonChange {
        db: request::db()?,
        caller,
        person_id,
        ip: request::request_meta().ip,
    })
    .await?;
    if request::is_plain_form_post() {
        leptos_axum::redirect(&back);
    }
    Ok(())
}

/// Grants (`grant`) or revokes one role of one person, as [`change_person`].
#[cfg(feature = "ssr")]
async fn change_role(
    person_id: &str,
    role: &str,
    grant: bool,
) -> Result<(), crate::error::ApiError> {
    use pathway_store::org;
    change_person(person_id, |change| async move {
        let role = parse_role(role)?;
        let PersonChange {
            db,
            caller,
            person_id,
            ip,
        } = change;
        if grant {
            org::grant_role(&db, &caller, &person_id, role, &ip).await
        } else {
            org::revoke_role(&db, &caller, &person_id, role, &ip).await
        }
    })
    .await
}
