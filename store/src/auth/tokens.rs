//! One-time, expiring set-password links. An administrator creates one for a new account
//! (or a forgotten password); the link carries a random token, the database only its
//! digest. Using it sets the password, spends the token and ends the person's sessions.

use super::password;
use super::sessions::{digest, end_all_for, new_token};
use crate::clock::{parse, stamp};
use crate::db::Db;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;
use sqlx::{Any, Transaction};

/// How long a set-password link works.
pub const LINK_LIFETIME_HOURS: i64 = 72;

pub const EXPIRED_MESSAGE: &str =
    "This link has expired or has already been used. Ask your administrator for a new one.";

/// An administrator's new link for an active member of staff, with its audit entry, in one
/// transaction: answers the link's path.
pub async fn issue_link(
    db: &Db,
    admin: &crate::auth::Caller,
    person_id: &PersonId,
    ip: &str,
) -> Result<String, AppError> {
    use crate::audit::{self, action, Event};
    let now = db.clock().now();
    let mut tx = db.begin().await?;
    crate::people::ensure_active(&mut tx, person_id).await?;
    let token = create(&mut tx, person_id, Some(&admin.person_id), now).await?;
    audit::record(
        db.clock(),
        &mut *tx,
        Event {
            actor_id: Some(&admin.person_id),
            action: action::SET_PASSWORD_LINK_CREATED,
            record_type: "person",
            record_id: person_id,
            ip,
            ..Event::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(format!("/set-password#{token}"))
}

/// Creates a link token for `person_id`, spending any earlier unused ones. `created_by`:
/// the administrator, or none for the first administrator made from the command line.
pub async fn create(
    tx: &mut Transaction<'static, Any>,
    person_id: &PersonId,
    created_by: Option<&PersonId>,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    spend_outstanding(tx, person_id, now).await?;
    let token = new_token();
    sqlx::query(
        "INSERT INTO set_password_tokens (token_hash, person_id, created_by, created_at, expires_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(digest(&token))
    .bind(person_id)
    .bind(created_by)
    .bind(stamp(now))
    .bind(stamp(now + Duration::hours(LINK_LIFETIME_HOURS)))
    .execute(&mut **tx)
    .await?;
    Ok(token)
}

/// A link as stored: whose it is, when it stops working, whether it was used.
#[derive(sqlx::FromRow)]
struct LinkRow {
    person_id: PersonId,
    expires_at: String,
    used_at: Option<String>,
}

/// Sets the password through a link; returns the person whose password it was. The link is
/// looked up first: a made-up or spent token costs no password hashing (issue 17 item 2).
pub async fn redeem(
    db: &Db,
    token: &str,
    new_password: String,
    now: DateTime<Utc>,
) -> Result<PersonId, AppError> {
    let row: Option<LinkRow> = sqlx::query_as(
        "SELECT t.person_id, t.expires_at, t.used_at FROM set_password_tokens t
         JOIN people p ON p.id = t.person_id
         WHERE t.token_hash = $1 AND p.active = 1",
    )
    .bind(digest(token))
    .fetch_optional(db.pool())
    .await?;
    let person_id = match row {
        Some(LinkRow {
            person_id,
            expires_at,
            used_at: None,
        }) if parse(&expires_at).is_some_and(|expires| now < expires) => person_id,
        _ => return Err(AppError::validation(EXPIRED_MESSAGE)),
    };
    password::check_policy(&new_password)?;
    let hash = password::hash(new_password).await?;
    let mut tx = db.begin().await?;
    // spend the token; the guard on used_at makes a concurrent second use fail
    let spent = sqlx::query(
        "UPDATE set_password_tokens SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL",
    )
    .bind(stamp(now))
    .bind(digest(token))
    .execute(&mut *tx)
    .await?;
    if spent.rows_affected() != 1 {
        return Err(AppError::validation(EXPIRED_MESSAGE));
    }
    store_hash(&mut tx, &person_id, &hash, now).await?;
    end_all_for(&mut tx, &person_id, now).await?;
    tx.commit().await?;
    Ok(person_id)
}

/// Spends every unused link of `person_id`: a new link replaces them, and a new password
/// (through a link or changed by the person) makes them pointless, so a link forgotten in
/// an inbox cannot set the password later (issue 17 item 8).
async fn spend_outstanding(
    tx: &mut Transaction<'static, Any>,
    person_id: &PersonId,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE set_password_tokens SET used_at = $1 WHERE person_id = $2 AND used_at IS NULL",
    )
    .bind(stamp(now))
    .bind(person_id)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Saves a password hash for a person (insert or replace), spending their unused links.
pub async fn store_hash(
    tx: &mut Transaction<'static, Any>,
    person_id: &PersonId,
    hash: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query(
        "INSERT INTO credentials (person_id, password_hash, updated_at) VALUES ($1, $2, $3)
         ON CONFLICT (person_id) DO UPDATE SET password_hash = excluded.password_hash, updated_at = excluded.updated_at",
    )
    .bind(person_id)
    .bind(hash)
    .bind(stamp(now))
    .execute(&mut **tx)
    .await?;
    spend_outstanding(tx, person_id, now).await
}
