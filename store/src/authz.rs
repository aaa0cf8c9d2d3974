//! The one authorization policy: "may this caller do this to this record?". Every server
//! function asks here right after `require_user()`. Deny by default: a relation must hold
//! *now* (an open `team_management`, `team_memberships` or `supervision` row and an
//! unrevoked role grant). A forbidden record and a missing one get the same `Forbidden`,
//! so nobody learns which ids exist.

use crate::auth::Caller;
use crate::db::Db;
use pathway_core::error::AppError;
use pathway_core::identity::Role;

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
    person_id: &str,
) -> Result<(), AppError> {
    if caller.person_id == person_id || oversees(db, caller, person_id).await? {
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
    person_id: &str,
) -> Result<(), AppError> {
    if caller.has(Role::Administrator) {
        return Ok(());
    }
    ensure_can_view_practice(db, caller, person_id).await
}

/// True when the caller currently supervises or line-manages the person.
async fn oversees(db: &Db, caller: &Caller, person_id: &str) -> Result<bool, AppError> {
    if caller.has(Role::PracticeSupervisor)
        && count(
            db,
            "SELECT COUNT(*) FROM supervision
             WHERE supervisor_id = $1 AND supervisee_id = $2 AND ends_on IS NULL",
            &caller.person_id,
            person_id,
        )
        .await?
            > 0
    {
        return Ok(true);
    }
    if caller.has(Role::TeamManager)
        && count(
            db,
            "SELECT COUNT(*) FROM team_management tm
             JOIN team_memberships m ON m.team_id = tm.team_id AND m.ends_on IS NULL
             WHERE tm.person_id = $1 AND tm.kind = 'team_manager' AND tm.ends_on IS NULL
               AND m.person_id = $2",
            &caller.person_id,
            person_id,
        )
        .await?
            > 0
    {
        return Ok(true);
    }
    if caller.has(Role::ServiceManager)
        && count(
            db,
            "SELECT COUNT(*) FROM team_management sm
             WHERE sm.person_id = $1 AND sm.kind = 'service_manager' AND sm.ends_on IS NULL
               AND (EXISTS (SELECT 1 FROM team_memberships m
                            WHERE m.team_id = sm.team_id AND m.ends_on IS NULL AND m.person_id = $2)
                 OR EXISTS (SELECT 1 FROM team_management tm
                            WHERE tm.team_id = sm.team_id AND tm.kind = 'team_manager'
                              AND tm.ends_on IS NULL AND tm.person_id = $2))",
            &caller.person_id,
            person_id,
        )
        .await?
            > 0
    {
        return Ok(true);
    }
    Ok(false)
}

/// Adding a manager's written observation or a written summary of observed practice to a
/// worker's portfolio (issue 5): their current practice supervisor or current team manager.
/// Service managers read portfolios but do not write observations in them.
pub async fn may_add_observation(
    db: &Db,
    caller: &Caller,
    person_id: &str,
) -> Result<bool, AppError> {
    if caller.person_id == person_id {
        return Ok(false);
    }
    let supervises = caller.has(Role::PracticeSupervisor)
        && count(
            db,
            "SELECT COUNT(*) FROM supervision
             WHERE supervisor_id = $1 AND supervisee_id = $2 AND ends_on IS NULL",
            &caller.person_id,
            person_id,
        )
        .await?
            > 0;
    let manages = caller.has(Role::TeamManager)
        && count(
            db,
            "SELECT COUNT(*) FROM team_management tm
             JOIN team_memberships m ON m.team_id = tm.team_id AND m.ends_on IS NULL
             WHERE tm.person_id = $1 AND tm.kind = 'team_manager' AND tm.ends_on IS NULL
               AND m.person_id = $2",
            &caller.person_id,
            person_id,
        )
        .await?
            > 0;
    Ok(supervises || manages)
}

/// Writing to a person's portfolio at all: the person themselves, or (for observations
/// only, checked again per kind when saving) their practice supervisor or team manager.
pub async fn ensure_can_write_portfolio(
    db: &Db,
    caller: &Caller,
    person_id: &str,
) -> Result<(), AppError> {
    if caller.person_id == person_id || may_add_observation(db, caller, person_id).await? {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

async fn count(db: &Db, sql: &str, a: &str, b: &str) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as(sql)
        .bind(a)
        .bind(b)
        .fetch_one(db.pool())
        .await?;
    Ok(n)
}
