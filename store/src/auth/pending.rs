//! A sign-in half-way (issue 17 item 6): the password was right and the two-step code is
//! still to come. A short-lived random cookie names the person (the table keeps its digest);
//! it grants nothing but the code page's one question.

use super::sessions::{digest, new_token};
use crate::clock::stamp;
use crate::db::Db;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;

/// How long the code may take after the password.
pub const LIFETIME_MINUTES: i64 = 5;

pub const EXPIRED: &str = "Your sign-in took too long or has already finished. Sign in again";

/// Records a half-way sign-in for `person`; answers the cookie's token.
pub async fn create(db: &Db, person: &PersonId, now: DateTime<Utc>) -> Result<String, AppError> {
    // nothing older than its lifetime is ever read again
    sqlx::query("DELETE FROM pending_sign_ins WHERE expires_at < $1")
        .bind(stamp(now))
        .execute(db.pool())
        .await?;
    let token = new_token();
    sqlx::query(
        "INSERT INTO pending_sign_ins (id_hash, person_id, created_at, expires_at)
         VALUES ($1, $2, $3, $4)",
    )
    .bind(digest(&token))
    .bind(person)
    .bind(stamp(now))
    .bind(stamp(now + Duration::minutes(LIFETIME_MINUTES)))
    .execute(db.pool())
    .await?;
    Ok(token)
}

/// Whose half-way sign-in `token` is, while it lasts.
pub async fn holder(
    db: &Db,
    token: &str,
    now: DateTime<Utc>,
) -> Result<Option<PersonId>, AppError> {
    let row: Option<(PersonId,)> = sqlx::query_as(
        "SELECT person_id FROM pending_sign_ins WHERE id_hash = $1 AND expires_at > $2",
    )
    .bind(digest(token))
    .bind(stamp(now))
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(person,)| person))
}

/// Ends a half-way sign-in (finished, or replaced). True when it was still there, so two
/// requests racing with the same cookie cannot both finish it.
pub async fn end(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    token: &str,
) -> Result<bool, AppError> {
    let ended = sqlx::query("DELETE FROM pending_sign_ins WHERE id_hash = $1")
        .bind(digest(token))
        .execute(&mut **tx)
        .await?;
    Ok(ended.rows_affected() == 1)
}
