//! Writing evidence rows: the one path every write takes (the online editor through
//! `store::save_in` and `store::delete_in`, a sync push for a whole batch). Each write is
//! checked against the version it was made from and comes with its audit entry and its
//! change-feed entry (`server::sync::feed`), in the caller's transaction.

use super::store::{conflict, EVIDENCE_CREATED, EVIDENCE_DELETED, EVIDENCE_UPDATED};
use crate::audit::{self, Event};
use crate::auth::Caller;
use crate::clock::{stamp, Clock};
use crate::db::batch;
use crate::sync::feed;
use pathway_core::domain::EvidenceStatus;
use pathway_core::error::AppError;
use pathway_core::ids::{EvidenceId, PersonId};
use pathway_core::portfolio::kinds::kind_code;
use pathway_core::portfolio::ValidEvidence;
use sqlx::AnyConnection;
use std::collections::BTreeMap;

/// One checked write to an evidence row, made from the version `from` its writer read
/// (0: the item is new). Who may write and whether the item is locked are the caller's
/// checks; [`write_all`] checks only that nobody wrote in between.
#[derive(Clone, Debug)]
pub enum Write {
    Save {
        valid: ValidEvidence,
        from: i64,
    },
    Delete {
        id: EvidenceId,
        person_id: PersonId,
        from: i64,
    },
}

impl Write {
    fn id(&self) -> &EvidenceId {
        match self {
            Write::Save { valid, .. } => &valid.id,
            Write::Delete { id, .. } => id,
        }
    }
}

/// Evidence columns written by a save, in bind order.
const COLUMNS: &str = "id, person_id, kind, status, title, evidence_date, body, details,
    from_previous_employer, word_count, cpd_allowance_centidays, created_by, created_at,
    updated_by, updated_at, version";

/// A save of a new item inserts; of an existing one, replaces its text only if it is still
/// at the version the save was made from (`version` is that plus one) and by its author.
const UPSERT: &str = "ON CONFLICT (id) DO UPDATE SET kind = excluded.kind,
    status = excluded.status, title = excluded.title, evidence_date = excluded.evidence_date,
    body = excluded.body, details = excluded.details,
    from_previous_employer = excluded.from_previous_employer, word_count = excluded.word_count,
    cpd_allowance_centidays = excluded.cpd_allowance_centidays,
    updated_by = excluded.updated_by, updated_at = excluded.updated_at, version = excluded.version
    WHERE evidence.version = excluded.version - 1 AND evidence.person_id = excluded.person_id
        AND evidence.created_by = excluded.created_by";

