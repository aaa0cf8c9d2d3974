//! Managers' decisions (issue 14; DEC-1 to DEC-3, DEC-5): who may record one, the
//! record itself, the worker's answer to a plan, and the written notices.
//!
//! A decision is made by the worker's team manager (PATH-L3) or, for ASYE, their practice
//! supervisor (PATH-ASYE-6), while that relation holds. It is never edited. An endorsement
//! becomes the portfolio's endorsement item in the same transaction (so readiness sees
//! PATH-L3-9 / PATH-ASYE-6 met), with the observations it cites (DEC-3). A "not yet" carries
//! its dated plan (DEC-2). The notice goes to the worker, the service manager over their team
//! and the panel secretariat, in the same transaction.

pub mod challenge;
pub mod supervision;

use crate::audit::{self, action, Event};
use crate::auth::Caller;
use crate::clock::{new_id, stamp};
use crate::db::Db;
use crate::notices;
use crate::portfolio::store::{self as evidence, EvidenceRow};
use crate::portfolio::write::{self, Write};
use crate::relations;
use chrono::NaiveDate;
use pathway_core::decisions::form::{check_answer, check_decision, DecisionForm, PlanAnswer};
use pathway_core::decisions::views::{
    ActionView, AnswerView, DecisionView, DecisionsPage, ObservationChoice,
};
use pathway_core::domain::{
    decision_state, format_date, DecisionOutcome, DevelopmentAction, EvidenceKind, EvidenceStatus,
    ManagerDecision, Transition,
};
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::ids::{EvidenceId, PersonId};
use pathway_core::portfolio::form::ValidEvidence;
use std::collections::BTreeMap;

/// The role that decides `transition` for a worker, if a manager decides it at all.
fn decider(transition: Transition) -> Option<Role> {
    match transition {
        Transition::PathL3 => Some(Role::TeamManager),
        Transition::PathAsye => Some(Role::PracticeSupervisor),
        Transition::PathMgmt => None,
    }
}

fn endorsement_kind(transition: Transition) -> EvidenceKind {
    match transition {
        Transition::PathAsye => EvidenceKind::PracticeSupervisorEndorsement,
        _ => EvidenceKind::ManagerEndorsement,
    }
}

/// "Level 2 to Level 3"
fn step(transition: Transition) -> String {
    format!(
        "{} to {}",
        transition.from_level().title(),
        transition.to_level().title()
    )
}

/// The worker's decisions page: the person, their managers and the panel secretariat (who
/// monitor who is and is not coming, DEC-2); anyone else is refused.
pub async fn page(db: &Db, caller: &Caller, worker: &PersonId) -> Result<DecisionsPage, AppError> {
    ensure_can_view(db, caller, worker).await?;
    let today = db.clock().today();
    let rows = evidence::list(db, worker).await?;
    let facts = crate::portfolio::pathway::facts(db, worker, &rows).await?;
    let transition = Transition::for_level(facts.level).filter(|t| decider(*t).is_some());
    let decisions = load(db, worker).await?;
    let catalogue = crate::portfolio::catalogue(db, today).await?;
    let judged: Vec<ManagerDecision> = decisions.iter().map(|(_, d)| d.clone()).collect();
    let state = decision_state(&catalogue, &facts, &judged, today);
    let may_decide = match transition.and_then(decider) {
        Some(role) => relations::between(db, &caller.person_id, worker)
            .await?
            .contains(&role),
        None => false,
    };
    let observations = if may_decide {
        observations(&rows)
    } else {
        Vec::new()
    };
    let mut views = Vec::new();
    for (stored, decision) in &decisions {
        views.push(view(db, stored, &decision.actions).await?);
    }
    Ok(DecisionsPage {
        worker_id: worker.as_str().to_owned(),
        worker_name: evidence::person_name(db, worker).await?,
        step: transition.map(step),
        state: state.message(),
        may_decide,
        is_worker: caller.person_id == *worker,
        may_respond: challenge::may_respond(db, caller, worker).await?,
        may_supervise: supervision::may_supervise(db, caller, worker).await?,
        observations,
        decisions: views,
    })
}

async fn ensure_can_view(db: &Db, caller: &Caller, worker: &PersonId) -> Result<(), AppError> {
    if caller.has(Role::PanelSecretariat) && crate::people::load(db, worker).await?.is_some() {
        return Ok(());
    }
    crate::authz::ensure_can_view_practice(db, caller, worker).await
}

