//! Who oversees whom, now: the one answer that `authz` checks ("may this manager see this
//! worker?") and that the dashboards list ("whom does this manager oversee?"). Both read the
//! same SQL, so they cannot drift apart.
//!
//! A relation holds when its row is open (no `ends_on`) AND the overseer still holds the
//! matching role: revoking a team manager's role ends their view of the team at once, on
//! every page, even while their `team_management` row stays open.

use crate::db::Db;
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::ids::PersonId;
use pathway_core::organisation::WorkerSummary;

/// The people `$1` oversees, with the role through which they do. `{person}` narrows it to
/// one person (`$2`); `{active}` leaves out deactivated people (the dashboards' lists).
/// A person is never their own overseer here; the person themselves is `authz`'s own case.
const OVERSEEN: &str = "
    SELECT p.id, p.full_name, p.job_title, t.name AS team, 'practice_supervisor' AS relation
      FROM supervision s
      JOIN people p ON p.id = s.supervisee_id
      LEFT JOIN team_memberships m ON m.person_id = p.id AND m.ends_on IS NULL
      LEFT JOIN teams t ON t.id = m.team_id
     WHERE s.supervisor_id = $1 AND s.ends_on IS NULL AND p.id <> $1 {person} {active}
       AND EXISTS (SELECT 1 FROM role_grants r WHERE r.person_id = $1
                      AND r.role = 'practice_supervisor' AND r.revoked_at IS NULL)
    UNION
    SELECT p.id, p.full_name, p.job_title, t.name AS team, g.kind AS relation
      FROM team_management g
      JOIN teams t ON t.id = g.team_id
      JOIN team_memberships m ON m.team_id = t.id AND m.ends_on IS NULL
      JOIN people p ON p.id = m.person_id
     WHERE g.person_id = $1 AND g.ends_on IS NULL AND p.id <> $1 {person} {active}
       AND EXISTS (SELECT 1 FROM role_grants r WHERE r.person_id = $1
                      AND r.role = g.kind AND r.revoked_at IS NULL)
    UNION
    SELECT p.id, p.full_name, p.job_title, t.name AS team, 'service_manager' AS relation
      FROM team_management sm
      JOIN teams t ON t.id = sm.team_id
      JOIN team_management tm ON tm.team_id = sm.team_id AND tm.kind = 'team_manager'
                             AND tm.ends_on IS NULL
      JOIN people p ON p.id = tm.person_id
     WHERE sm.person_id = $1 AND sm.kind = 'service_manager' AND sm.ends_on IS NULL
       AND p.id <> $1 {person} {active}
       AND EXISTS (SELECT 1 FROM role_grants r WHERE r.person_id = $1
                      AND r.role = 'service_manager' AND r.revoked_at IS NULL)
    ORDER BY 2, 5";

fn overseen_sql(one_person: bool, active_only: bool) -> String {
    OVERSEEN
        .replace("{person}", if one_person { "AND p.id = $2" } else { "" })
        .replace(
            "{active}",
            if active_only { "AND p.active = 1" } else { "" },
        )
}

/// One overseen person and the relation (a role code) through which they are overseen.
#[derive(sqlx::FromRow)]
struct Row {
    id: PersonId,
    full_name: String,
    job_title: String,
    team: Option<String>,
    relation: String,
}

/// The roles through which `overseer_id` oversees `person_id` now (empty: not at all).
pub async fn between(
    db: &Db,
    overseer_id: &PersonId,
    person_id: &PersonId,
) -> Result<Vec<Role>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&overseen_sql(true, false))
        .bind(overseer_id)
        .bind(person_id)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .iter()
        .filter_map(|row| Role::from_code(&row.relation))
        .collect())
}

/// The active people `overseer_id` oversees now, by name: "your workers" on a dashboard.
/// Someone overseen two ways (supervisee and team member) is listed once per way.
pub async fn overseen_by(db: &Db, overseer_id: &PersonId) -> Result<Vec<WorkerSummary>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(&overseen_sql(false, true))
        .bind(overseer_id)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|row| WorkerSummary {
            relation: Role::from_code(&row.relation)
                .map(|role| role.label().to_owned())
                .unwrap_or(row.relation),
            id: row.id,
            full_name: row.full_name,
            job_title: row.job_title,
            team: row.team,
        })
        .collect())
}
