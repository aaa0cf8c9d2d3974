//! Conflict copies: a change made from an older version than the server's is kept here,
//! whole, beside the newer text. Never deleted; resolving one (keep mine / keep theirs /
//! merged text) records the choice and, for mine or merged, saves through the store.
//!
//! Issue 20: copies of the same change (one edit queued twice, or sent from two tabs) are one
//! conflict: a push does not keep a second copy of a text already waiting for the same item,
//! and resolving a copy resolves its twins with it. "Keep mine" applies only to the version
//! the copy was made against: once the item has moved on, it becomes a new conflict copy
//! against the current version instead of an overwrite, so nobody's paragraph is lost.

use crate::audit::{self, Event};
use crate::auth::Caller;
use crate::clock::{stamp, Clock};
use crate::db::{batch, Db};
use crate::portfolio::store;
use chrono::NaiveDate;
use pathway_core::error::AppError;
use pathway_core::ids::{ClientId, ConflictId, EvidenceId, PersonId};
use pathway_core::portfolio::validation_message;
use pathway_core::portfolio::views::Saved;
use pathway_core::portfolio::{validate, EvidenceForm};
use pathway_core::sync::{Change, ConflictView, Resolution};
use sqlx::AnyConnection;

pub const CONFLICT_KEPT: &str = "evidence_conflict_kept";
pub const CONFLICT_RESOLVED: &str = "evidence_conflict_resolved";

/// A change kept as a conflict copy: `form` is what the device sent, made from
/// `change.base_version` while the server was at `server_version`.
#[derive(Clone, Debug)]
pub struct Copy<'a> {
    pub id: ConflictId,
    pub change: &'a Change,
    pub form: EvidenceForm,
    pub server_version: i64,
}

/// Stores conflict copies (one statement for a push's batch), each with its audit entry.
pub async fn keep_all(
    clock: &Clock,
    conn: &mut AnyConnection,
    caller: &Caller,
    client_id: &ClientId,
    copies: &[Copy<'_>],
    ip: &str,
) -> Result<(), AppError> {
    if copies.is_empty() {
        return Ok(());
    }
    let at = stamp(clock.now());
    for chunk in copies.chunks(batch::rows_per_statement(9)) {
        let sql = format!(
            "INSERT INTO evidence_conflicts (id, evidence_id, person_id, client_id, mutation,
                base_version, server_version, form, created_at)
             VALUES {}",
            batch::values(chunk.len(), 9, 1)
        );
        let mut query = sqlx::query(&sql);
        for copy in chunk {
            let json = serde_json::to_string(&copy.form).map_err(|e| AppError::internal(&e))?;
            query = query
                .bind(&copy.id)
                .bind(&copy.change.id)
                .bind(&caller.person_id)
                .bind(client_id)
                .bind(copy.change.mutation)
                .bind(copy.change.base_version)
                .bind(copy.server_version)
                .bind(json)
                .bind(at.clone());
        }
        query.execute(&mut *conn).await?;
    }
    let events: Vec<Event> = copies
        .iter()
        .map(|copy| Event {
            actor_id: Some(&caller.person_id),
            action: CONFLICT_KEPT,
            record_type: "evidence",
            record_id: &copy.change.id,
            detail: format!(
                "copy {} from version {} (server at {})",
                copy.id, copy.change.base_version, copy.server_version
            ),
            ip,
        })
        .collect();
    audit::record_all(clock, conn, &events).await
}

pub use pathway_core::sync::same_change;

/// An unresolved copy as a push compares it with an incoming change.
#[derive(Clone, Debug)]
pub struct Waiting {
    pub id: ConflictId,
    pub evidence_id: EvidenceId,
    pub form: EvidenceForm,
}

#[derive(sqlx::FromRow)]
struct WaitingRow {
    id: ConflictId,
    evidence_id: EvidenceId,
    form: String,
}

/// The caller's unresolved copies of `evidence_ids`, in one read: a push answers a change
/// already kept with that copy rather than keeping it twice.
pub async fn waiting(
    conn: &mut AnyConnection,
    person_id: &PersonId,
    evidence_ids: &[&EvidenceId],
) -> Result<Vec<Waiting>, AppError> {
    let mut found = Vec::new();
    for chunk in evidence_ids.chunks(batch::rows_per_statement(1).saturating_sub(1).max(1)) {
        let sql = format!(
            "SELECT id, evidence_id, form FROM evidence_conflicts
             WHERE person_id = $1 AND resolved_at IS NULL AND evidence_id IN ({})
             ORDER BY created_at, id",
            batch::list(chunk.len(), 2)
        );
        let mut query = sqlx::query_as::<_, WaitingRow>(&sql).bind(person_id);
        for id in chunk {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            found.push(Waiting {
                form: serde_json::from_str(&row.form).map_err(|e| AppError::internal(&e))?,
                id: row.id,
                evidence_id: row.evidence_id,
            });
        }
    }
    Ok(found)
}

