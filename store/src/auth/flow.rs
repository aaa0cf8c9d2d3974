//! Sign-in, sign-out and change of password: the steps in order, each write one transaction
//! with its audit entry.

use super::{password, sessions, throttle, tokens, Caller, RequestMeta, SecuritySettings};
use crate::audit::{self, action, Event};
use crate::db::Db;
use chrono::{DateTime, Utc};
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;

/// An active person with this address, and their password hash if they have set one.
#[derive(sqlx::FromRow)]
struct Credential {
    id: PersonId,
    password_hash: Option<String>,
}

/// Shown for a wrong password and for an unknown email alike.
pub const WRONG_CREDENTIALS: &str = "Enter a correct email address and password";

/// Checks the password and starts a new session; returns the token for the cookie.
/// Any session the request already carried ends (the session id rotates at sign-in).
pub async fn sign_in(
    db: &Db,
    email: &str,
    password_text: String,
    meta: &RequestMeta,
    settings: SecuritySettings,
    now: DateTime<Utc>,
) -> Result<(String, Caller), AppError> {
    // Text that is no email address (empty, malformed, longer than any address) belongs to
    // nobody: refused before anything is counted or logged, so what was typed into the box
    // (perhaps a password, perhaps megabytes) is never stored (issue 17 item 4).
    let Ok(email) = pathway_core::email::Email::parse(email) else {
        return Err(AppError::validation(WRONG_CREDENTIALS));
    };
    let email = email.as_str().to_owned();
    if password_text.is_empty() {
        return Err(AppError::validation(WRONG_CREDENTIALS));
    }
    if let Err(refusal) = throttle::check(db, &email, &meta.ip, now).await {
        // whose account was asked for, by id; never the typed address
        let person: Option<(PersonId,)> =
            sqlx::query_as("SELECT id FROM people WHERE LOWER(email) = $1")
                .bind(&email)
                .fetch_optional(db.pool())
                .await?;
        audit::record(
            db.clock(),
            db.pool(),
            Event {
                action: action::SIGN_IN_THROTTLED,
                record_type: "person",
                record_id: person.as_ref().map_or("", |(id,)| id.as_str()),
                detail: if person.is_some() {
                    "too many failed sign-ins".into()
                } else {
                    "too many failed sign-ins, unknown email".into()
                },
                ip: &meta.ip,
                ..Event::default()
            },
        )
        .await?;
        return Err(refusal);
    }
    let row: Option<Credential> = sqlx::query_as(
        "SELECT p.id, c.password_hash FROM people p LEFT JOIN credentials c ON c.person_id = p.id
         WHERE LOWER(p.email) = $1 AND p.active = 1",
    )
    .bind(&email)
    .fetch_optional(db.pool())
    .await?;
    let (person_id, stored) = match row {
        Some(Credential { id, password_hash }) => (Some(id), password_hash),
        None => (None, None),
    };
    // Unknown email or no password yet: verify against a dummy hash, same cost.
    let matches = password::verify(password_text, stored).await?;
    let caller = match (&person_id, matches) {
        (Some(id), true) => super::load_caller(db, id).await?,
        _ => None,
    };
    let Some(caller) = caller else {
        throttle::record_failure(db, &email, &meta.ip, now).await?;
        audit::record(
            db.clock(),
            db.pool(),
            Event {
                actor_id: None,
                action: action::SIGN_IN_FAILED,
                record_type: "person",
                record_id: person_id.as_deref().unwrap_or(""),
                detail: if person_id.is_some() {
                    "wrong password".into()
                } else {
                    "unknown email".into()
                },
                ip: &meta.ip,
            },
        )
        .await?;
        return Err(AppError::validation(WRONG_CREDENTIALS));
    };
    let mut tx = db.begin().await?;
    if let Some(old) = &meta.session_token {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(sessions::digest(old))
            .execute(&mut *tx)
            .await?;
    }
    let token = start_session(db, &mut tx, &caller, meta, settings, action::SIGN_IN, now).await?;
    tx.commit().await?;
    throttle::clear_account(db, &email).await?;
    Ok((token, caller))
}

/// Ends the request's session, if any.
pub async fn sign_out(db: &Db, meta: &RequestMeta) -> Result<(), AppError> {
    let Some(token) = &meta.session_token else {
        return Ok(());
    };
    let person: Option<(PersonId,)> =
        sqlx::query_as("SELECT person_id FROM sessions WHERE id_hash = $1")
            .bind(sessions::digest(token))
            .fetch_optional(db.pool())
            .await?;
    sessions::end(db, token).await?;
    if let Some((person_id,)) = person {
        let event = Event::person(&person_id, action::SIGN_OUT, &person_id, &meta.ip);
        audit::record(db.clock(), db.pool(), event).await?;
    }
    Ok(())
}

/// Changes the caller's own password after checking the current one. Every other session
/// of theirs ends; this one is replaced by a fresh session (returned token).
pub async fn change_password(
    db: &Db,
    caller: &Caller,
    current: String,
    new_password: String,
    meta: &RequestMeta,
    settings: SecuritySettings,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let stored: Option<(String,)> =
        sqlx::query_as("SELECT password_hash FROM credentials WHERE person_id = $1")
            .bind(&caller.person_id)
            .fetch_optional(db.pool())
            .await?;
    if !password::verify(current, stored.map(|(hash,)| hash)).await? {
        return Err(AppError::field(
            "current",
            "Your current password is not correct",
        ));
    }
    password::check_policy(&new_password)?;
    let hash = password::hash(new_password).await?;
    let mut tx = db.begin().await?;
    tokens::store_hash(&mut tx, &caller.person_id, &hash, now).await?;
    sessions::end_all_for(&mut tx, &caller.person_id).await?;
    let token = start_session(
        db,
        &mut tx,
        caller,
        meta,
        settings,
        action::PASSWORD_CHANGED,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// A new session for `caller` with its audit entry (`why`: a sign-in or a password change),
/// in the caller's transaction: answers the token for the cookie.
async fn start_session(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    caller: &Caller,
    meta: &RequestMeta,
    settings: SecuritySettings,
    why: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = sessions::create(
        tx,
        &caller.person_id,
        &meta.ip,
        &meta.user_agent,
        settings,
        now,
    )
    .await?;
    let event = Event::person(&caller.person_id, why, &caller.person_id, &meta.ip);
    audit::record(db.clock(), &mut **tx, event).await?;
    Ok(token)
}
