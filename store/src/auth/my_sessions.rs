//! A person's own sessions (issue 17 item 7): what is signed in as them, where and when,
//! and ending any of them: one ("that's not me"), every other ("sign out everywhere else"),
//! or, by an administrator, all of them. A session is named outside the server by a digest
//! of its stored digest, so the page never carries anything that could be used as a cookie.

use super::sessions::digest;
use crate::audit::{self, action, Event};
use crate::clock::stamp;
use crate::db::Db;
use chrono::{DateTime, Utc};
use pathway_core::error::AppError;
use pathway_core::identity::SessionView;
use pathway_core::ids::PersonId;

#[derive(sqlx::FromRow)]
struct Row {
    id_hash: String,
    created_at: String,
    last_seen_at: String,
    ip: String,
    user_agent: String,
}

/// `person`'s sessions that can still be used, newest use first; `current_token` marks the
/// one the request came with.
pub async fn list(
    db: &Db,
    person: &PersonId,
    current_token: Option<&str>,
    now: DateTime<Utc>,
) -> Result<Vec<SessionView>, AppError> {
    let current = current_token.map(digest);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id_hash, created_at, last_seen_at, ip, user_agent FROM sessions
         WHERE person_id = $1 AND expires_at > $2 ORDER BY last_seen_at DESC, created_at DESC",
    )
    .bind(person)
    .bind(stamp(now))
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| SessionView {
            id: super::sessions::handle(&row.id_hash),
            current: current.as_deref() == Some(row.id_hash.as_str()),
            started: row.created_at,
            last_used: row.last_seen_at,
            ip: row.ip,
            browser: row.user_agent,
        })
        .collect())
}

/// Ends one of `person`'s own sessions by its handle. Another person's handle (or one that
/// names nothing) ends nothing and is refused as not found.
pub async fn end_one(db: &Db, person: &PersonId, id: &str, ip: &str) -> Result<(), AppError> {
    let rows: Vec<(String,)> = sqlx::query_as("SELECT id_hash FROM sessions WHERE person_id = $1")
        .bind(person)
        .fetch_all(db.pool())
        .await?;
    let Some(id_hash) = super::sessions::find_by_handle(rows, id) else {
        return Err(AppError::NotFound);
    };
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1 AND person_id = $2")
        .bind(&id_hash)
        .bind(person)
        .execute(&mut *tx)
        .await?;
    let event = Event::person(person, action::SESSION_ENDED, person, ip).with_detail("one session");
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}

/// Ends every session of `person` but the one `current_token` names; answers how many.
pub async fn end_others(
    db: &Db,
    person: &PersonId,
    current_token: &str,
    ip: &str,
) -> Result<u64, AppError> {
    let mut tx = db.begin().await?;
    let ended = sqlx::query("DELETE FROM sessions WHERE person_id = $1 AND id_hash <> $2")
        .bind(person)
        .bind(digest(current_token))
        .execute(&mut *tx)
        .await?
        .rows_affected();
    crate::vault::rotate(&mut tx, person, db.clock().now()).await?;
    let event = Event::person(person, action::SESSION_ENDED, person, ip)
        .with_detail(format!("every other session ({ended})"));
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(ended)
}

/// An administrator ends every session of `person` at once (a lost laptop, a suspicion).
pub async fn end_all_by_admin(
    db: &Db,
    admin: &super::Caller,
    person: &PersonId,
    ip: &str,
) -> Result<u64, AppError> {
    let mut tx = db.begin().await?;
    crate::people::ensure_active(&mut tx, person).await?;
    let ended = super::sessions::end_all_for(&mut tx, person, db.clock().now()).await?;
    let event = Event::person(&admin.person_id, action::SESSION_ENDED, person, ip)
        .with_detail(format!("every session, by an administrator ({ended})"));
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(ended)
}
