//! The change feed: every write to `evidence` appends a row numbered from the one-row
//! `sync_cursor` counter, bumped in the writing transaction. The counter's row lock makes
//! cursor order commit order on PostgreSQL (SQLite has one writer anyway), so a pull that
//! has seen cursor N has seen every change numbered up to N.

use crate::error::AppError;
use crate::server::clock::{now, stamp};
use sqlx::AnyConnection;

/// Appends one change (a tombstone when `deleted`) under the next cursor value.
pub async fn record(
    conn: &mut AnyConnection,
    evidence_id: &str,
    person_id: &str,
    version: i64,
    deleted: bool,
) -> Result<(), AppError> {
    let seq = next(conn).await?;
    sqlx::query(
        "INSERT INTO evidence_changes (seq, evidence_id, person_id, version, deleted, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(seq)
    .bind(evidence_id)
    .bind(person_id)
    .bind(version)
    .bind(i64::from(deleted))
    .bind(stamp(now()))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

async fn next(conn: &mut AnyConnection) -> Result<i64, AppError> {
    let (seq,): (i64,) =
        sqlx::query_as("UPDATE sync_cursor SET value = value + 1 WHERE id = 1 RETURNING value")
            .fetch_one(&mut *conn)
            .await?;
    Ok(seq)
}

/// The cursor now (every change up to it has committed).
pub async fn current(conn: &mut AnyConnection) -> Result<i64, AppError> {
    let (value,): (i64,) = sqlx::query_as("SELECT value FROM sync_cursor WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    Ok(value)
}
