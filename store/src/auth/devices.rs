//! Browsers a person has signed in on (issue 17 item 2). A successful sign-in leaves a
//! long-lived random cookie; the database keeps only its digest, against the person. The
//! cookie grants nothing by itself: it only lets that person's sign-ins from that browser
//! count apart from everyone else's guesses at their account (`throttle`), so an attacker
//! can lock an account only for browsers its owner has never used.

use super::sessions::{digest, new_token};
use crate::clock::stamp;
use crate::db::Db;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;
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
        "INSERT INTO known_devices (id_hash, person_id, created_at, last_used_at)
         VALUES ($1, $2, $3, $3)",
    )
    .bind(digest(&token))
    .bind(person)
    .bind(stamp(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(token))
}
