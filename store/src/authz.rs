//! The one authorization policy: "may this caller do this to this record?". Every server
//! function asks here right after `require_user()`. Deny by default: a relation must hold
//! *now* (an open `team_management`, `team_memberships` or `supervision` row and an
//! unrevoked role grant). A forbidden record and a missing one get the same `Forbidden`,
//! so nobody learns which ids exist.

use crate::auth::Caller;
use crate::db::Db;
use crate::relations;
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::ids::PersonId;

/// The caller holds `role`.
pub fn ensure_role(caller: &Caller, role: Role) -> Result<(), AppError> {
    if caller.has(role) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// People, teams, roles and the audit log: administrators only.
pub fn ensure_admin(caller: &Caller) -> Result<(), AppError> {
    ensure_role(caller, Role::Administrator)
}

/// The requirement catalogue: those who administer, run or judge the pathway.
pub fn ensure_can_view_catalogue(caller: &Caller) -> Result<(), AppError> {
    const MAY_VIEW: [Role; 5] = [
        Role::Administrator,
        Role::PanelChair,
        Role::PanelMember,
        Role::PanelSecretariat,
        Role::LdAdministrator,
    ];
    if MAY_VIEW.iter().any(|role| caller.has(*role)) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// Learning & Development's course list (PATH-MGMT-3): L&D administrators keep it;
/// administrators may too.
pub fn ensure_can_manage_training(caller: &Caller) -> Result<(), AppError> {
    if caller.has(Role::LdAdministrator) || caller.has(Role::Administrator) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A person's practice record (level history, and as they land: portfolio, observations,
/// development plans): the person, their practice supervisor, their current team manager
/// and that team's service manager. Administrators manage people but do not read practice.
pub async fn ensure_can_view_practice(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
) -> Result<(), AppError> {
    if caller.person_id == *person_id || oversees(db, caller, person_id).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// A person's organisation record (name, job title, team, roles): everyone who may view
/// their practice, and administrators.
pub async fn ensure_can_view_person(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
) -> Result<(), AppError> {
    if caller.has(Role::Administrator) {
        return Ok(());
    }
    ensure_can_view_practice(db, caller, person_id).await
}

/// True when the caller currently supervises or line-manages the person, through a role
/// they still hold (`relations`, the same answer the dashboards list).
async fn oversees(db: &Db, caller: &Caller, person_id: &PersonId) -> Result<bool, AppError> {
    Ok(!relations::between(db, &caller.person_id, person_id)
        .await?
        .is_empty())
}

/// Adding a manager's written observation or a written summary of observed practice to a
/// worker's portfolio (issue 5): their current practice supervisor or current team manager.
/// Service managers read portfolios but do not write observations in them.
pub async fn may_add_observation(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
) -> Result<bool, AppError> {
    if caller.person_id == *person_id {
        return Ok(false);
    }
    let through = relations::between(db, &caller.person_id, person_id).await?;
    Ok(through
        .iter()
        .any(|role| matches!(role, Role::PracticeSupervisor | Role::TeamManager)))
}

/// See [`ensure_can_write_portfolio`].
pub async fn may_write_portfolio(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
) -> Result<bool, AppError> {
    Ok(caller.person_id == *person_id
        || (caller.has(Role::LdAdministrator)
            && crate::people::load(db, person_id).await?.is_some())
        || may_add_observation(db, caller, person_id).await?)
}

/// Writing to a person's portfolio at all: the person themselves, their practice
/// supervisor or team manager (observations, probation), or Learning and Development (the
/// ASYE programme's completion): the kind is checked again when saving.
pub async fn ensure_can_write_portfolio(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
) -> Result<(), AppError> {
    if may_write_portfolio(db, caller, person_id).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}
