//! The rows behind the managers' and the secretariat's dashboards (issue 14 item 2).
//!
//! Two passes, so a list pages on the server without judging every portfolio: where each
//! worker stands on DEC-1 needs only their level, qualification date and decisions, read in
//! three queries for the whole list, which is then sorted, filtered and cut to one page; the
//! requirements met are judged for that page's rows alone.

use crate::auth::Caller;
use crate::db::Db;
use crate::portfolio::{pathway, store as evidence};
use chrono::NaiveDate;
use pathway_core::domain::{
    decision_state, evaluate, Catalogue, DecisionState, DevelopmentAction, Level, ManagerDecision,
    RequirementStatus, Transition, WorkerFacts,
};
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::ids::PersonId;
use pathway_core::oversight::{arrange, Standing, WorkerList, WorkerQuery, WorkerRow, OVERSEERS};
use pathway_core::portfolio::kinds::level_from_code;
use std::collections::HashMap;

/// A person on a list before their standing is worked out.
struct Candidate {
    id: String,
    name: String,
    team: Option<String>,
    relation: Option<String>,
}

/// The caller's own workers (those they supervise or manage now), one page. Refused (403)
/// for someone who oversees nobody by role.
pub async fn workers(
    db: &Db,
    caller: &Caller,
    query: &WorkerQuery,
) -> Result<WorkerList, AppError> {
    if !OVERSEERS.iter().any(|role| caller.has(*role)) {
        return Err(AppError::Forbidden);
    }
    // someone overseen two ways (supervisee and team member) is one row naming both
    let mut candidates: Vec<Candidate> = Vec::new();
    for worker in crate::relations::overseen_by(db, &caller.person_id).await? {
        let id = worker.id.as_str().to_owned();
        match candidates.iter_mut().find(|c| c.id == id) {
            Some(known) => {
                let both = format!(
                    "{} and {}",
                    known.relation.take().unwrap_or_default(),
                    worker.relation.to_lowercase()
                );
                known.relation = Some(both);
            }
            None => candidates.push(Candidate {
                id,
                name: worker.full_name,
                team: worker.team,
                relation: Some(worker.relation),
            }),
        }
    }
    list(db, candidates, query, false).await
}

/// Every active worker on the pathway, for the panel secretariat, who monitor who is and is
/// not coming to panel (DEC-2). Refused (403) for anyone else.
pub async fn secretariat(
    db: &Db,
    caller: &Caller,
    query: &WorkerQuery,
) -> Result<WorkerList, AppError> {
    if !caller.has(Role::PanelSecretariat) {
        return Err(AppError::Forbidden);
    }
    let rows: Vec<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT p.id, p.full_name, t.name
           FROM people p
           LEFT JOIN team_memberships m ON m.person_id = p.id AND m.ends_on IS NULL
           LEFT JOIN teams t ON t.id = m.team_id
          WHERE p.active = 1
            AND EXISTS (SELECT 1 FROM level_history l WHERE l.person_id = p.id)",
    )
    .fetch_all(db.pool())
    .await?;
    let candidates = rows
        .into_iter()
        .map(|(id, name, team)| Candidate {
            id,
            name,
            team,
            relation: None,
        })
        .collect();
    list(db, candidates, query, true).await
}

