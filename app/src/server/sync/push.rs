//! Applying a device's changes: all in one transaction with the device's last mutation
//! number, so a batch is applied entirely or not at all and a retry is answered, not
//! re-applied. Per change: validation and locks reject (with a reason), an old base version
//! makes a conflict copy, anything else is saved through the portfolio store.

use super::{clients, conflicts, LOCKED};
use crate::api::portfolio::validation_message;
use crate::error::AppError;
use crate::portfolio::validate;
use crate::server::auth::Caller;
use crate::server::clock::{now, stamp};
use crate::server::db::Db;
use crate::server::portfolio::store;
use crate::sync::{Change, ChangeOp, ChangeResult, Outcome, PushRequest, PushResult};
use chrono::NaiveDate;
use sqlx::AnyConnection;

/// Most changes one push may carry.
pub const MAX_BATCH: usize = 500;

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
    if request
        .changes
        .windows(2)
        .any(|w| w[1].mutation != w[0].mutation + 1)
    {
        return Err(AppError::validation(
            "Changes must be numbered one after another",
        ));
    }
    let mut tx = db.begin().await?;
    let mut last = clients::bind(&mut tx, caller, &request.client_id).await?;
    if let Some(first_new) = request.changes.iter().find(|c| c.mutation > last) {
        if first_new.mutation != last + 1 {
            return Err(AppError::Conflict(format!(
                "Change {} was sent before change {}; send from change {}",
                first_new.mutation,
                last + 1,
                last + 1
            )));
        }
    }
    let mut results = Vec::with_capacity(request.changes.len());
    for change in &request.changes {
        let outcome = if change.mutation <= last {
            replay(&mut tx, &request.client_id, change.mutation).await?
        } else {
            let outcome = apply(&mut tx, caller, &request.client_id, change, today, ip).await?;
            remember(&mut tx, &request.client_id, change, &outcome).await?;
            last = change.mutation;
            outcome
        };
        results.push(ChangeResult {
            mutation: change.mutation,
            id: change.id.clone(),
            outcome,
        });
    }
    clients::set_last(&mut tx, &request.client_id, last).await?;
    tx.commit().await?;
    Ok(PushResult {
        last_mutation: last,
        results,
    })
}

/// One new change. `Err` (forbidden, database) aborts the whole push.
async fn apply(
    conn: &mut AnyConnection,
    caller: &Caller,
    client_id: &str,
    change: &Change,
    today: NaiveDate,
    ip: &str,
) -> Result<Outcome, AppError> {
    let current: Option<(String, String, i64, String)> =
        sqlx::query_as("SELECT person_id, created_by, version, status FROM evidence WHERE id = $1")
            .bind(&change.id)
            .fetch_optional(&mut *conn)
            .await?;
    if let Some((person_id, created_by, _, _)) = &current {
        if *person_id != caller.person_id || *created_by != caller.person_id {
            return Err(AppError::Forbidden);
        }
    }
    let locked = current.as_ref().is_some_and(|c| c.3 == "final");
    let server_version = current.as_ref().map_or(0, |c| c.2);
    match &change.op {
        ChangeOp::Delete => {
            if current.is_none() {
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
            store::delete_in(conn, caller, &change.id, server_version, ip).await?;
            Ok(Outcome::Applied {
                version: server_version + 1,
            })
        }
        ChangeOp::Save(form) => {
            // a worker syncs their own portfolio only
            if form.person_id.trim() != caller.person_id {
                return Err(AppError::Forbidden);
            }
            if form.id.trim() != change.id {
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
            match store::check_author(caller, &valid, false) {
                Ok(()) => {}
                Err(AppError::Validation(reason)) => return Ok(rejected(&reason)),
                Err(other) => return Err(other),
            }
            if locked {
                return Ok(rejected(LOCKED));
            }
            if server_version != change.base_version {
                let conflict_id =
                    conflicts::keep(conn, caller, client_id, change, &form, server_version, ip)
                        .await?;
                return Ok(Outcome::Conflict {
                    conflict_id,
                    server_version,
                });
            }
            let saved = store::save_in(conn, caller, &valid, ip).await?;
            Ok(Outcome::Applied {
                version: saved.version,
            })
        }
    }
}

fn rejected(reason: &str) -> Outcome {
    Outcome::Rejected {
        reason: reason.to_owned(),
    }
}

async fn remember(
    conn: &mut AnyConnection,
    client_id: &str,
    change: &Change,
    outcome: &Outcome,
) -> Result<(), AppError> {
    let json = serde_json::to_string(outcome).map_err(|e| AppError::internal(&e))?;
    sqlx::query(
        "INSERT INTO sync_mutations (client_id, mutation, evidence_id, outcome, applied_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(client_id)
    .bind(change.mutation)
    .bind(&change.id)
    .bind(json)
    .bind(stamp(now()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The answer given when this mutation was first applied.
async fn replay(
    conn: &mut AnyConnection,
    client_id: &str,
    mutation: i64,
) -> Result<Outcome, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT outcome FROM sync_mutations WHERE client_id = $1 AND mutation = $2")
            .bind(client_id)
            .bind(mutation)
            .fetch_optional(&mut *conn)
            .await?;
    let json = row.ok_or_else(|| AppError::internal(&"an applied mutation has no outcome"))?;
    serde_json::from_str(&json.0).map_err(|e| AppError::internal(&e))
}
