//! The server's half of drafts encrypted at rest (issues 7 and 17, docs/security.md).
//!
//! - One random 256-bit unlock key per person, released only to that person's live session.
//!   It is rotated: a new version whenever sessions are ended in bulk (a password change, "sign
//!   out everywhere else", an administrator's ending, a forgotten device) and when the newest is
//!   older than `ROTATE_AFTER_DAYS`. Older versions are kept, so a device that was away can still
//!   open what it wrapped and wrap it again with the newest: no draft is stranded by a rotation.
//! - Setting a device up for offline drafting (only when the person asks) issues a per-device
//!   pepper, mixed into the password wrapping on the device, so a copied `localStorage` alone
//!   cannot be attacked offline. The server keeps no copy of it; the device list shows which
//!   devices were set up, and forgetting one ends its offline unlocking the next time it is
//!   online.
//!
//! No key or pepper is ever logged.

use crate::auth::sessions::digest;
use crate::auth::Caller;
use crate::clock::stamp;
use crate::db::Db;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;
use pathway_core::identity::UnlockKeys;
use pathway_core::ids::PersonId;
use sqlx::{Any, Transaction};

/// The newest unlock key is replaced when it is older than this.
pub const ROTATE_AFTER_DAYS: i64 = 90;

fn random_base64() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    STANDARD.encode(bytes)
}

/// The person's newest key version, if they have one.
async fn newest(db: &Db, person: &PersonId) -> Result<Option<(i64, String, String)>, AppError> {
    Ok(sqlx::query_as(
        "SELECT version, unlock_key, created_at FROM unlock_keys
         WHERE person_id = $1 ORDER BY version DESC LIMIT 1",
    )
    .bind(person)
    .fetch_optional(db.pool())
    .await?)
}

/// Adds version `version` for `person`. Two requests racing to add the same version both
/// succeed: the second inserts nothing and both then read the one stored key.
async fn add_version(
    db: &Db,
    person: &PersonId,
    version: i64,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO unlock_keys (person_id, version, unlock_key, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (person_id, version) DO NOTHING",
    )
    .bind(person)
    .bind(version)
    .bind(random_base64())
    .bind(stamp(now))
    .execute(db.pool())
    .await?;
    Ok(())
}

/// The caller's newest unlock key (made if this is the first request, replaced if it is too
/// old), the older version `have` when the device asks for the one it wrapped with, and
/// whether the device the request came from is set up for offline drafting.
pub async fn unlock_keys(
    db: &Db,
    caller: &Caller,
    have: Option<i64>,
    device_token: Option<&str>,
) -> Result<UnlockKeys, AppError> {
    let person = &caller.person_id;
    let now = db.clock().now();
    let stale = |created: &str| {
        DateTime::parse_from_rfc3339(created)
            .map(|at| now - at.with_timezone(&Utc) > Duration::days(ROTATE_AFTER_DAYS))
            .unwrap_or(false)
    };
    match newest(db, person).await? {
        None => add_version(db, person, 1, now).await?,
        Some((version, _, created)) if stale(&created) => {
            add_version(db, person, version + 1, now).await?
        }
        Some(_) => {}
    }
    let (version, key, _) = newest(db, person).await?.ok_or(AppError::NotFound)?;
    let held = match have.filter(|asked| *asked != version) {
        Some(asked) => sqlx::query_as::<_, (String,)>(
            "SELECT unlock_key FROM unlock_keys WHERE person_id = $1 AND version = $2",
        )
        .bind(person)
        .bind(asked)
        .fetch_optional(db.pool())
        .await?
        .map(|(key,)| key),
        None => None,
    };
    let offline = match device_token {
        Some(token) => {
            sqlx::query_as::<_, (i64,)>(
                "SELECT COUNT(*) FROM known_devices
             WHERE id_hash = $1 AND person_id = $2 AND offline_since IS NOT NULL",
            )
            .bind(digest(token))
            .bind(person)
            .fetch_one(db.pool())
            .await?
            .0 > 0
        }
        None => false,
    };
    Ok(UnlockKeys {
        version,
        key,
        held,
        offline,
    })
}

/// A new newest version, in the transaction that ends the sessions it answers: whatever
/// held the old key (a stolen session, a copied device) cannot open what devices wrap next.
pub async fn rotate(
    tx: &mut Transaction<'static, Any>,
    person: &PersonId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let (newest,): (Option<i64>,) =
        sqlx::query_as("SELECT MAX(version) FROM unlock_keys WHERE person_id = $1")
            .bind(person)
            .fetch_one(&mut **tx)
            .await?;
    // a person who never had a key gets one at their first request
    let Some(newest) = newest else {
        return Ok(());
    };
    sqlx::query(
        "INSERT INTO unlock_keys (person_id, version, unlock_key, created_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (person_id, version) DO NOTHING",
    )
    .bind(person)
    .bind(newest + 1)
    .bind(random_base64())
    .bind(stamp(now))
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// The person asked to use this device offline: marks their known device (the browser they
/// signed in on) as set up and answers a new pepper for it. Refused when the request carries
/// no known-device mark of theirs (it is set at every sign-in).
pub async fn set_up_offline(
    db: &Db,
    caller: &Caller,
    device_token: Option<&str>,
) -> Result<String, AppError> {
    let token = device_token.ok_or(AppError::NotFound)?;
    let done = sqlx::query(
        "UPDATE known_devices SET offline_since = $1 WHERE id_hash = $2 AND person_id = $3",
    )
    .bind(stamp(db.clock().now()))
    .bind(digest(token))
    .bind(&caller.person_id)
    .execute(db.pool())
    .await?;
    if done.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    Ok(random_base64())
}
