//! The workers a person oversees now: their practice supervisees, the current members of the
//! teams they manage, and the teams under them as service manager. The same relations that
//! `authz` checks, read the other way round, so a dashboard lists exactly whom its holder may see.

use crate::db::Db;
use pathway_core::error::AppError;
use pathway_core::organisation::WorkerSummary;

const OVERSEEN: &str = "
    SELECT p.id, p.full_name, p.job_title, t.name, 'Practice supervisor'
      FROM supervision s
      JOIN people p ON p.id = s.supervisee_id
      LEFT JOIN team_memberships m ON m.person_id = p.id AND m.ends_on IS NULL
      LEFT JOIN teams t ON t.id = m.team_id
     WHERE s.supervisor_id = $1 AND s.ends_on IS NULL AND p.active = 1
    UNION
    SELECT p.id, p.full_name, p.job_title, t.name,
           CASE g.kind WHEN 'team_manager' THEN 'Team manager' ELSE 'Service manager' END
      FROM team_management g
      JOIN teams t ON t.id = g.team_id
      JOIN team_memberships m ON m.team_id = t.id AND m.ends_on IS NULL
      JOIN people p ON p.id = m.person_id
     WHERE g.person_id = $1 AND g.ends_on IS NULL AND p.active = 1 AND p.id <> $1
    ORDER BY 2";

pub async fn overseen_by(db: &Db, person_id: &str) -> Result<Vec<WorkerSummary>, AppError> {
    let rows: Vec<(String, String, String, Option<String>, String)> = sqlx::query_as(OVERSEEN)
        .bind(person_id)
        .fetch_all(db.pool())
        .await?;
    Ok(rows
        .into_iter()
        .map(|(id, full_name, job_title, team, relation)| WorkerSummary {
            id,
            full_name,
            job_title,
            team,
            relation,
        })
        .collect())
}
