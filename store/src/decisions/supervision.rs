//! Progress on a development plan, recorded in supervision (issue 14 item 3; DEC-2). The
//! worker's team manager or practice supervisor records a supervision on the current plan
//! (the worker's newest decision, a "not yet"): the date it was held, and each action's
//! progress with a note. The worker is told; everyone who may see the decision sees the
//! history under each action.

use super::link;
use crate::audit::{self, action, Event};
use crate::auth::Caller;
use crate::clock::{new_id, stamp};
use crate::db::Db;
use crate::notices;
use crate::relations;
use chrono::NaiveDate;
use pathway_core::decisions::supervision::{check_supervision, Progress, SupervisionForm};
use pathway_core::decisions::views::ProgressView;
use pathway_core::domain::format_date;
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::ids::PersonId;
use std::collections::BTreeMap;

/// The topic kind of a plan's action in `supervision_topics`.
const PLAN_ACTION: &str = "plan_action";

/// May the caller record supervisions for this worker: their team manager or practice
/// supervisor, now.
pub async fn may_supervise(db: &Db, caller: &Caller, worker: &PersonId) -> Result<bool, AppError> {
    Ok(relations::between(db, &caller.person_id, worker)
        .await?
        .iter()
        .any(|role| matches!(role, Role::TeamManager | Role::PracticeSupervisor)))
}

/// Records a supervision's progress on the plan of `form.decision`; answers the worker.
pub async fn record(
    db: &Db,
    caller: &Caller,
    form: &SupervisionForm,
    ip: &str,
) -> Result<PersonId, AppError> {
    let row: Option<(PersonId, String, String)> = sqlx::query_as(
        "SELECT worker_id, outcome, decided_on FROM manager_decisions WHERE id = $1",
    )
    .bind(&form.decision)
    .fetch_optional(db.pool())
    .await?;
    // who may record, first: anyone else is refused alike, whatever the id names
    let Some((worker, outcome, decided_on)) = row else {
        return Err(AppError::Forbidden);
    };
    if !may_supervise(db, caller, &worker).await? {
        return Err(AppError::Forbidden);
    }
    let (newest,): (String,) = sqlx::query_as(
        "SELECT id FROM manager_decisions WHERE worker_id = $1
          ORDER BY recorded_at DESC, id DESC LIMIT 1",
    )
    .bind(&worker)
    .fetch_one(db.pool())
    .await?;
    if outcome != "not_yet" || newest != form.decision {
        return Err(AppError::validation(
            "Progress is recorded on the worker's current development plan: open the decisions page again",
        ));
    }
    let (actions,): (i64,) =
        sqlx::query_as("SELECT COUNT(*) FROM development_actions WHERE decision_id = $1")
            .bind(&form.decision)
            .fetch_one(db.pool())
            .await?;
    let decided_on: NaiveDate = decided_on
        .parse()
        .map_err(|_| AppError::validation("This decision has no date"))?;
    let today = db.clock().today();
    let valid = check_supervision(
        form,
        usize::try_from(actions).unwrap_or_default(),
        decided_on,
        today,
    )
    .map_err(AppError::Invalid)?;
    let now = db.clock().now();
    let id = new_id();
    let mut tx = db.begin().await?;
    sqlx::query(
        "INSERT INTO supervision_records (id, worker_id, held_on, recorded_by, recorded_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&id)
    .bind(&worker)
    .bind(valid.held_on.to_string())
    .bind(&caller.person_id)
    .bind(stamp(now))
    .execute(&mut *tx)
    .await?;
    for action in &valid.actions {
        sqlx::query(
            "INSERT INTO supervision_topics (record_id, topic_kind, topic_id, position, progress, note)
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&id)
        .bind(PLAN_ACTION)
        .bind(&form.decision)
        .bind(action.position as i64)
        .bind(action.progress.code())
        .bind(&action.note)
        .execute(&mut *tx)
        .await?;
    }
    let subject = format!(
        "Progress on your development plan was recorded from supervision on {}",
        format_date(valid.held_on)
    );
    notices::send_in(
        &mut tx,
        std::slice::from_ref(&worker),
        &subject,
        &link(&worker),
        now,
    )
    .await?;
    let event = Event::by(
        &caller.person_id,
        action::SUPERVISION_RECORDED,
        "supervision_record",
        &id,
        ip,
    )
    .with_detail(format!("plan of decision {}", form.decision));
    audit::record(db.clock(), &mut *tx, event).await?;
    crate::form_stash::clear_in(&mut tx, caller, crate::form_stash::Stash::Supervision).await?;
    tx.commit().await?;
    Ok(worker)
}

#[derive(sqlx::FromRow)]
struct Row {
    position: i64,
    progress: String,
    note: String,
    held_on: String,
    recorded_by: String,
}

/// Each action's progress on `decision`'s plan, newest supervision first, by position.
pub(super) async fn progress(
    db: &Db,
    decision: &str,
) -> Result<BTreeMap<usize, Vec<ProgressView>>, AppError> {
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT t.position, t.progress, t.note, r.held_on, p.full_name AS recorded_by
           FROM supervision_topics t
           JOIN supervision_records r ON r.id = t.record_id
           JOIN people p ON p.id = r.recorded_by
          WHERE t.topic_kind = $1 AND t.topic_id = $2
          ORDER BY r.held_on DESC, r.recorded_at DESC, r.id DESC",
    )
    .bind(PLAN_ACTION)
    .bind(decision)
    .fetch_all(db.pool())
    .await?;
    let mut by_action: BTreeMap<usize, Vec<ProgressView>> = BTreeMap::new();
    for row in rows {
        let position = usize::try_from(row.position).unwrap_or_default();
        by_action.entry(position).or_default().push(ProgressView {
            held_on: row.held_on.parse().map(format_date).unwrap_or(row.held_on),
            progress: Progress::from_code(&row.progress)
                .map(|p| p.label().to_owned())
                .unwrap_or(row.progress),
            note: row.note,
            recorded_by: row.recorded_by,
        });
    }
    Ok(by_action)
}
