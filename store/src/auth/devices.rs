//! Browsers a person has signed in on (issue 17 item 2). A successful sign-in leaves a
//! long-lived random cookie; the database keeps only its digest, against the person. The
//! cookie grants nothing by itself: it only lets that person's sign-ins from that browser
//! count apart from everyone else's guesses at their account (`throttle`), so an attacker
//! can lock an account only for browsers its owner has never used.

use super::sessions::{digest, new_token};
use crate::audit::{self, action, Event};
use crate::clock::stamp;
use crate::db::Db;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;
use pathway_core::identity::DeviceView;
use pathway_core::ids::PersonId;

/// How long a browser stays known without a sign-in (also the cookie's lifetime; 400 days
/// is the longest a browser keeps a cookie).
pub const KNOWN_FOR_DAYS: i64 = 400;

/// The digest of `token` when it names a known device of `person`.
pub async fn known_device(
    db: &Db,
    token: Option<&str>,
    person: &PersonId,
) -> Result<Option<String>, AppError> {
    let Some(token) = token else {
        return Ok(None);
    };
    let id_hash = digest(token);
    let row: Option<(String,)> =
        sqlx::query_as("SELECT id_hash FROM known_devices WHERE id_hash = $1 AND person_id = $2")
            .bind(&id_hash)
            .bind(person)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(hash,)| hash))
}

/// After a successful sign-in: marks the known device used, or makes this browser a known
/// device of `person` and answers the new cookie token.
pub async fn remember(
    db: &Db,
    person: &PersonId,
    known: Option<&str>,
    user_agent: &str,
    now: DateTime<Utc>,
) -> Result<Option<String>, AppError> {
    if let Some(id_hash) = known {
        sqlx::query("UPDATE known_devices SET last_used_at = $1 WHERE id_hash = $2")
            .bind(stamp(now))
            .bind(id_hash)
            .execute(db.pool())
            .await?;
        return Ok(None);
    }
    let token = new_token();
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM known_devices WHERE last_used_at < $1")
        .bind(stamp(now - Duration::days(KNOWN_FOR_DAYS)))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO known_devices (id_hash, person_id, created_at, last_used_at, user_agent)
         VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(digest(&token))
    .bind(person)
    .bind(stamp(now))
    .bind(user_agent)
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(token))
}

#[derive(sqlx::FromRow)]
struct Row {
    id_hash: String,
    created_at: String,
    last_used_at: String,
    user_agent: String,
    offline_since: Option<String>,
}

/// `person`'s known devices, most recently used first; `current_token` marks this browser.
pub async fn list(
    db: &Db,
    person: &PersonId,
    current_token: Option<&str>,
) -> Result<Vec<DeviceView>, AppError> {
    let current = current_token.map(digest);
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT id_hash, created_at, last_used_at, user_agent, offline_since FROM known_devices
         WHERE person_id = $1 ORDER BY last_used_at DESC, created_at DESC",
    )
    .bind(person)
    .fetch_all(db.pool())
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| DeviceView {
            id: super::sessions::handle(&row.id_hash),
            current: current.as_deref() == Some(row.id_hash.as_str()),
            first_used: row.created_at,
            last_sign_in: row.last_used_at,
            browser: row.user_agent,
            offline_since: row.offline_since,
        })
        .collect())
}

/// Forgets one of `person`'s devices (a lost tablet, a shared computer): its sign-ins count
/// with everyone else's again, it is no longer set up for offline drafting (it drops its
/// password unlocking the next time it is online), and the unlock key is rotated so what it
/// holds is not what devices wrap with from now on. Another person's handle is not found.
pub async fn forget(db: &Db, person: &PersonId, id: &str, ip: &str) -> Result<(), AppError> {
    let rows: Vec<(String,)> =
        sqlx::query_as("SELECT id_hash FROM known_devices WHERE person_id = $1")
            .bind(person)
            .fetch_all(db.pool())
            .await?;
    let Some(id_hash) = super::sessions::find_by_handle(rows, id) else {
        return Err(AppError::NotFound);
    };
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM known_devices WHERE id_hash = $1 AND person_id = $2")
        .bind(&id_hash)
        .bind(person)
        .execute(&mut *tx)
        .await?;
    crate::vault::rotate(&mut tx, person, db.clock().now()).await?;
    let event = Event::person(person, action::DEVICE_FORGOTTEN, person, ip);
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}