/// The worker's final direct observations of practice, newest first (DEC-3).
fn observations(rows: &[EvidenceRow]) -> Vec<ObservationChoice> {
    let mut list: Vec<&EvidenceRow> = rows
        .iter()
        .filter(|row| {
            matches!(
                row.kind(),
                Some(EvidenceKind::PracticeObservation | EvidenceKind::ObservedPracticeSummary)
            ) && row.status() == EvidenceStatus::Final
        })
        .collect();
    list.sort_by_key(|row| std::cmp::Reverse(row.date()));
    list.into_iter().map(choice).collect()
}

fn choice(row: &EvidenceRow) -> ObservationChoice {
    ObservationChoice {
        id: row.id.as_str().to_owned(),
        title: row.title.clone(),
        observed_on: row.date().map(format_date).unwrap_or_default(),
    }
}

#[derive(sqlx::FromRow)]
struct Stored {
    id: String,
    transition: String,
    outcome: String,
    decided_by_name: String,
    decided_on: String,
    reason: String,
    endorsement_id: Option<String>,
}

pub(crate) fn outcome_of(code: &str) -> DecisionOutcome {
    if code == "endorse" {
        DecisionOutcome::Endorse
    } else {
        DecisionOutcome::NotYet
    }
}

fn date(text: &str) -> Option<NaiveDate> {
    text.parse().ok()
}

/// The worker's decisions, newest first, each with its plan as the rules read it.
async fn load(db: &Db, worker: &PersonId) -> Result<Vec<(Stored, ManagerDecision)>, AppError> {
    let stored: Vec<Stored> = sqlx::query_as(
        "SELECT d.id, d.transition, d.outcome, p.full_name AS decided_by_name, d.decided_on,
                d.reason, d.endorsement_id
           FROM manager_decisions d JOIN people p ON p.id = d.decided_by
          WHERE d.worker_id = $1 ORDER BY d.recorded_at DESC, d.id DESC",
    )
    .bind(worker)
    .fetch_all(db.pool())
    .await?;
    let mut list = Vec::new();
    for row in stored {
        let (Some(transition), Some(decided_on)) =
            (Transition::from_id(&row.transition), date(&row.decided_on))
        else {
            continue;
        };
        let actions = actions(db, &row.id)
            .await?
            .into_iter()
            .map(|(description, due)| DevelopmentAction {
                description,
                due_on: date(&due),
            })
            .collect();
        let decision = ManagerDecision {
            transition,
            outcome: outcome_of(&row.outcome),
            decided_on,
            actions,
        };
        list.push((row, decision));
    }
    Ok(list)
}

async fn actions(db: &Db, decision: &str) -> Result<Vec<(String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT description, due_on FROM development_actions WHERE decision_id = $1 ORDER BY position",
    )
    .bind(decision)
    .fetch_all(db.pool())
    .await?)
}

/// One decision as the page shows it; its plan's `actions` were read with it (`load`).
async fn view(
    db: &Db,
    row: &Stored,
    actions: &[DevelopmentAction],
) -> Result<DecisionView, AppError> {
    let cited: Vec<(String, String, String)> = sqlx::query_as(
        "SELECT e.id, e.title, e.evidence_date FROM decision_observations o
           JOIN evidence e ON e.id = o.evidence_id
          WHERE o.decision_id = $1 ORDER BY e.evidence_date",
    )
    .bind(&row.id)
    .fetch_all(db.pool())
    .await?;
    let answer: Option<(i64, String, String)> = sqlx::query_as(
        "SELECT agreed, comment, responded_at FROM plan_responses WHERE decision_id = $1",
    )
    .bind(&row.id)
    .fetch_optional(db.pool())
    .await?;
    let mut progress = if actions.is_empty() {
        BTreeMap::new()
    } else {
        supervision::progress(db, &row.id).await?
    };
    let response = match &answer {
        Some((0, _, _)) => challenge::response(db, &row.id).await?,
        _ => None,
    };
    let shown = |text: &str| date(text).map(format_date).unwrap_or_default();
    Ok(DecisionView {
        id: row.id.clone(),
        outcome: outcome_of(&row.outcome),
        step: Transition::from_id(&row.transition)
            .map(step)
            .unwrap_or_default(),
        decided_by: row.decided_by_name.clone(),
        decided_on: shown(&row.decided_on),
        reason: row.reason.clone(),
        endorsement_id: row.endorsement_id.clone(),
        observations: cited
            .into_iter()
            .map(|(id, title, on)| ObservationChoice {
                observed_on: shown(&on),
                id,
                title,
            })
            .collect(),
        actions: actions
            .iter()
            .enumerate()
            .map(|(i, action)| ActionView {
                description: action.description.clone(),
                due_on: action.due_on.map(format_date).unwrap_or_default(),
                progress: progress.remove(&(i + 1)).unwrap_or_default(),
            })
            .collect(),
        answer: answer.map(|(agreed, comment, at)| AnswerView {
            agreed: agreed == 1,
            comment,
            answered_on: shown(at.get(..10).unwrap_or_default()),
            response,
        }),
    })
}

