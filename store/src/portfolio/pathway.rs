//! The "My pathway" view: the worker's facts gathered from storage, judged by the rules
//! engine (`domain::evaluate`), and shaped into the readiness task list.

use super::store::{self, EvidenceRow};
use crate::auth::Caller;
use crate::db::Db;
use chrono::NaiveDate;
use pathway_core::domain::{
    cpd_allowance, evaluate, format_date, Catalogue, EvidenceFact, EvidenceKind, LeaveYear, Level,
    RequirementStatus, Rule, Transition, WorkerFacts,
};
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::ids::PersonId;
use pathway_core::portfolio::kinds::{kind_code, spec, Author};
use pathway_core::portfolio::views::{PathwayView, Task};
use uuid::Uuid;

/// The level, qualification date and evidence facts the rules read.
pub async fn facts(
    db: &Db,
    person_id: &PersonId,
    rows: &[EvidenceRow],
) -> Result<WorkerFacts, AppError> {
    let qualified: Option<(Option<String>,)> =
        sqlx::query_as("SELECT qualification_date FROM people WHERE id = $1")
            .bind(person_id)
            .fetch_optional(db.pool())
            .await?;
    // A "not yet" recorded after an endorsement withdraws it: readiness reads the manager's
    // latest decision (issue 14), while the endorsement stays in the portfolio as history.
    let withdrawn = crate::decisions::latest_is_not_yet(db, person_id).await?;
    let evidence: Vec<EvidenceFact> = rows
        .iter()
        .filter(|row| confirmed_by_whom_it_should_be(row))
        .filter_map(fact)
        .filter(|fact| {
            !(withdrawn
                && matches!(
                    fact.kind,
                    EvidenceKind::ManagerEndorsement | EvidenceKind::PracticeSupervisorEndorsement
                ))
        })
        .collect();
    let level = crate::levels::current(db, person_id)
        .await?
        .unwrap_or(Level::Asye);
    let required_training = crate::db::training::in_force_on(db, db.clock().today())
        .await?
        .map(|list| list.required_for(level))
        .unwrap_or_default();
    Ok(WorkerFacts {
        level,
        qualified_on: qualified
            .and_then(|(date,)| date)
            .and_then(|d| d.parse().ok()),
        pe1_attended_on: pe1_attended_on(rows),
        evidence,
        required_training,
    })
}

/// PATH-ASYE-1 and PATH-ASYE-3: probation and the ASYE programme are confirmed by the line
/// manager and by Learning and Development (policy §6(i)); an item the worker added
/// themselves (before Pathway enforced this) stays in the portfolio but does not count.
fn confirmed_by_whom_it_should_be(row: &EvidenceRow) -> bool {
    let declared_by_worker = row.created_by == row.person_id;
    !(declared_by_worker
        && matches!(
            row.kind(),
            Some(EvidenceKind::Probation | EvidenceKind::AsyeCompletion)
        ))
}

/// PATH-L3-6 applies once the worker has attended PE1: the earliest final Practice Educator
/// course, or student support recorded at PE1 or PE2.
fn pe1_attended_on(rows: &[EvidenceRow]) -> Option<NaiveDate> {
    rows.iter()
        .filter(|row| {
            let kind = row.kind();
            (kind == Some(EvidenceKind::PracticeEducatorCourse) && row.status == "final")
                || (kind == Some(EvidenceKind::StudentSupport)
                    && matches!(
                        row.details().get("pe_status").map(String::as_str),
                        Some("pe1" | "pe2")
                    ))
        })
        .filter_map(EvidenceRow::date)
        .min()
}

fn fact(row: &EvidenceRow) -> Option<EvidenceFact> {
    let mut fact = EvidenceFact::new(
        Uuid::parse_str(&row.id).ok()?,
        row.kind()?,
        row.date()?,
        row.status(),
    );
    fact.from_previous_employer = row.from_previous_employer == 1;
    fact.word_count = row.word_count.and_then(|w| u32::try_from(w).ok());
    fact.cpd_centidays = row.cpd_centidays();
    let details = row.details();
    fact.expires_on = details.get("expires_on").and_then(|d| d.parse().ok());
    // a CPD record names an L&D course (PATH-MGMT-3), a Practice Educator course its stage
    fact.course = details
        .get("course")
        .or_else(|| details.get("stage"))
        .cloned();
    Some(fact)
}

