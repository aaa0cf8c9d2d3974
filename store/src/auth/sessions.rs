//! Sessions live in the database, so every server instance behind a load balancer sees the
//! same ones. The cookie carries 256 random bits; the table holds only their SHA-256, so a
//! leaked database copy cannot be replayed as a cookie.

use super::{load_caller, Caller, SecuritySettings};
use crate::clock::{parse, stamp};
use crate::db::Db;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;
use sha2::{Digest, Sha256};
use sqlx::{Any, Transaction};

/// A fresh unguessable token (32 random bytes, base64url).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    URL_SAFE_NO_PAD.encode(bytes)
}

/// How a stored digest (of a session or a known device) is named on a person's own page: a
/// digest of the digest, so the page never carries anything that could be used as a cookie.
pub fn handle(id_hash: &str) -> String {
    digest(id_hash)
}

/// The stored digest among `stored` that the page's `handle` names.
pub fn find_by_handle(stored: Vec<(String,)>, handle_text: &str) -> Option<String> {
    stored
        .into_iter()
        .map(|(hash,)| hash)
        .find(|hash| handle(hash) == handle_text)
}

/// What the database stores in place of a token.
pub fn digest(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// Whose session `token` is, without touching it (no idle-time refresh), live or not.
pub async fn holder(db: &Db, token: &str) -> Result<Option<PersonId>, AppError> {
    let row: Option<(PersonId,)> =
        sqlx::query_as("SELECT person_id FROM sessions WHERE id_hash = $1")
            .bind(digest(token))
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(person,)| person))
}

/// Starts a session for `person_id`; returns the token for the cookie.
pub async fn create(
    tx: &mut Transaction<'static, Any>,
    person_id: &PersonId,
    ip: &str,
    user_agent: &str,
    settings: SecuritySettings,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    // A session past its absolute end can never be used again, whoever's it was: keep no
    // record of it (the privacy notice promises this; it also keeps the table small).
    sqlx::query("DELETE FROM sessions WHERE expires_at < $1")
        .bind(stamp(now))
        .execute(&mut **tx)
        .await?;
    let token = new_token();
    sqlx::query(
        "INSERT INTO sessions (id_hash, person_id, created_at, last_seen_at, expires_at, ip, user_agent)
         VALUES ($1, $2, $3, $3, $4, $5, $6)",
    )
    .bind(digest(&token))
    .bind(person_id)
    .bind(stamp(now))
    .bind(stamp(now + settings.absolute_timeout))
    .bind(ip)
    .bind(user_agent)
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    person_id: PersonId,
    last_seen_at: String,
    expires_at: String,
}

/// The caller behind a session token, if the session is live and its person active.
/// An expired session (idle or absolute) is deleted on sight.
pub async fn resolve(
    db: &Db,
    token: &str,
    settings: SecuritySettings,
    now: DateTime<Utc>,
) -> Result<Option<Caller>, AppError> {
    let id_hash = digest(token);
    let row: Option<SessionRow> = sqlx::query_as(
        "SELECT person_id, last_seen_at, expires_at FROM sessions WHERE id_hash = $1",
    )
    .bind(&id_hash)
    .fetch_optional(db.pool())
    .await?;
    let Some(SessionRow {
        person_id,
        last_seen_at,
        expires_at,
    }) = row
    else {
        return Ok(None);
    };
    let last_seen = parse(&last_seen_at).unwrap_or(DateTime::<Utc>::MIN_UTC);
    let expires = parse(&expires_at).unwrap_or(DateTime::<Utc>::MIN_UTC);
    if now >= expires || now >= last_seen + settings.idle_timeout {
        end(db, token).await?;
        return Ok(None);
    }
    let Some(caller) = load_caller(db, &person_id).await? else {
        return Ok(None);
    };
    // Touch at most once a minute: fewer writes, still precise enough for a 30-minute limit.
    if now - last_seen >= Duration::minutes(1) {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(stamp(now))
            .bind(&id_hash)
            .execute(db.pool())
            .await?;
    }
    Ok(Some(caller))
}

/// Ends one session (sign-out, rotation at sign-in).
pub async fn end(db: &Db, token: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
        .bind(digest(token))
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Ends every session of a person (deactivation, password change elsewhere) and rotates
/// their unlock key in the same transaction (`vault::rotate`).
pub async fn end_all_for(
    tx: &mut Transaction<'static, Any>,
    person_id: &PersonId,
    now: DateTime<Utc>,
) -> Result<u64, AppError> {
    let done = sqlx::query("DELETE FROM sessions WHERE person_id = $1")
        .bind(person_id)
        .execute(&mut **tx)
        .await?;
    crate::vault::rotate(tx, person_id, now).await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_stored_only_as_digests() {
        let (a, b) = (new_token(), new_token());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_eq!(digest(&a).len(), 64);
        assert_ne!(digest(&a), a);
        assert_eq!(digest(&a), digest(&a));
    }
}
