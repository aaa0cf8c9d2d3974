//! Conflict copies: a change made from an older version than the server's is kept here,
//! whole, beside the newer text. Never deleted; resolving one (keep mine / keep theirs /
//! merged text) records the choice and, for mine or merged, saves through the store.

use crate::api::portfolio::validation_message;
use crate::error::AppError;
use crate::portfolio::views::Saved;
use crate::portfolio::{validate, EvidenceForm};
use crate::server::audit::{self, Event};
use crate::server::auth::Caller;
use crate::server::clock::{now, stamp};
use crate::server::db::{batch, Db};
use crate::server::portfolio::store;
use crate::sync::{Change, ConflictView, Resolution};
use chrono::NaiveDate;
use sqlx::AnyConnection;

pub const CONFLICT_KEPT: &str = "evidence_conflict_kept";
pub const CONFLICT_RESOLVED: &str = "evidence_conflict_resolved";

/// A change kept as a conflict copy: `form` is what the device sent, made from
/// `change.base_version` while the server was at `server_version`.
#[derive(Clone, Debug)]
pub struct Copy<'a> {
    pub id: String,
    pub change: &'a Change,
    pub form: EvidenceForm,
    pub server_version: i64,
}

/// Stores conflict copies (one statement for a push's batch), each with its audit entry.
pub async fn keep_all(
    conn: &mut AnyConnection,
    caller: &Caller,
    client_id: &str,
    copies: &[Copy<'_>],
    ip: &str,
) -> Result<(), AppError> {
    if copies.is_empty() {
        return Ok(());
    }
    let at = stamp(now());
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
    audit::record_all(conn, &events).await
}

type ConflictRow = (String, String, i64, i64, String, String, Option<String>);

const SELECT: &str = "SELECT id, evidence_id, base_version, server_version, form, created_at,
    resolution FROM evidence_conflicts";

async fn view(db: &Db, row: ConflictRow) -> Result<ConflictView, AppError> {
    let (id, evidence_id, base_version, server_version, form, created_at, resolution) = row;
    let mine = serde_json::from_str(&form).map_err(|e| AppError::internal(&e))?;
    let theirs = store::load(db, &evidence_id).await?.map(|r| r.to_form());
    Ok(ConflictView {
        id,
        evidence_id,
        base_version,
        server_version,
        mine,
        theirs,
        created_at,
        resolution,
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
        views.push(view(db, row).await?);
    }
    Ok(views)
}

pub async fn unresolved(conn: &mut AnyConnection, person_id: &str) -> Result<i64, AppError> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM evidence_conflicts WHERE person_id = $1 AND resolved_at IS NULL",
    )
    .bind(person_id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(n)
}

/// `resolve` for the signed-in caller's request: dated today in UK time, with the request's
/// address in the audit log (both server functions that resolve go through here).
pub async fn resolve_now(
    db: &Db,
    caller: &Caller,
    conflict_id: &str,
    seen_version: i64,
    resolution: &Resolution,
) -> Result<Option<Saved>, AppError> {
    let ip = crate::server::auth::request_meta().ip;
    let today = crate::server::portfolio::today();
    resolve(
        db,
        caller,
        conflict_id,
        seen_version,
        resolution,
        today,
        &ip,
    )
    .await
}

/// Resolves one of the caller's conflict copies. `seen_version` is the server version the
/// worker was shown as "theirs" (0 when deleted): if it moved on since, nothing is written
/// (`Conflict`), so a choice never overwrites text the worker has not seen.
pub async fn resolve(
    db: &Db,
    caller: &Caller,
    conflict_id: &str,
    seen_version: i64,
    resolution: &Resolution,
    today: NaiveDate,
    ip: &str,
) -> Result<Option<Saved>, AppError> {
    let mut tx = db.begin().await?;
    let row: Option<(String, String, Option<String>)> = sqlx::query_as(
        "SELECT evidence_id, form, resolved_at FROM evidence_conflicts
         WHERE id = $1 AND person_id = $2",
    )
    .bind(conflict_id)
    .bind(&caller.person_id)
    .fetch_optional(&mut *tx)
    .await?;
    let (evidence_id, mine, resolved_at) = row.ok_or(AppError::Forbidden)?;
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
            store::check_author(caller, &valid, false)?;
            Some(store::save_in(&mut tx, caller, &valid, ip).await?)
        }
    };
    let label = match resolution {
        Resolution::KeepMine => "mine",
        Resolution::KeepTheirs => "theirs",
        Resolution::Merged(_) => "merged",
    };
    sqlx::query("UPDATE evidence_conflicts SET resolved_at = $1, resolution = $2 WHERE id = $3")
        .bind(stamp(now()))
        .bind(label)
        .bind(conflict_id)
        .execute(&mut *tx)
        .await?;
    audit::record(
        &mut *tx,
        Event {
            actor_id: Some(&caller.person_id),
            action: CONFLICT_RESOLVED,
            record_type: "evidence",
            record_id: &evidence_id,
            detail: format!("copy {conflict_id}: kept {label}"),
            ip,
        },
    )
    .await?;
    tx.commit().await?;
    Ok(saved)
}