/// `everyone`: the candidates are every active worker with a level, so the queries read
/// all rows rather than a list of ids.
async fn list(
    db: &Db,
    candidates: Vec<Candidate>,
    query: &WorkerQuery,
    everyone: bool,
) -> Result<WorkerList, AppError> {
    let today = db.clock().today();
    let catalogue = crate::portfolio::catalogue(db, today).await?;
    let ids: Vec<&str> = candidates.iter().map(|c| c.id.as_str()).collect();
    let scope = if everyone {
        Scope::Everyone
    } else {
        Scope::Only(&ids)
    };
    let levels = levels(db, &scope).await?;
    let qualified = qualification_dates(db, &scope).await?;
    let mut decisions = decisions(db, &scope).await?;
    let rows = candidates
        .into_iter()
        .map(|candidate| {
            let facts = WorkerFacts {
                level: levels.get(&candidate.id).copied().unwrap_or(Level::Asye),
                qualified_on: qualified.get(&candidate.id).copied(),
                pe1_attended_on: None,
                evidence: Vec::new(),
                required_training: Vec::new(),
            };
            let theirs = decisions.remove(&candidate.id).unwrap_or_default();
            standing(&catalogue, candidate, &facts, &theirs, today)
        })
        .collect();
    let mut page = arrange(rows, query);
    for row in &mut page.rows {
        judge(db, &catalogue, today, row).await?;
    }
    Ok(page)
}

/// A row as far as DEC-1 goes: level, next step, eligibility, the decision and its flag.
fn standing(
    catalogue: &Catalogue,
    candidate: Candidate,
    facts: &WorkerFacts,
    decisions: &[ManagerDecision],
    today: NaiveDate,
) -> WorkerRow {
    let state = decision_state(catalogue, facts, decisions, today);
    let transition = Transition::for_level(facts.level).filter(|t| t.from_level() == facts.level);
    let eligible_from = match &state {
        DecisionState::NotEligible { eligible_from } => *eligible_from,
        DecisionState::Missing { eligible_since } => *eligible_since,
        _ => None,
    };
    let waiting_since = match &state {
        DecisionState::Missing { eligible_since } => *eligible_since,
        DecisionState::ReviewOverdue { review_by } => Some(*review_by),
        _ => None,
    };
    let standing = match &state {
        DecisionState::NotRequired => Standing::NotRequired,
        DecisionState::NotEligible { .. } => Standing::NotEligible,
        DecisionState::Endorsed { .. } => Standing::Endorsed,
        DecisionState::NotYet { .. } => Standing::NotYet,
        DecisionState::Missing { .. } | DecisionState::ReviewOverdue { .. } => {
            Standing::NeedsDecision
        }
    };
    WorkerRow {
        id: candidate.id,
        name: candidate.name,
        team: candidate.team,
        relation: candidate.relation,
        level: facts.level.title().to_owned(),
        next_step: transition.map(|t| t.to_level().title().to_owned()),
        met: 0,
        of: 0,
        ready: false,
        eligible_from,
        decision: state.message(),
        standing,
        flagged: state.needs_decision(),
        waiting_days: waiting_since.map(|since| (today - since).num_days().max(0)),
        last_decision_on: decisions.iter().map(|d| d.decided_on).max(),
    }
}

/// Fills in the requirements met from the worker's portfolio (the page's rows only).
async fn judge(
    db: &Db,
    catalogue: &Catalogue,
    today: NaiveDate,
    row: &mut WorkerRow,
) -> Result<(), AppError> {
    let person = PersonId::parse(row.id.as_str()).map_err(|_| AppError::NotFound)?;
    let rows = evidence::list(db, &person).await?;
    let facts = pathway::facts(db, &person, &rows).await?;
    let Some(transition) = Transition::for_level(facts.level) else {
        return Ok(());
    };
    let readiness = evaluate(catalogue, transition, &facts, today);
    let applicable = readiness
        .results
        .iter()
        .filter(|r| r.status != RequirementStatus::NotApplicable);
    row.of = applicable.clone().count() as u32;
    row.met = applicable
        .filter(|r| r.status == RequirementStatus::Met)
        .count() as u32;
    row.ready = readiness.is_ready();
    if row.eligible_from.is_none() {
        row.eligible_from = readiness.eligible_from;
    }
    Ok(())
}

/// Whose rows the list's queries read: the people listed, or everyone (the secretariat's
/// list, which would otherwise bind one parameter per worker in the organisation).
enum Scope<'a> {
    Only(&'a [&'a str]),
    Everyone,
}