/// Writes evidence rows, each from the version it was read at, with their audit entries and
/// change-feed entries, in a few statements however many there are: the saves of distinct
/// items in one multi-row upsert, their deletes in one `DELETE`; a later write to an item
/// already written in this call goes in a following round. If any row moved on meanwhile
/// (another writer), `Conflict`: the caller's transaction must not commit.
pub async fn write_all(
    clock: &Clock,
    conn: &mut AnyConnection,
    caller: &Caller,
    writes: &[Write],
    ip: &str,
) -> Result<(), AppError> {
    let at = stamp(clock.now());
    let mut rounds: Vec<Vec<&Write>> = Vec::new();
    let mut seen: BTreeMap<&EvidenceId, usize> = BTreeMap::new();
    for write in writes {
        let round = seen.entry(write.id()).or_insert(0);
        if rounds.len() == *round {
            rounds.push(Vec::new());
        }
        rounds[*round].push(write);
        *round += 1;
    }
    for round in &rounds {
        let saves: Vec<(&ValidEvidence, i64)> = round
            .iter()
            .filter_map(|w| match w {
                Write::Save { valid, from } => Some((valid, *from)),
                Write::Delete { .. } => None,
            })
            .collect();
        upsert(conn, caller, &saves, &at).await?;
        let deletes: Vec<(&str, i64)> = round
            .iter()
            .filter_map(|w| match w {
                Write::Delete { id, from, .. } => Some((id.as_str(), *from)),
                Write::Save { .. } => None,
            })
            .collect();
        delete(conn, &deletes).await?;
    }
    // what changed, never the text
    let events: Vec<Event> = writes
        .iter()
        .map(|write| {
            let (action, detail) = match write {
                Write::Save { valid, from } => (
                    if *from == 0 {
                        EVIDENCE_CREATED
                    } else {
                        EVIDENCE_UPDATED
                    },
                    format!(
                        "{} ({}) for {}",
                        kind_code(valid.kind),
                        status_code(valid.status),
                        valid.person_id
                    ),
                ),
                Write::Delete { person_id, .. } => {
                    (EVIDENCE_DELETED, format!("deleted from {person_id}"))
                }
            };
            Event {
                actor_id: Some(&caller.person_id),
                action,
                record_type: "evidence",
                record_id: write.id(),
                detail,
                ip,
            }
        })
        .collect();
    audit::record_all(clock, &mut *conn, &events).await?;
    let entries: Vec<feed::Entry> = writes
        .iter()
        .map(|write| match write {
            Write::Save { valid, from } => feed::Entry {
                evidence_id: &valid.id,
                person_id: &valid.person_id,
                version: from + 1,
                deleted: false,
            },
            Write::Delete {
                id,
                person_id,
                from,
            } => feed::Entry {
                evidence_id: id,
                person_id,
                version: from + 1,
                deleted: true,
            },
        })
        .collect();
    feed::record_all(clock, conn, &entries).await
}

fn status_code(status: EvidenceStatus) -> &'static str {
    match status {
        EvidenceStatus::Final => "final",
        EvidenceStatus::Draft => "draft",
    }
}

/// Saves of distinct items, in as few statements as the bind limit allows.
async fn upsert(
    conn: &mut AnyConnection,
    caller: &Caller,
    saves: &[(&ValidEvidence, i64)],
    at: &str,
) -> Result<(), AppError> {
    for chunk in saves.chunks(batch::rows_per_statement(16)) {
        let sql = format!(
            "INSERT INTO evidence ({COLUMNS}) VALUES {} {UPSERT}",
            batch::values(chunk.len(), 16, 1)
        );
        let mut query = sqlx::query(&sql);
        for (valid, from) in chunk {
            let details =
                serde_json::to_string(&valid.details).map_err(|e| AppError::internal(&e))?;
            query = query
                .bind(&valid.id)
                .bind(&valid.person_id)
                .bind(kind_code(valid.kind))
                .bind(status_code(valid.status))
                .bind(&valid.title)
                .bind(valid.date.to_string())
                .bind(&valid.body)
                .bind(details)
                .bind(i64::from(valid.previous_employer))
                .bind(valid.word_count.map(i64::from))
                .bind(valid.cpd_centidays.map(|d| i64::from(d.0)))
                .bind(&caller.person_id)
                .bind(at)
                .bind(&caller.person_id)
                .bind(at)
                .bind(from + 1);
        }
        let written = query.execute(&mut *conn).await?.rows_affected();
        if written != chunk.len() as u64 {
            return Err(conflict());
        }
    }
    Ok(())
}

/// Deletes of distinct items, each only from its expected version.
async fn delete(conn: &mut AnyConnection, deletes: &[(&str, i64)]) -> Result<(), AppError> {
    for chunk in deletes.chunks(batch::rows_per_statement(2)) {
        let sql = format!(
            "DELETE FROM evidence WHERE {}",
            (0..chunk.len())
                .map(|i| format!("(id = ${} AND version = ${})", 2 * i + 1, 2 * i + 2))
                .collect::<Vec<_>>()
                .join(" OR ")
        );
        let mut query = sqlx::query(&sql);
        for (id, from) in chunk {
            query = query.bind(*id).bind(*from);
        }
        let deleted = query.execute(&mut *conn).await?.rows_affected();
        if deleted != chunk.len() as u64 {
            return Err(conflict());
        }
    }
    Ok(())
}
