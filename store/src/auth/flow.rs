//! Sign-in, sign-out and change of password: the steps in order, each write one transaction
//! with its audit entry.

use super::{
    devices, password, pending, sessions, throttle, tokens, two_step, Caller, RequestMeta,
    SecuritySettings,
};
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

/// What a successful sign-in hands the web layer: the session token for its cookie, the
/// person, and a new known-device token when this browser was not yet one of theirs.
pub struct SignedIn {
    pub token: String,
    pub caller: Caller,
    pub device_token: Option<String>,
}

/// Where a right password leads: signed in, or (two-step sign-in on) to the code page with
/// a half-way sign-in's token for its cookie.
pub enum SignInStep {
    Done(SignedIn),
    Code {
        pending_token: String,
    },
    /// The person's role needs two-step sign-in and they have not set it up: the set-up
    /// comes first, then the session.
    SetUp {
        pending_token: String,
    },
}

/// Checks the password and starts a new session. Any session the request already carried
/// ends (the session id rotates at sign-in).
pub async fn sign_in(
    db: &Db,
    email: &str,
    password_text: String,
    meta: &RequestMeta,
    settings: SecuritySettings,
    now: DateTime<Utc>,
) -> Result<SignInStep, AppError> {
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
    let device = match &person_id {
        Some(id) => devices::known_device(db, meta.device_token.as_deref(), id).await?,
        None => None,
    };
    // counted before the password is checked, so a burst of parallel guesses is cut off
    let keys = throttle::Keys::new(&email, device.as_deref(), &meta.ip);
    let verdict = throttle::admit(db, &keys, now).await?;
    // a busy address waits, refused or not, and whether or not the password is right
    tokio::time::sleep(verdict.delay).await;
    if let Some(refusal) = verdict.refused {
        audit::record(
            db.clock(),
            db.pool(),
            Event {
                action: action::SIGN_IN_THROTTLED,
                record_type: "person",
                // whose account was asked for, by id; never the typed address
                record_id: person_id.as_deref().unwrap_or(""),
                detail: if person_id.is_some() {
                    "too many failed sign-ins".into()
                } else {
                    "too many failed sign-ins, unknown email".into()
                },
                ip: &meta.ip,
                ..Event::default()
            },
        )
        .await?;
        return Err(AppError::TooManyRequests(refusal));
    }
    // Unknown email or no password yet: verify against a dummy hash, same cost.
    let matches = password::verify(password_text, stored).await?;
    let caller = match (&person_id, matches) {
        (Some(id), true) => super::load_caller(db, id).await?,
        _ => None,
    };
    let Some(caller) = caller else {
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
    throttle::succeeded(db, &keys).await?;
    after_first_factor(db, caller, device.as_deref(), meta, settings, now).await
}

/// A first factor accepted (the password, or the organisation's identity provider): the
/// code page when two-step sign-in is on or the person's role requires it, else signed in.
async fn after_first_factor(
    db: &Db,
    caller: Caller,
    device: Option<&str>,
    meta: &RequestMeta,
    settings: SecuritySettings,
    now: DateTime<Utc>,
) -> Result<SignInStep, AppError> {
    if two_step::status(db, &caller.person_id).await?.on {
        let pending_token = pending::create(db, &caller.person_id, now).await?;
        return Ok(SignInStep::Code { pending_token });
    }
    if settings.two_step_for_roles && two_step::required_for(&caller.roles) {
        let pending_token = pending::create(db, &caller.person_id, now).await?;
        return Ok(SignInStep::SetUp { pending_token });
    }
    let signed_in = complete(db, caller, device, meta, settings, now, None).await?;
    Ok(SignInStep::Done(signed_in))
}

/// Signs in the person an administrator linked to the subject the organisation's identity
/// provider vouched for (`server::oidc` checked the ID token). Two-step sign-in still
/// applies: the provider is the first factor. `None` when no active person is linked.
pub async fn sign_in_linked(
    db: &Db,
    issuer: &str,
    subject: &str,
    meta: &RequestMeta,
    settings: SecuritySettings,
    now: DateTime<Utc>,
) -> Result<Option<SignInStep>, AppError> {
    let Some(person_id) = super::oidc::linked_person(db, issuer, subject).await? else {
        let event = Event {
            action: action::SIGN_IN_FAILED,
            record_type: "person",
            detail: "identity provider account not linked".into(),
            ip: &meta.ip,
            ..Event::default()
        };
        audit::record(db.clock(), db.pool(), event).await?;
        return Ok(None);
    };
    let Some(caller) = super::load_caller(db, &person_id).await? else {
        return Ok(None);
    };
    let device = devices::known_device(db, meta.device_token.as_deref(), &person_id).await?;
    Ok(Some(
        after_first_factor(db, caller, device.as_deref(), meta, settings, now).await?,
    ))
}

/// The second step of a sign-in: the code from the person's app or a recovery code, for the
/// half-way sign-in `pending_token` names. Throttled per person like a password; a wrong
/// code leaves the half-way sign-in to try again until it expires.
pub async fn finish_with_code(
    db: &Db,
    pending_token: &str,
    code: &str,
    meta: &RequestMeta,
    settings: SecuritySettings,
    now: DateTime<Utc>,
) -> Result<SignedIn, AppError> {
    let caller = pending_caller(db, pending_token, now).await?;
    let attempt = match two_step::count_attempt(db, &caller.person_id, now).await {
        Ok(key) => key,
        Err(refusal) => {
            let event = Event::person(
                &caller.person_id,
                action::SIGN_IN_THROTTLED,
                &caller.person_id,
                &meta.ip,
            )
            .with_detail("too many two-step codes");
            audit::record(db.clock(), db.pool(), event).await?;
            return Err(refusal);
        }
    };
    let accepted = two_step::check(db, &caller.person_id, caller.email.as_str(), code, now).await?;
    let Some(how) = accepted else {
        let event = Event::person(
            &caller.person_id,
            action::SIGN_IN_FAILED,
            &caller.person_id,
            &meta.ip,
        )
        .with_detail("wrong two-step code");
        audit::record(db.clock(), db.pool(), event).await?;
        return Err(AppError::field("code", two_step::WRONG_CODE));
    };
    crate::rate::reset(db, &attempt).await?;
    let device = devices::known_device(db, meta.device_token.as_deref(), &caller.person_id).await?;
    let detail = match how {
        two_step::Accepted::App => "with a code from the app",
        two_step::Accepted::RecoveryCode => "with a recovery code",
    };
    complete(
        db,
        caller,
        device.as_deref(),
        meta,
        settings,
        now,
        Some((pending_token, detail)),
    )
    .await
}

/// The person half-way through signing in, for the set-up their role needs before a session.
pub async fn pending_caller(
    db: &Db,
    pending_token: &str,
    now: DateTime<Utc>,
) -> Result<Caller, AppError> {
    let caller = match pending::holder(db, pending_token, now).await? {
        Some(person) => super::load_caller(db, &person).await?,
        None => None,
    };
    caller.ok_or_else(|| AppError::validation(pending::EXPIRED))
}

/// Finishes a sign-in that had to set up two-step sign-in first: the set-up is confirmed
/// with the app's first code, then the session starts.
pub async fn finish_with_set_up(
    db: &Db,
    pending_token: &str,
    code: &str,
    meta: &RequestMeta,
    settings: SecuritySettings,
    now: DateTime<Utc>,
) -> Result<SignedIn, AppError> {
    let caller = pending_caller(db, pending_token, now).await?;
    two_step::confirm(db, &caller, code, &meta.ip, now).await?;
    let device = devices::known_device(db, meta.device_token.as_deref(), &caller.person_id).await?;
    let how = "after setting up two-step sign-in";
    complete(
        db,
        caller,
        device.as_deref(),
        meta,
        settings,
        now,
        Some((pending_token, how)),
    )
    .await
}

/// The end of every sign-in: the request's old session ends, a new one starts with its audit
/// entry (and the half-way sign-in it finishes, if any, ends in the same transaction), and
/// the browser is remembered as one of the person's devices.
async fn complete(
    db: &Db,
    caller: Caller,
    device: Option<&str>,
    meta: &RequestMeta,
    settings: SecuritySettings,
    now: DateTime<Utc>,
    second_step: Option<(&str, &str)>,
) -> Result<SignedIn, AppError> {
    let mut tx = db.begin().await?;
    if let Some((pending_token, _)) = second_step {
        if !pending::end(&mut tx, pending_token).await? {
            return Err(AppError::validation(pending::EXPIRED));
        }
    }
    if let Some(old) = &meta.session_token {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1")
            .bind(sessions::digest(old))
            .execute(&mut *tx)
            .await?;
    }
    let how = second_step.map_or("", |(_, how)| how);
    let token = start_session(
        db,
        &mut tx,
        &caller,
        meta,
        settings,
        (action::SIGN_IN, how),
        now,
    )
    .await?;
    tx.commit().await?;
    let device_token =
        devices::remember(db, &caller.person_id, device, &meta.user_agent, now).await?;
    Ok(SignedIn {
        token,
        caller,
        device_token,
    })
}

/// Ends the request's session, if any.
pub async fn sign_out(db: &Db, meta: &RequestMeta) -> Result<(), AppError> {
    let Some(token) = &meta.session_token else {
        return Ok(());
    };
    let person = sessions::holder(db, token).await?;
    sessions::end(db, token).await?;
    if let Some(person_id) = person {
        let event = Event::person(&person_id, action::SIGN_OUT, &person_id, &meta.ip);
        audit::record(db.clock(), db.pool(), event).await?;
    }
    Ok(())
}

/// Checks the signed-in caller's own password again before something that needs it (a
/// password change, setting a device up for offline drafting); a wrong one comes back as
/// an error on `field`, naming it as `what` ("password", "current password"). The guesses count against the same throttle as a sign-in (issue 17
/// item 10): a session left open on a shared computer is no way round it.
pub async fn confirm_password(
    db: &Db,
    caller: &Caller,
    password_text: String,
    (field, what): (&str, &str),
    meta: &RequestMeta,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    if password_text.is_empty() {
        return Err(AppError::field(field, format!("Enter your {what}")));
    }
    let device = devices::known_device(db, meta.device_token.as_deref(), &caller.person_id).await?;
    let keys = throttle::Keys::new(caller.email.as_str(), device.as_deref(), &meta.ip);
    let verdict = throttle::admit(db, &keys, now).await?;
    tokio::time::sleep(verdict.delay).await;
    if let Some(refusal) = verdict.refused {
        return Err(AppError::TooManyRequests(refusal));
    }
    let stored: Option<(String,)> =
        sqlx::query_as("SELECT password_hash FROM credentials WHERE person_id = $1")
            .bind(&caller.person_id)
            .fetch_optional(db.pool())
            .await?;
    let Some((hash,)) = stored else {
        // signed in through the organisation's provider, never given a password
        return Err(AppError::field(
            field,
            "You do not have a Pathway password yet. Ask your Pathway administrator for a set-password link",
        ));
    };
    if !password::verify(password_text, Some(hash)).await? {
        return Err(AppError::field(
            field,
            format!("Your {what} is not correct"),
        ));
    }
    throttle::succeeded(db, &keys).await?;
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
    confirm_password(
        db,
        caller,
        current,
        ("current", "current password"),
        meta,
        now,
    )
    .await?;
    password::check_policy(&new_password)?;
    let hash = password::hash(new_password).await?;
    let mut tx = db.begin().await?;
    tokens::store_hash(&mut tx, &caller.person_id, &hash, now).await?;
    sessions::end_all_for(&mut tx, &caller.person_id, now).await?;
    let token = start_session(
        db,
        &mut tx,
        caller,
        meta,
        settings,
        (action::PASSWORD_CHANGED, ""),
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(token)
}

/// A new session for `caller` with its audit entry (`why`: a sign-in or a password change,
/// and how, in words, or empty), in the caller's transaction: answers the token for the
/// cookie.
async fn start_session(
    db: &Db,
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    caller: &Caller,
    meta: &RequestMeta,
    settings: SecuritySettings,
    (why, how): (&str, &str),
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
    let event = Event::person(&caller.person_id, why, &caller.person_id, &meta.ip).with_detail(how);
    audit::record(db.clock(), &mut **tx, event).await?;
    Ok(token)
}
