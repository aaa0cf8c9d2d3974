//! Applying a device's changes: all in one transaction with the device's last mutation
//! number, so a batch is applied entirely or not at all and a retry is answered, not
//! re-applied. Per change: validation and locks reject (with a reason), an old base version
//! makes a conflict copy, anything else is saved through the portfolio store.
//!
//! A batch costs a few statements, not a few per change (docs/sync.md, "How a push is
//! batched"): the stored answers of retried changes in one read, the items the new changes
//! touch in one read, every decision made in memory ([`plan`]), then each kind of row
//! written with one multi-row statement.

use super::{clients, conflicts, LOCKED};
use crate::auth::Caller;
use crate::clock::{stamp, Clock};
use crate::db::{batch, Db};
use crate::portfolio::store;
use crate::portfolio::write::{self, Write};
use chrono::NaiveDate;
use pathway_core::domain::EvidenceStatus;
use pathway_core::error::AppError;
use pathway_core::ids::{ClientId, ConflictId, EvidenceId, PersonId};
use pathway_core::portfolio::validate;
use pathway_core::portfolio::validation_message;
use pathway_core::sync::{Change, ChangeOp, ChangeResult, Outcome, PushRequest, PushResult};
use sqlx::AnyConnection;
use std::collections::HashMap;

/// Most changes one push may carry.
pub const MAX_BATCH: usize = 500;
/// Most pushes one person may make in `PUSH_WINDOW_MINUTES`, from all their devices (issue 17
/// item 10). A device syncs after each change and retries a failure after a pause, so this
/// is far above honest use; a refused push stays in the device's outbox and goes later.
pub const PUSH_LIMIT: i64 = 120;
pub const PUSH_WINDOW_MINUTES: i64 = 5;

pub async fn push(
    db: &Db,
    caller: &Caller,
    request: &PushRequest,
    today: NaiveDate,
    ip: &str,
) -> Result<PushResult, AppError> {
    if request.changes.len() > MAX_BATCH {
        return Err(AppError::validation(format!(
            "Send at most {MAX_BATCH} changes at a time"
        )));
    }
    let now = db.clock().now();
    let window = chrono::Duration::minutes(PUSH_WINDOW_MINUTES);
    let key = crate::rate::key(&format!("sync:{}", caller.person_id));
    let (pushes, window_start) = crate::rate::hit(db, &key, window, now).await?;
    if pushes > PUSH_LIMIT {
        let minutes = crate::rate::minutes_until(window_start + window, now);
        return Err(AppError::TooManyRequests(format!(
            "Too many changes were sent in a short time. They are safe on this device and will be sent again in {minutes} minutes or less"
        )));
    }
    if request
        .changes
        .windows(2)
        .any(|w| w[1].mutation != w[0].mutation + 1)
    {
        return Err(AppError::validation(
            "Changes must be numbered one after another",
        ));
    }
    let client_id = &request.client_id;
    let mut tx = db.begin().await?;
    let last = clients::bind(db.clock(), &mut tx, caller, client_id).await?;
    // consecutive numbers: the retried ones (applied before) come first, then the new ones
    let split = request.changes.partition_point(|c| c.mutation <= last);
    let (retried, new) = request.changes.split_at(split);
    if let Some(first_new) = new.first() {
        if first_new.mutation != last + 1 {
            return Err(AppError::Conflict(format!(
                "Change {} was sent before change {}; send from change {}",
                first_new.mutation,
                last + 1,
                last + 1
            )));
        }
    }
    let mut outcomes = replay(&mut tx, client_id, retried).await?;
    let items = current(&mut tx, new).await?;
    let waiting = waiting_copies(&mut tx, caller, new).await?;
    let Plan {
        outcomes: decided,
        writes,
        copies,
    } = plan(caller, new, items, waiting, today)?;
    if let Some(newest) = new.last() {
        conflicts::keep_all(db.clock(), &mut tx, caller, client_id, &copies, ip).await?;
        remember(db.clock(), &mut tx, client_id, new, &decided).await?;
        clients::set_last(&mut tx, client_id, newest.mutation).await?;
        // last: the change feed's counter stays locked until commit
        write::write_all(db.clock(), &mut tx, caller, &writes, ip).await?;
    }
    tx.commit().await?;
    outcomes.extend(decided);
    Ok(PushResult {
        // what this answer covers, not the device's newest number: a late answer to an
        // older request must not let the device drop later changes it lists no outcome for
        last_mutation: request.changes.last().map_or(last, |c| c.mutation),
        results: request
            .changes
            .iter()
            .zip(outcomes)
            .map(|(change, outcome)| ChangeResult {
                mutation: change.mutation,
                id: change.id.clone(),
                outcome,
            })
            .collect(),
    })
}

