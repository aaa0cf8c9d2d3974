//! Administration: people, teams, line management, role grants, the audit log.
//! Every function here is for administrators only (`authz::ensure_admin`).

pub mod audit_log;
pub mod create_person;
pub mod create_team;
pub mod deactivate;
pub mod grant_role;
pub mod import_people;
pub mod move_team;
pub mod people;
pub mod revoke_role;
pub mod set_password_link;
pub mod teams;

/// Parses a role code from a form, with a message for the user.
#[cfg(feature = "ssr")]
fn parse_role(code: &str) -> Result<pathway_core::identity::Role, crate::error::AppError> {
    pathway_core::identity::Role::from_code(code.trim())
        .ok_or_else(|| crate::error::AppError::field("role", "Choose a role"))
}