/// The readiness page for `person_id` as `caller` sees it (authorization already checked).
pub async fn view(
    db: &Db,
    caller: &Caller,
    person_id: &PersonId,
    catalogue: &Catalogue,
    today: NaiveDate,
) -> Result<PathwayView, AppError> {
    let person_name = store::person_name(db, person_id).await?;
    let rows = store::list(db, person_id).await?;
    let facts = facts(db, person_id, &rows).await?;
    let is_self = caller.person_id == *person_id;
    let through = if is_self {
        Vec::new()
    } else {
        crate::relations::between(db, &caller.person_id, person_id).await?
    };
    let can_add_observation = through
        .iter()
        .any(|role| matches!(role, Role::PracticeSupervisor | Role::TeamManager));
    // someone with no level recorded is not on the career pathway: no step, no tasks (never
    // the ASYE pathway by default)
    let on_pathway = crate::levels::current(db, person_id).await?.is_some();
    let transition = Transition::for_level(facts.level).filter(|_| on_pathway);
    let readiness = transition.map(|t| evaluate(catalogue, t, &facts, today));
    let may_add = |kind: EvidenceKind| match spec(kind).author {
        Author::Worker => is_self,
        Author::WorkerOrManager => is_self || can_add_observation,
        Author::ManagerOrPreviousEmployer => is_self || can_add_observation,
        Author::LineManager => through.contains(&Role::TeamManager),
        Author::LearningAndDevelopment => !is_self && caller.has(Role::LdAdministrator),
        Author::ManagerOnly => can_add_observation,
        Author::NotHere => false,
    };
    let add_link = |kind: EvidenceKind| {
        format!(
            "/portfolio/edit?kind={}&person={person_id}",
            kind_code(kind)
        )
    };
    let tasks = match (&readiness, transition.and_then(|t| catalogue.transition(t))) {
        (Some(readiness), Some(requirements)) => readiness
            .results
            .iter()
            .zip(&requirements.requirements)
            .map(|(result, requirement)| {
                let kinds: Vec<EvidenceKind> = match &requirement.rule {
                    Rule::Evidence(rule) => rule.kinds.clone(),
                    Rule::ReflectiveStatement { .. } => vec![EvidenceKind::ReflectiveStatement],
                    Rule::YearsSinceQualification { .. } => Vec::new(),
                };
                let href = match (result.status, result.counted_evidence.as_slice()) {
                    (RequirementStatus::Met, [one]) => {
                        Some(format!("/portfolio/evidence?id={one}"))
                    }
                    (RequirementStatus::Met, [_, _, ..]) => kinds
                        .first()
                        .map(|k| format!("/portfolio?person={person_id}#kind-{}", kind_code(*k))),
                    (RequirementStatus::NotApplicable, _) => None,
                    _ => kinds.iter().copied().find(|k| may_add(*k)).map(add_link),
                };
                Task {
                    id: result.id.clone(),
                    title: result.title.clone(),
                    status: result.status,
                    reason: result.reason.clone(),
                    href,
                }
            })
            .collect(),
        _ => Vec::new(),
    };
    let eligibility = readiness
        .as_ref()
        .and_then(|r| r.eligible_from)
        .map(|from| {
            let who = if is_self {
                "You".to_owned()
            } else {
                person_name.clone()
            };
            if from > today {
                format!("{who} can apply from {}", format_date(from))
            } else {
                format!("{who} can apply now: eligible since {}", format_date(from))
            }
        });
    let allowance = cpd_allowance(
        &facts.evidence,
        LeaveYear::default(),
        pathway_core::domain::Centidays::from_days(catalogue.cpd_additional_days_per_year),
        today,
    );
    Ok(PathwayView {
        person_id: person_id.to_owned(),
        person_name,
        is_self,
        level_title: on_pathway.then(|| facts.level.title().to_owned()),
        transition_id: transition.map(|t| t.id().to_owned()),
        transition_title: transition.map(Transition::title),
        summary: readiness.as_ref().map(|r| r.summary()).unwrap_or_else(|| {
            if on_pathway {
                "No further progression steps on the pathway".to_owned()
            } else {
                "Not on the career pathway: an administrator records a level on the person's record"
                    .to_owned()
            }
        }),
        ready: readiness.as_ref().is_some_and(|r| r.is_ready()),
        eligibility,
        catalogue_version: catalogue.version.clone(),
        tasks,
        can_add_observation,
        cpd_summary: allowance.summary,
        evidence: rows.iter().filter_map(EvidenceRow::summary).collect(),
    })
}
