//! The change feed: every write to `evidence` appends a row numbered from the one-row
//! `sync_cursor` counter, bumped in the writing transaction. The counter's row lock makes
//! cursor order commit order on PostgreSQL (SQLite has one writer anyway), so a pull that
//! has seen cursor N has seen every change numbered up to N.

use crate::clock::{stamp, Clock};
use crate::db::batch;
use pathway_core::error::AppError;
use pathway_core::ids::{EvidenceId, PersonId};
use sqlx::AnyConnection;

/// One write to one item; `deleted` makes it a tombstone.
#[derive(Clone, Debug)]
pub struct Entry<'a> {
    pub evidence_id: &'a EvidenceId,
    pub person_id: &'a PersonId,
    pub version: i64,
    pub deleted: bool,
}

/// Appends `entries`, in order, under the next cursor values: the counter is bumped once by
/// their number (`value + n`) and the entries take the numbers up to the new value. Call it
/// late in the transaction: the counter stays locked until commit.
pub async fn record_all(
    clock: &Clock,
    conn: &mut AnyConnection,
    entries: &[Entry<'_>],
) -> Result<(), AppError> {
    if entries.is_empty() {
        return Ok(());
    }
    let n = i64::try_from(entries.len()).map_err(|e| AppError::internal(&e))?;
    let (last,): (i64,) =
        sqlx::query_as("UPDATE sync_cursor SET value = value + $1 WHERE id = 1 RETURNING value")
            .bind(n)
            .fetch_one(&mut *conn)
            .await?;
    let at = stamp(clock.now());
    let mut seq = last - n;
    for chunk in entries.chunks(batch::rows_per_statement(6)) {
        let sql = format!(
            "INSERT INTO evidence_changes (seq, evidence_id, person_id, version, deleted, changed_at)
             VALUES {}",
            batch::values(chunk.len(), 6, 1)
        );
        let mut query = sqlx::query(&sql);
        for entry in chunk {
            seq += 1;
            query = query
                .bind(seq)
                .bind(entry.evidence_id)
                .bind(entry.person_id)
                .bind(entry.version)
                .bind(i64::from(entry.deleted))
                .bind(at.clone());
        }
        query.execute(&mut *conn).await?;
    }
    Ok(())
}

/// The cursor now (every change up to it has committed).
pub async fn current(conn: &mut AnyConnection) -> Result<i64, AppError> {
    let (value,): (i64,) = sqlx::query_as("SELECT value FROM sync_cursor WHERE id = 1")
        .fetch_one(&mut *conn)
        .await?;
    Ok(value)
}
