//! DEC-5: a worker who disagrees with a development plan has challenged the decision through
//! the line: the service manager over the worker's team responds, once, upheld or not, with
//! reasons. The worker and the manager who decided are told; all three see the record.

use super::link;
use crate::audit::{self, action, Event};
use crate::auth::Caller;
use crate::clock::stamp;
use crate::db::Db;
use crate::notices;
use crate::portfolio::store as evidence;
use crate::relations;
use pathway_core::decisions::form::{check_challenge_answer, ChallengeAnswer};
use pathway_core::decisions::views::ChallengeResponseView;
use pathway_core::domain::format_date;
use pathway_core::error::AppError;
use pathway_core::identity::Role;
use pathway_core::ids::PersonId;

/// May the caller respond to this worker's challenges: the service manager over their team.
pub async fn may_respond(db: &Db, caller: &Caller, worker: &PersonId) -> Result<bool, AppError> {
    Ok(relations::between(db, &caller.person_id, worker)
        .await?
        .contains(&Role::ServiceManager))
}

/// Records the service manager's response to the challenge on `form.decision`; answers the
/// worker's id (for the page to return to).
pub async fn respond(
    db: &Db,
    caller: &Caller,
    form: &ChallengeAnswer,
    ip: &str,
) -> Result<PersonId, AppError> {
    let row: Option<(PersonId, PersonId, i64)> = sqlx::query_as(
        "SELECT d.worker_id, d.decided_by, r.agreed
           FROM manager_decisions d JOIN plan_responses r ON r.decision_id = d.id
          WHERE d.id = $1",
    )
    .bind(&form.decision)
    .fetch_optional(db.pool())
    .await?;
    // who may respond, first: anyone but the service manager over the worker is refused
    // alike, whether or not there is such a decision
    let Some((worker, decided_by, agreed)) = row else {
        return Err(AppError::Forbidden);
    };
    if !may_respond(db, caller, &worker).await? {
        return Err(AppError::Forbidden);
    }
    if agreed == 1 {
        return Err(AppError::validation(
            "The worker agreed this plan: there is no challenge to respond to",
        ));
    }
    let (upheld, comment) = check_challenge_answer(form).map_err(AppError::Invalid)?;
    let now = db.clock().now();
    let name = evidence::person_name(db, &worker).await?;
    let mut tx = db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO challenge_responses (decision_id, responded_by, upheld, comment, responded_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (decision_id) DO NOTHING",
    )
    .bind(&form.decision)
    .bind(&caller.person_id)
    .bind(i64::from(upheld))
    .bind(&comment)
    .bind(stamp(now))
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() == 0 {
        return Err(AppError::field(
            "challenge_outcome",
            "This challenge already has a response",
        ));
    }
    let subject = if upheld {
        format!("{name}'s challenge to the development plan is upheld: the decision is to be looked at again")
    } else {
        format!("{name}'s challenge to the development plan is not upheld: the decision stands")
    };
    notices::send_in(
        &mut tx,
        &[worker.clone(), decided_by],
        &subject,
        &link(&worker),
        now,
    )
    .await?;
    let event = Event::by(
        &caller.person_id,
        action::CHALLENGE_ANSWERED,
        "manager_decision",
        &form.decision,
        ip,
    )
    .with_detail(if upheld { "upheld" } else { "not upheld" });
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(worker)
}

/// The response to the challenge on `decision`, if one is recorded.
pub(super) async fn response(
    db: &Db,
    decision: &str,
) -> Result<Option<ChallengeResponseView>, AppError> {
    let row: Option<(String, i64, String, String)> = sqlx::query_as(
        "SELECT p.full_name, c.upheld, c.comment, c.responded_at
           FROM challenge_responses c JOIN people p ON p.id = c.responded_by
          WHERE c.decision_id = $1",
    )
    .bind(decision)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(by, upheld, comment, at)| ChallengeResponseView {
        by,
        on: at
            .get(..10)
            .and_then(|day| day.parse().ok())
            .map(format_date)
            .unwrap_or_default(),
        upheld: upheld == 1,
        comment,
    }))
}
