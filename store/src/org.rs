//! Teams, moves between teams and role grants. History is kept by dated rows: a move
//! closes the open membership and opens a new one, so the old manager's access ends at
//! once and the new manager's begins.

use crate::audit::{self, action, Event};
use crate::auth::Caller;
use crate::clock::{new_id, stamp};
use crate::db::Db;
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::ids::{PersonId, TeamId};
use pathway_core::organisation::TeamSummary;

pub async fn teams(db: &Db) -> Result<Vec<TeamSummary>, AppError> {
    Ok(sqlx::query_as(
        "SELECT t.id, t.name, t.service_area,
                (SELECT p.full_name FROM team_management tm JOIN people p ON p.id = tm.person_id
                  WHERE tm.team_id = t.id AND tm.kind = 'team_manager' AND tm.ends_on IS NULL
                  ORDER BY tm.starts_on DESC LIMIT 1) AS team_manager,
                (SELECT COUNT(*) FROM team_memberships m
                  WHERE m.team_id = t.id AND m.ends_on IS NULL) AS members
           FROM teams t ORDER BY t.name",
    )
    .fetch_all(db.pool())
    .await?)
}

pub async fn create_team(
    db: &Db,
    caller: &Caller,
    name: &str,
    service_area: &str,
    ip: &str,
) -> Result<TeamId, AppError> {
    let (name, service_area) = (name.trim(), service_area.trim());
    if name.is_empty() {
        return Err(AppError::field("name", "Enter the team name"));
    }
    if service_area.is_empty() {
        return Err(AppError::field("service_area", "Enter the service area"));
    }
    let mut tx = db.begin().await?;
    let (taken,): (i64,) = sqlx::query_as("SELECT COUNT(*) FROM teams WHERE LOWER(name) = $1")
        .bind(name.to_lowercase())
        .fetch_one(&mut *tx)
        .await?;
    if taken > 0 {
        return Err(AppError::field(
            "name",
            "A team with that name already exists",
        ));
    }
    let id = TeamId::generate();
    sqlx::query("INSERT INTO teams (id, name, service_area, created_at) VALUES ($1, $2, $3, $4)")
        .bind(&id)
        .bind(name)
        .bind(service_area)
        .bind(stamp(db.clock().now()))
        .execute(&mut *tx)
        .await?;
    let event = Event::by(&caller.person_id, action::TEAM_CREATED, "team", &id, ip)
        .with_detail(name.to_string());
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(id)
}

/// Moves a worker to `team_id` from today: closes the open membership, opens a new one.
pub async fn move_to_team(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
    team_id: &TeamId,
    ip: &str,
) -> Result<(), AppError> {
    let today = db.clock().today().to_string();
    let mut tx = db.begin().await?;
    let person: Option<(i64,)> = sqlx::query_as("SELECT active FROM people WHERE id = $1")
        .bind(person_id)
        .fetch_optional(&mut *tx)
        .await?;
    if person != Some((1,)) {
        return Err(AppError::validation("Choose an active member of staff"));
    }
    let team: Option<(String,)> = sqlx::query_as("SELECT name FROM teams WHERE id = $1")
        .bind(team_id)
        .fetch_optional(&mut *tx)
        .await?;
    let Some((team_name,)) = team else {
        return Err(AppError::field("team_id", "Choose a team"));
    };
    let current: Option<(TeamId, String)> = sqlx::query_as(
        "SELECT m.team_id, t.name FROM team_memberships m JOIN teams t ON t.id = m.team_id
         WHERE m.person_id = $1 AND m.ends_on IS NULL",
    )
    .bind(person_id)
    .fetch_optional(&mut *tx)
    .await?;
    if current.as_ref().is_some_and(|(id, _)| id == team_id) {
        return Err(AppError::field(
            "team_id",
            "That person is already in this team",
        ));
    }
    sqlx::query(
        "UPDATE team_memberships SET ends_on = $1 WHERE person_id = $2 AND ends_on IS NULL",
    )
    .bind(&today)
    .bind(person_id)
    .execute(&mut *tx)
    .await?;
    sqlx::query(
        "INSERT INTO team_memberships (id, person_id, team_id, starts_on) VALUES ($1, $2, $3, $4)",
    )
    .bind(new_id())
    .bind(person_id)
    .bind(team_id)
    .bind(&today)
    .execute(&mut *tx)
    .await?;
    let from = current
        .map(|(_, name)| name)
        .unwrap_or_else(|| "no team".into());
    let event = Event::person(&caller.person_id, action::TEAM_MOVE, person_id, ip)
        .with_detail(format!("from {from} to {team_name}"));
    audit::commit_with(db.clock(), tx, event).await
}

pub async fn grant_role(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
    role: Role,
    ip: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    crate::people::ensure_active(&mut tx, person_id).await?;
    let (held,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM role_grants WHERE person_id = $1 AND role = $2 AND revoked_at IS NULL",
    )
    .bind(person_id)
    .bind(role.code())
    .fetch_one(&mut *tx)
    .await?;
    if held > 0 {
        return Err(AppError::validation(format!(
            "That person already holds the {} role",
            role.label()
        )));
    }
    sqlx::query(
        "INSERT INTO role_grants (id, person_id, role, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(new_id())
    .bind(person_id)
    .bind(role.code())
    .bind(stamp(db.clock().now()))
    .bind(&caller.person_id)
    .execute(&mut *tx)
    .await?;
    let event = Event::person(&caller.person_id, action::ROLE_GRANTED, person_id, ip)
        .with_detail(role.code().to_string());
    audit::commit_with(db.clock(), tx, event).await
}

pub async fn revoke_role(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
    role: Role,
    ip: &str,
) -> Result<(), AppError> {
    if role == Role::Administrator && caller.person_id == *person_id {
        return Err(AppError::validation(
            "You cannot remove your own administrator role; ask another administrator",
        ));
    }
    let mut tx = db.begin().await?;
    let done = sqlx::query(
        "UPDATE role_grants SET revoked_at = $1 WHERE person_id = $2 AND role = $3 AND revoked_at IS NULL",
    )
    .bind(stamp(db.clock().now()))
    .bind(person_id)
    .bind(role.code())
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::validation(format!(
            "That person does not hold the {} role",
            role.label()
        )));
    }
    let event = Event::person(&caller.person_id, action::ROLE_REVOKED, person_id, ip)
        .with_detail(role.code().to_string());
    audit::commit_with(db.clock(), tx, event).await
}
