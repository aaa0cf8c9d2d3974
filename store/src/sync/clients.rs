//! Devices: a client id is bound to the person who first uses it and to no one else.

use crate::auth::Caller;
use crate::clock::{stamp, Clock};
use pathway_core::error::AppError;
use pathway_core::ids::{ClientId, PersonId};
use sqlx::AnyConnection;

/// Binds `client_id` to the caller on first use and locks its row for this transaction
/// (a concurrent push from the same device waits). Answers the last applied mutation.
/// Another person's client id is `Forbidden`.
pub async fn bind(
    clock: &Clock,
    conn: &mut AnyConnection,
    caller: &Caller,
    client_id: &ClientId,
) -> Result<i64, AppError> {
    if !pathway_core::ids::is_canonical_uuid(client_id) {
        return Err(AppError::validation(
            "The device id is not a UUID in lowercase with hyphens",
        ));
    }
    let at = stamp(clock.now());
    sqlx::query(
        "INSERT INTO sync_clients (client_id, person_id, last_mutation, created_at, last_seen_at)
         VALUES ($1, $2, 0, $3, $3) ON CONFLICT (client_id) DO NOTHING",
    )
    .bind(client_id)
    .bind(&caller.person_id)
    .bind(&at)
    .execute(&mut *conn)
    .await?;
    let (person_id, last): (PersonId, i64) = sqlx::query_as(
        "UPDATE sync_clients SET last_seen_at = $1 WHERE client_id = $2
         RETURNING person_id, last_mutation",
    )
    .bind(&at)
    .bind(client_id)
    .fetch_one(&mut *conn)
    .await?;
    if person_id != caller.person_id {
        return Err(AppError::Forbidden);
    }
    Ok(last)
}

pub async fn set_last(
    conn: &mut AnyConnection,
    client_id: &ClientId,
    last: i64,
) -> Result<(), AppError> {
    sqlx::query("UPDATE sync_clients SET last_mutation = $1 WHERE client_id = $2")
        .bind(last)
        .bind(client_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