/// A stored conflict copy as its owner lists it.
#[derive(sqlx::FromRow)]
struct ConflictRow {
    id: ConflictId,
    evidence_id: EvidenceId,
    base_version: i64,
    server_version: i64,
    form: String,
    created_at: String,
    resolution: Option<String>,
}

const SELECT: &str = "SELECT id, evidence_id, base_version, server_version, form, created_at,
    resolution FROM evidence_conflicts";

/// A copy of `owner`'s as they see it. "Theirs" is the item the copy's id names only while
/// that item is `owner`'s own: the id came from a device, and an item deleted and made again
/// under the same id by someone else must never show through a copy (issue 17 item 10).
async fn view(db: &Db, row: ConflictRow, owner: &PersonId) -> Result<ConflictView, AppError> {
    let mine = serde_json::from_str(&row.form).map_err(|e| AppError::internal(&e))?;
    let theirs = store::load(db, &row.evidence_id)
        .await?
        .filter(|record| record.person_id == *owner)
        .map(|r| r.to_form());
    Ok(ConflictView {
        id: row.id,
        evidence_id: row.evidence_id,
        base_version: row.base_version,
        server_version: row.server_version,
        mine,
        theirs,
        created_at: row.created_at,
        resolution: row.resolution,
    })
}

/// The caller's conflict copies, unresolved first, oldest first; resolved ones only with
/// `all`.
pub async fn list(db: &Db, caller: &Caller, all: bool) -> Result<Vec<ConflictView>, AppError> {
    let filter = if all { "" } else { " AND resolved_at IS NULL" };
    let rows: Vec<ConflictRow> = sqlx::query_as(&format!(
        "{SELECT} WHERE person_id = $1{filter} ORDER BY resolved_at IS NOT NULL, created_at, id"
    ))
    .bind(&caller.person_id)
    .fetch_all(db.pool())
    .await?;
    let mut views = Vec::with_capacity(rows.len());
    for row in rows {
        views.push(view(db, row, &caller.person_id).await?);
    }
    Ok(views)
}

pub async fn unresolved(conn: &mut AnyConnection, person_id: &PersonId) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM evidence_conflicts WHERE person_id = $1 AND resolved_at IS NULL",
    )
    .bind(person_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n)
}

/// One stored copy as a resolution reads it.
#[derive(sqlx::FromRow)]
struct CopyRow {
    evidence_id: EvidenceId,
    form: String,
    resolved_at: Option<String>,
    client_id: ClientId,
    mutation: i64,
    base_version: i64,
    server_version: i64,
}

/// What a resolution did.
#[derive(Clone, Debug, PartialEq)]
pub enum Resolved {
    /// Applied: the item as saved (mine or merged), `None` for "keep theirs".
    Done(Option<Saved>),
    /// "Keep mine" on an item that moved on after the copy was made: nothing was written over
    /// the newer text; the worker's version is kept again as copy `conflict_id` against the
    /// current version, to compare and choose again.
    Again {
        conflict_id: ConflictId,
        server_version: i64,
    },
}

/// The answer to "keep mine" on an item that moved on after the copy was made.
pub const KEPT_AGAIN: &str = "This evidence was changed on Pathway after your version was kept, so your version was not put back over the newer text. Both are kept: compare them again before choosing";

/// `resolve` for the signed-in caller's request: dated today in UK time, with the request's
/// address in the audit log (both server functions that resolve go through here). A choice
/// that became a new conflict is answered 409 (`KEPT_AGAIN`) after it is stored, so the page
/// loads the versions again.
pub async fn resolve_now(
    db: &Db,
    caller: &Caller,
    conflict_id: &ConflictId,
    seen_version: i64,
    resolution: &Resolution,
    ip: &str,
) -> Result<Option<Saved>, AppError> {
    let today = db.clock().today();
    match resolve(db, caller, conflict_id, seen_version, resolution, today, ip).await? {
        Resolved::Done(saved) => Ok(saved),
        Resolved::Again { .. } => Err(AppError::Conflict(KEPT_AGAIN.into())),
    }
}

