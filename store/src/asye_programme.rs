//! The ASYE workers Learning and Development confirm the programme's completion for
//! (policy §6(i), PATH-ASYE-3), paged on the server by name.

use crate::auth::Caller;
use crate::db::Db;
use chrono::NaiveDate;
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::oversight::{AsyeCohort, AsyeRow, PAGE_SIZE};

/// Active people whose latest level is ASYE, with the completion L&D confirmed (a final
/// item the worker did not add themselves). `{tail}` is the count or the page's window.
const COHORT: &str = "
    FROM people p
    JOIN (SELECT person_id, level, ROW_NUMBER() OVER (
                 PARTITION BY person_id ORDER BY effective_from DESC, recorded_at DESC) AS n
            FROM level_history) AS l ON l.person_id = p.id AND l.n = 1
    LEFT JOIN team_memberships m ON m.person_id = p.id AND m.ends_on IS NULL
    LEFT JOIN teams t ON t.id = m.team_id
   WHERE p.active = 1 AND l.level = 'asye'";

#[derive(sqlx::FromRow)]
struct Row {
    id: String,
    full_name: String,
    team: Option<String>,
    qualification_date: Option<String>,
    completed_on: Option<String>,
}

/// Page `page` (1-based; past the end is the last) for an L&D administrator; anyone else 403.
pub async fn cohort(db: &Db, caller: &Caller, page: u32) -> Result<AsyeCohort, AppError> {
    if !caller.has(Role::LdAdministrator) {
        return Err(AppError::Forbidden);
    }
    let (total,): (i64,) = sqlx::query_as(&format!("SELECT COUNT(*) {COHORT}"))
        .fetch_one(db.pool())
        .await?;
    let total = u32::try_from(total).unwrap_or(u32::MAX);
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = page.clamp(1, pages);
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT p.id, p.full_name, t.name AS team, p.qualification_date,
                (SELECT MAX(e.evidence_date) FROM evidence e
                  WHERE e.person_id = p.id AND e.kind = 'asye_completion'
                    AND e.status = 'final' AND e.created_by <> p.id) AS completed_on
         {COHORT}
         ORDER BY p.full_name, p.id LIMIT $1 OFFSET $2"
    ))
    .bind(i64::from(PAGE_SIZE))
    .bind(i64::from((page - 1) * PAGE_SIZE))
    .fetch_all(db.pool())
    .await?;
    let date = |text: Option<String>| text.and_then(|d| d.parse::<NaiveDate>().ok());
    Ok(AsyeCohort {
        rows: rows
            .into_iter()
            .map(|row| AsyeRow {
                id: row.id,
                name: row.full_name,
                team: row.team,
                qualified_on: date(row.qualification_date),
                completed_on: date(row.completed_on),
            })
            .collect(),
        total,
        page,
        pages,
    })
}