/// An item as the server has it, as far as a change to it is concerned.
#[derive(Clone, Debug, PartialEq)]
pub struct Current {
    pub person_id: PersonId,
    pub created_by: PersonId,
    pub version: i64,
    /// Final on the server: changes from devices are rejected.
    pub locked: bool,
}

#[derive(sqlx::FromRow)]
struct StoredItem {
    id: EvidenceId,
    person_id: PersonId,
    created_by: PersonId,
    version: i64,
    status: String,
}

/// The items `changes` touch, as stored now, in one read.
async fn current(
    conn: &mut AnyConnection,
    changes: &[Change],
) -> Result<HashMap<EvidenceId, Current>, AppError> {
    let mut ids: Vec<&EvidenceId> = changes.iter().map(|c| &c.id).collect();
    ids.sort_unstable();
    ids.dedup();
    let mut found = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(batch::rows_per_statement(1)) {
        let sql = format!(
            "SELECT id, person_id, created_by, version, status FROM evidence WHERE id IN ({})",
            batch::list(chunk.len(), 1)
        );
        let mut query = sqlx::query_as::<_, StoredItem>(&sql);
        for id in chunk {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let current = Current {
                person_id: row.person_id,
                created_by: row.created_by,
                version: row.version,
                locked: row.status == "final",
            };
            found.insert(row.id, current);
        }
    }
    Ok(found)
}

/// The caller's unresolved conflict copies of the items `changes` touch, in one read.
async fn waiting_copies(
    conn: &mut AnyConnection,
    caller: &Caller,
    changes: &[Change],
) -> Result<Vec<conflicts::Waiting>, AppError> {
    let mut ids: Vec<&EvidenceId> = changes.iter().map(|c| &c.id).collect();
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    conflicts::waiting(conn, &caller.person_id, &ids).await
}

/// What a batch of new changes does: an answer per change, the evidence writes (each from
/// the version read) and the conflict copies to keep.
#[derive(Debug)]
pub struct Plan<'a> {
    pub outcomes: Vec<Outcome>,
    pub writes: Vec<Write>,
    pub copies: Vec<conflicts::Copy<'a>>,
}

/// Decides every new change in order (docs/sync.md, "Changes, versions and conflicts"),
/// against the items as read and as the earlier changes of the batch leave them. `waiting`
/// holds the unresolved conflict copies of those items: a stale change that repeats one of
/// them is answered with that copy, not kept twice (issue 20). `Err` (another person's item or
/// portfolio) refuses the whole push.
pub fn plan<'a>(
    caller: &Caller,
    changes: &'a [Change],
    mut items: HashMap<EvidenceId, Current>,
    waiting: Vec<conflicts::Waiting>,
    today: NaiveDate,
) -> Result<Plan<'a>, AppError> {
    let mut plan = Plan {
        outcomes: Vec::with_capacity(changes.len()),
        writes: Vec::new(),
        copies: Vec::new(),
    };
    for change in changes {
        let outcome = decide(caller, change, &mut items, &waiting, today, &mut plan)?;
        plan.outcomes.push(outcome);
    }
    Ok(plan)
}