impl Scope<'_> {
    /// `AND column IN ($1, $2, …)`, or nothing for everyone.
    fn clause(&self, column: &str) -> String {
        match self {
            Scope::Only(ids) => {
                let binds: Vec<String> = (1..=ids.len()).map(|n| format!("${n}")).collect();
                format!("AND {column} IN ({})", binds.join(", "))
            }
            Scope::Everyone => String::new(),
        }
    }

    /// Runs `sql`, whose `{scope}` is this scope's clause on `column`.
    async fn fetch<T>(&self, db: &Db, sql: &str, column: &str) -> Result<Vec<T>, AppError>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        if matches!(self, Scope::Only(ids) if ids.is_empty()) {
            return Ok(Vec::new());
        }
        let sql = sql.replace("{scope}", &self.clause(column));
        let mut query = sqlx::query_as::<_, T>(&sql);
        if let Scope::Only(ids) = self {
            for id in *ids {
                query = query.bind(*id);
            }
        }
        Ok(query.fetch_all(db.pool()).await?)
    }
}

async fn levels(db: &Db, scope: &Scope<'_>) -> Result<HashMap<String, Level>, AppError> {
    // the latest row per person, as `pathway::facts` reads one person's
    let rows: Vec<(String, String)> = scope
        .fetch(
            db,
            "SELECT person_id, level FROM (
                 SELECT person_id, level, ROW_NUMBER() OVER (
                          PARTITION BY person_id ORDER BY effective_from DESC, recorded_at DESC) AS n
                   FROM level_history WHERE 1 = 1 {scope}) AS latest
              WHERE n = 1",
            "person_id",
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, code)| Some((id, level_from_code(&code)?)))
        .collect())
}

async fn qualification_dates(
    db: &Db,
    scope: &Scope<'_>,
) -> Result<HashMap<String, NaiveDate>, AppError> {
    let rows: Vec<(String, Option<String>)> = scope
        .fetch(
            db,
            "SELECT id, qualification_date FROM people WHERE 1 = 1 {scope}",
            "id",
        )
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, date)| Some((id, date?.parse().ok()?)))
        .collect())
}

#[derive(sqlx::FromRow)]
struct DecisionLine {
    id: String,
    worker_id: String,
    transition: String,
    outcome: String,
    decided_on: String,
    description: Option<String>,
    due_on: Option<String>,
}

/// Every decision about these workers with its plan's actions, as DEC-1 judges them.
async fn decisions(
    db: &Db,
    scope: &Scope<'_>,
) -> Result<HashMap<String, Vec<ManagerDecision>>, AppError> {
    let lines: Vec<DecisionLine> = scope
        .fetch(
            db,
            "SELECT d.id, d.worker_id, d.transition, d.outcome, d.decided_on, a.description, a.due_on
               FROM manager_decisions d
               LEFT JOIN development_actions a ON a.decision_id = d.id
              WHERE 1 = 1 {scope}
              ORDER BY d.id, a.position",
            "d.worker_id",
        )
        .await?;
    let mut by_worker: HashMap<String, Vec<ManagerDecision>> = HashMap::new();
    let mut last_id = String::new();
    for line in lines {
        let (Some(transition), Ok(decided_on)) = (
            Transition::from_id(&line.transition),
            line.decided_on.parse::<NaiveDate>(),
        ) else {
            continue;
        };
        let list = by_worker.entry(line.worker_id).or_default();
        if line.id != last_id || list.is_empty() {
            last_id.clone_from(&line.id);
            list.push(ManagerDecision {
                transition,
                outcome: crate::decisions::outcome_of(&line.outcome),
                decided_on,
                actions: Vec::new(),
            });
        }
        if let (Some(description), Some(list_last)) = (line.description, list.last_mut()) {
            list_last.actions.push(DevelopmentAction {
                description,
                due_on: line.due_on.and_then(|d| d.parse().ok()),
            });
        }
    }
    Ok(by_worker)
}