/// Records `form` as the caller's decision for the worker it names. Answers the decision's id.
pub async fn record(
    db: &Db,
    caller: &Caller,
    form: &DecisionForm,
    ip: &str,
) -> Result<String, AppError> {
    let worker = PersonId::parse(form.worker.trim()).map_err(|_| AppError::Forbidden)?;
    // who may decide, first: a relation that holds now, and then the one the step needs
    let relations = relations::between(db, &caller.person_id, &worker).await?;
    if relations.is_empty() {
        return Err(AppError::Forbidden);
    }
    let today = db.clock().today();
    let now = db.clock().now();
    let rows = evidence::list(db, &worker).await?;
    let facts = crate::portfolio::pathway::facts(db, &worker, &rows).await?;
    let Some((transition, role)) =
        Transition::for_level(facts.level).and_then(|t| decider(t).map(|role| (t, role)))
    else {
        return Err(AppError::validation(
            "No manager's decision is made at this worker's level",
        ));
    };
    if !relations.contains(&role) {
        return Err(AppError::Forbidden);
    }
    let valid = check_decision(form, transition, today).map_err(AppError::Invalid)?;
    // DEC-3: only this worker's own final observations of practice can be cited
    let citable: Vec<String> = observations(&rows).into_iter().map(|o| o.id).collect();
    if valid.observations.iter().any(|id| !citable.contains(id)) {
        return Err(AppError::field(
            "observations",
            "Select observations from this worker's portfolio",
        ));
    }
    let worker_name = evidence::person_name(db, &worker).await?;
    let decided_by = evidence::person_name(db, &caller.person_id).await?;
    let id = new_id();
    let mut tx = db.begin().await?;
    let endorsement = match valid.decision.outcome {
        DecisionOutcome::Endorse => {
            let item = ValidEvidence {
                id: EvidenceId::generate(),
                person_id: worker.clone(),
                kind: endorsement_kind(transition),
                status: EvidenceStatus::Final,
                title: format!("Endorsement for {}", transition.to_level().title()),
                date: today,
                body: valid.statement.clone(),
                previous_employer: false,
                details: BTreeMap::new(),
                word_count: None,
                cpd_centidays: None,
                expected_version: None,
            };
            let save = Write::Save {
                valid: item.clone(),
                from: 0,
            };
            write::write_all(db.clock(), &mut tx, caller, &[save], ip).await?;
            Some(item.id)
        }
        DecisionOutcome::NotYet => None,
    };
    sqlx::query(
        "INSERT INTO manager_decisions (id, worker_id, transition, outcome, decided_by,
             decided_on, reason, endorsement_id, recorded_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
    )
    .bind(&id)
    .bind(&worker)
    .bind(transition.id())
    .bind(match valid.decision.outcome {
        DecisionOutcome::Endorse => "endorse",
        DecisionOutcome::NotYet => "not_yet",
    })
    .bind(&caller.person_id)
    .bind(today.to_string())
    .bind(&valid.reason)
    .bind(endorsement.as_ref())
    .bind(stamp(now))
    .execute(&mut *tx)
    .await?;
    for observation in &valid.observations {
        sqlx::query("INSERT INTO decision_observations (decision_id, evidence_id) VALUES ($1, $2)")
            .bind(&id)
            .bind(observation)
            .execute(&mut *tx)
            .await?;
    }
    for (position, action) in valid.decision.actions.iter().enumerate() {
        sqlx::query(
            "INSERT INTO development_actions (decision_id, position, description, due_on)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&id)
        .bind(position as i64 + 1)
        .bind(&action.description)
        .bind(action.due_on.map(|d| d.to_string()).unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    }
    let subject = match valid.decision.outcome {
        DecisionOutcome::Endorse => format!(
            "{worker_name}: endorsed for {} by {decided_by}",
            step(transition)
        ),
        DecisionOutcome::NotYet => format!(
            "{worker_name}: not yet endorsed for {}, with a development plan from {decided_by}",
            step(transition)
        ),
    };
    let mut to = vec![worker.clone()];
    to.extend(line_above(&mut tx, &worker).await?);
    to.extend(secretariat(&mut tx).await?);
    notices::send_in(&mut tx, &to, &subject, &link(&worker), now).await?;
    let detail = format!(
        "{} for {}",
        match valid.decision.outcome {
            DecisionOutcome::Endorse => "endorsed",
            DecisionOutcome::NotYet => "not yet, with a development plan",
        },
        transition.id()
    );
    let event = Event::by(
        &caller.person_id,
        action::DECISION_RECORDED,
        "manager_decision",
        &id,
        ip,
    )
    .with_detail(detail);
    audit::record(db.clock(), &mut *tx, event).await?;
    crate::form_stash::clear_in(&mut tx, caller, crate::form_stash::Stash::Decision).await?;
    tx.commit().await?;
    Ok(id)
}

/// Whether the worker's most recent decision is a "not yet" (which withdraws any earlier
/// endorsement for readiness).
pub async fn latest_is_not_yet(db: &Db, worker: &PersonId) -> Result<bool, AppError> {
    let latest: Option<(String,)> = sqlx::query_as(
        "SELECT outcome FROM manager_decisions WHERE worker_id = $1
          ORDER BY recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(worker)
    .fetch_optional(db.pool())
    .await?;
    Ok(latest.is_some_and(|(outcome,)| outcome == "not_yet"))
}

/// The decisions page of `worker`.
pub fn link(worker: &PersonId) -> String {
    format!("/decisions?person={}", worker.as_str())
}

/// The service managers over the worker's current team, now.
async fn line_above(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    worker: &PersonId,
) -> Result<Vec<PersonId>, AppError> {
    let rows: Vec<(PersonId,)> = sqlx::query_as(
        "SELECT g.person_id FROM team_memberships m
           JOIN team_management g ON g.team_id = m.team_id AND g.kind = 'service_manager'
                                 AND g.ends_on IS NULL
           JOIN role_grants r ON r.person_id = g.person_id AND r.role = 'service_manager'
                             AND r.revoked_at IS NULL
          WHERE m.person_id = $1 AND m.ends_on IS NULL",
    )
    .bind(worker)
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Everyone in the panel secretariat now.
async fn secretariat(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
) -> Result<Vec<PersonId>, AppError> {
    let rows: Vec<(PersonId,)> = sqlx::query_as(
        "SELECT r.person_id FROM role_grants r JOIN people p ON p.id = r.person_id
          WHERE r.role = 'panel_secretariat' AND r.revoked_at IS NULL AND p.active = 1",
    )
    .fetch_all(&mut **tx)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The worker agrees the plan of a "not yet", or records that they disagree (DEC-2, DEC-5);
/// once. The manager who decided and the service manager above are told.
pub async fn answer(db: &Db, caller: &Caller, form: &PlanAnswer, ip: &str) -> Result<(), AppError> {
    let (agreed, comment) = check_answer(form).map_err(AppError::Invalid)?;
    let row: Option<(PersonId, PersonId, String)> = sqlx::query_as(
        "SELECT worker_id, decided_by, outcome FROM manager_decisions WHERE id = $1",
    )
    .bind(&form.decision)
    .fetch_optional(db.pool())
    .await?;
    // only the worker answers their own plan; anything else looks like a missing record
    let Some((worker, decided_by, outcome)) =
        row.filter(|(worker, _, _)| *worker == caller.person_id)
    else {
        return Err(AppError::Forbidden);
    };
    if outcome != "not_yet" {
        return Err(AppError::validation("An endorsement has no plan to agree"));
    }
    let now = db.clock().now();
    let mut tx = db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO plan_responses (decision_id, agreed, comment, responded_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (decision_id) DO NOTHING",
    )
    .bind(&form.decision)
    .bind(i64::from(agreed))
    .bind(&comment)
    .bind(stamp(now))
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(AppError::field(
            "answer",
            "You have already answered this plan",
        ));
    }
    let name = evidence::person_name(db, &worker).await?;
    let subject = if agreed {
        format!("{name} agreed the development plan")
    } else {
        format!("{name} disagrees with the development plan")
    };
    let mut to = vec![decided_by];
    to.extend(line_above(&mut tx, &worker).await?);
    notices::send_in(&mut tx, &to, &subject, &link(&worker), now).await?;
    let detail = if agreed { "agreed" } else { "disagreed" };
    let event = Event::by(
        &caller.person_id,
        action::PLAN_ANSWERED,
        "manager_decision",
        &form.decision,
        ip,
    )
    .with_detail(detail);
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}