fn decide<'a>(
    caller: &Caller,
    change: &'a Change,
    items: &mut HashMap<EvidenceId, Current>,
    waiting: &[conflicts::Waiting],
    today: NaiveDate,
    plan: &mut Plan<'a>,
) -> Result<Outcome, AppError> {
    let current = items.get(&change.id);
    if let Some(item) = current {
        if item.person_id != caller.person_id || item.created_by != caller.person_id {
            return Err(AppError::Forbidden);
        }
    }
    let locked = current.is_some_and(|c| c.locked);
    let server_version = current.map_or(0, |c| c.version);
    let exists = current.is_some();
    match &change.op {
        ChangeOp::Delete => {
            if !exists {
                return Ok(Outcome::Applied { version: 0 });
            }
            if locked {
                return Ok(rejected(LOCKED));
            }
            if server_version != change.base_version {
                return Ok(rejected(
                    "This evidence was changed on another device after it was deleted here, so it was not deleted. Open it to see the latest version",
                ));
            }
            items.remove(&change.id);
            plan.writes.push(Write::Delete {
                id: change.id.clone(),
                person_id: caller.person_id.clone(),
                from: server_version,
            });
            Ok(Outcome::Applied {
                version: server_version + 1,
            })
        }
        ChangeOp::Save(form) => {
            // a worker syncs their own portfolio only
            if form.person_id.trim() != caller.person_id.as_str() {
                return Err(AppError::Forbidden);
            }
            if form.id.trim() != change.id.as_str() {
                return Ok(rejected("This change's id does not match its evidence"));
            }
            let mut form = (**form).clone();
            form.version = match change.base_version {
                0 => String::new(),
                base => base.to_string(),
            };
            let valid = match validate(&form, today) {
                Ok(valid) => valid,
                Err(errors) => return Ok(rejected(&validation_message(&errors))),
            };
            // a copy keeps what validation read, no more: fields no kind has (of any size)
            // and padding around the codes would otherwise be stored as sent (issue 17 item 10)
            form.details.clone_from(&valid.details);
            form.previous_employer = if valid.previous_employer { "yes" } else { "" }.into();
            form.kind = form.kind.trim().to_owned();
            form.status = form.status.trim().to_owned();
            match store::check_author(caller, &valid, &[]) {
                Ok(()) => {}
                Err(AppError::Validation(reason)) => return Ok(rejected(&reason)),
                Err(other) => return Err(other),
            }
            if locked {
                return Ok(rejected(LOCKED));
            }
            if server_version != change.base_version {
                // the same change already waits as a copy (stored, or earlier in this batch)
                let stored = waiting
                    .iter()
                    .find(|copy| {
                        copy.evidence_id == change.id && conflicts::same_change(&copy.form, &form)
                    })
                    .map(|copy| copy.id.clone());
                let earlier = || {
                    plan.copies
                        .iter()
                        .find(|c| {
                            c.change.id == change.id && conflicts::same_change(&c.form, &form)
                        })
                        .map(|c| c.id.clone())
                };
                if let Some(conflict_id) = stored.or_else(earlier) {
                    return Ok(Outcome::Conflict {
                        conflict_id,
                        server_version,
                    });
                }
                let id = ConflictId::generate();
                plan.copies.push(conflicts::Copy {
                    id: id.clone(),
                    change,
                    form,
                    server_version,
                });
                return Ok(Outcome::Conflict {
                    conflict_id: id,
                    server_version,
                });
            }
            let version = server_version + 1;
            items.insert(
                change.id.clone(),
                Current {
                    person_id: caller.person_id.clone(),
                    created_by: caller.person_id.clone(),
                    version,
                    locked: valid.status == EvidenceStatus::Final,
                },
            );
            plan.writes.push(Write::Save {
                valid,
                from: server_version,
            });
            Ok(Outcome::Applied { version })
        }
    }
}

fn rejected(reason: &str) -> Outcome {
    Outcome::Rejected {
        reason: reason.to_owned(),
    }
}

/// Stores the answer to each new change (one statement), to replay to a retry.
async fn remember(
    clock: &Clock,
    conn: &mut AnyConnection,
    client_id: &ClientId,
    changes: &[Change],
    outcomes: &[Outcome],
) -> Result<(), AppError> {
    let at = stamp(clock.now());
    let rows = batch::rows_per_statement(5);
    for (changes, outcomes) in changes.chunks(rows).zip(outcomes.chunks(rows)) {
        let sql = format!(
            "INSERT INTO sync_mutations (client_id, mutation, evidence_id, outcome, applied_at)
             VALUES {}",
            batch::values(changes.len(), 5, 1)
        );
        let mut query = sqlx::query(&sql);
        for (change, outcome) in changes.iter().zip(outcomes) {
            let json = serde_json::to_string(outcome).map_err(|e| AppError::internal(&e))?;
            query = query
                .bind(client_id)
                .bind(change.mutation)
                .bind(&change.id)
                .bind(json)
                .bind(at.clone());
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The answers given when these (consecutive) mutations were first applied, in one read.
async fn replay(
    conn: &mut AnyConnection,
    client_id: &ClientId,
    changes: &[Change],
) -> Result<Vec<Outcome>, AppError> {
    let (Some(first), Some(last)) = (changes.first(), changes.last()) else {
        return Ok(Vec::new());
    };
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT mutation, outcome FROM sync_mutations
         WHERE client_id = $1 AND mutation >= $2 AND mutation <= $3 ORDER BY mutation",
    )
    .bind(client_id)
    .bind(first.mutation)
    .bind(last.mutation)
    .fetch_all(&mut *conn)
    .await?;
    if rows.len() != changes.len() {
        return Err(AppError::internal(&"an applied mutation has no outcome"));
    }
    rows.into_iter()
        .map(|(_, json)| serde_json::from_str(&json).map_err(|e| AppError::internal(&e)))
        .collect()
}