/// Resolves one of the caller's conflict copies, and with it every unresolved copy of the same
/// change to the same item (they are one conflict). `seen_version` is the server version the
/// worker was shown as "theirs" (0 when deleted): if it moved on since, nothing is written
/// (`Conflict`), so a choice never overwrites text the worker has not seen. "Keep mine"
/// writes only over the version the copy was made against (`Resolved::Again` otherwise).
pub async fn resolve(
    db: &Db,
    caller: &Caller,
    conflict_id: &ConflictId,
    seen_version: i64,
    resolution: &Resolution,
    today: NaiveDate,
    ip: &str,
) -> Result<Resolved, AppError> {
    let mut tx = db.begin().await?;
    let row: Option<CopyRow> = sqlx::query_as(
        "SELECT evidence_id, form, resolved_at, client_id, mutation, base_version, server_version
         FROM evidence_conflicts WHERE id = $1 AND person_id = $2",
    )
    .bind(conflict_id)
    .bind(&caller.person_id)
    .fetch_optional(&mut *tx)
    .await?;
    let CopyRow {
        evidence_id,
        form: mine,
        resolved_at,
        client_id,
        mutation,
        base_version,
        server_version: copy_version,
    } = row.ok_or(AppError::Forbidden)?;
    if resolved_at.is_some() {
        return Err(AppError::Conflict(
            "This conflict has already been resolved".into(),
        ));
    }
    let mine: EvidenceForm = serde_json::from_str(&mine).map_err(|e| AppError::internal(&e))?;
    let theirs = store::load(db, &evidence_id).await?;
    let current_version = theirs.as_ref().map_or(0, |r| r.version);
    if current_version != seen_version {
        return Err(AppError::Conflict(
            "This evidence changed again since you compared the versions. Look at them again before choosing".into(),
        ));
    }
    // the copy and its twins (the same change kept more than once before issue 20)
    let twins: Vec<ConflictId> = waiting(&mut tx, &caller.person_id, &[&evidence_id])
        .await?
        .into_iter()
        .filter(|copy| copy.id != *conflict_id && same_change(&copy.form, &mine))
        .map(|copy| copy.id)
        .collect();
    let copies: Vec<ConflictId> = std::iter::once(conflict_id.clone()).chain(twins).collect();
    let moved_on = current_version != copy_version;
    let (label, resolved) = if matches!(resolution, Resolution::KeepMine) && moved_on {
        let again = ConflictId::generate();
        // the copy is the same change as before (device, number, base), now against the
        // current version; `op` is not stored (the form is)
        let change = Change {
            mutation,
            id: evidence_id.clone(),
            base_version,
            op: pathway_core::sync::ChangeOp::Delete,
        };
        keep_all(
            db.clock(),
            &mut tx,
            caller,
            &client_id,
            &[Copy {
                id: again.clone(),
                change: &change,
                form: mine,
                server_version: current_version,
            }],
            ip,
        )
        .await?;
        let resolved = Resolved::Again {
            conflict_id: again,
            server_version: current_version,
        };
        ("moved on", resolved)
    } else {
        let form = match resolution {
            Resolution::KeepTheirs => None,
            Resolution::KeepMine => Some(mine),
            Resolution::Merged(text) => {
                let mut form = theirs.as_ref().map(|r| r.to_form()).unwrap_or(mine);
                form.body = text.clone();
                Some(form)
            }
        };
        let saved = match form {
            None => None,
            Some(mut form) => {
                form.version = match current_version {
                    0 => String::new(),
                    v => v.to_string(),
                };
                let valid = validate(&form, today)
                    .map_err(|errors| AppError::Validation(validation_message(&errors)))?;
                if valid.person_id != caller.person_id {
                    return Err(AppError::Forbidden);
                }
                store::check_author(caller, &valid, &[])?;
                Some(store::save_in(db.clock(), &mut tx, caller, &valid, ip).await?)
            }
        };
        let label = match resolution {
            Resolution::KeepMine => "mine",
            Resolution::KeepTheirs => "theirs",
            Resolution::Merged(_) => "merged",
        };
        (label, Resolved::Done(saved))
    };
    mark_resolved(
        db.clock(),
        &mut tx,
        caller,
        &evidence_id,
        &copies,
        label,
        ip,
    )
    .await?;
    tx.commit().await?;
    Ok(resolved)
}

/// Records the choice on `copies` (the copy chosen on and its twins) of `evidence_id`, each
/// with its audit entry.
async fn mark_resolved(
    clock: &Clock,
    conn: &mut AnyConnection,
    caller: &Caller,
    evidence_id: &EvidenceId,
    copies: &[ConflictId],
    label: &str,
    ip: &str,
) -> Result<(), AppError> {
    let at = stamp(clock.now());
    for id in copies {
        sqlx::query(
            "UPDATE evidence_conflicts SET resolved_at = $1, resolution = $2 WHERE id = $3",
        )
        .bind(at.clone())
        .bind(label)
        .bind(id)
        .execute(&mut *conn)
        .await?;
        let event = Event::by(
            &caller.person_id,
            CONFLICT_RESOLVED,
            "evidence",
            evidence_id,
            ip,
        )
        .with_detail(format!("copy {id}: kept {label}"));
        audit::record(clock, &mut *conn, event).await?;
    }
    Ok(())
}
