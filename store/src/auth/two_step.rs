//! Two-step sign-in (issue 17 item 6, ASVS 6.3.3): after the password, a time-based code
//! from an authenticator app (TOTP, RFC 6238: HMAC-SHA-1, six digits, 30-second steps, one
//! step of clock drift either way), or one of ten single-use recovery codes.
//!
//! Each code works once: the newest step accepted is stored and only a later step passes,
//! in one conditional update, so two server instances cannot both accept the same code. A
//! new set-up (a new phone) keeps the old secret working until the new one is confirmed
//! with a code, so nobody is locked out half-way.

use super::sessions::digest;
use crate::audit::{self, action, Event};
use crate::clock::stamp;
use crate::db::Db;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use chrono::{DateTime, Utc};
use pathway_core::error::AppError;
use pathway_core::identity::{Role, TwoStepSetup, TwoStepStatus};
use pathway_core::ids::PersonId;
use totp_rs::{Algorithm, Secret, TOTP};

const STEP_SECONDS: u64 = 30;
const DIGITS: usize = 6;
/// Shown by the authenticator app beside the person's email.
pub const ISSUER: &str = "Pathway";
pub const RECOVERY_CODES: usize = 10;

/// Roles whose holders must use two-step sign-in: they can change who may do what, or decide
/// people's progression and pay.
pub const REQUIRED_FOR: [Role; 4] = [
    Role::Administrator,
    Role::PanelChair,
    Role::PanelMember,
    Role::PanelSecretariat,
];

/// Whether someone holding `roles` must use two-step sign-in.
pub fn required_for(roles: &[Role]) -> bool {
    roles.iter().any(|role| REQUIRED_FOR.contains(role))
}

/// The message beside the code field for a code that is not right.
pub const WRONG_CODE: &str =
    "Enter the 6-digit code your authenticator app shows now, or one of your recovery codes";

fn totp(secret: &str, email: &str) -> Result<TOTP, AppError> {
    let bytes = Secret::Encoded(secret.to_owned())
        .to_bytes()
        .map_err(|e| AppError::internal(&format!("stored two-step secret: {e:?}")))?;
    // skew 0: each candidate step is checked on its own below, so the step that matched is
    // known (for the once-only rule)
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        0,
        STEP_SECONDS,
        bytes,
        Some(ISSUER.to_owned()),
        email.to_owned(),
    )
    .map_err(|e| AppError::internal(&format!("two-step secret: {e:?}")))
}

/// The step `code` belongs to, if it is the code of the step before, at, or after `now`.
fn matching_step(totp: &TOTP, code: &str, now: DateTime<Utc>) -> Option<i64> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != DIGITS || !code.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let current = u64::try_from(now.timestamp()).ok()? / STEP_SECONDS;
    (current.saturating_sub(1)..=current + 1)
        .find(|step| totp.check(&code, step * STEP_SECONDS))
        .and_then(|step| i64::try_from(step).ok())
}

/// A new random secret, base32 (160 bits, as RFC 4226 recommends).
fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    Secret::Raw(bytes.to_vec()).to_encoded().to_string()
}

/// A recovery code as shown: ten characters from an alphabet without look-alikes, in two
/// groups ("k7mq4-x2pth").
fn new_recovery_code() -> String {
    const ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";
    let mut code = String::with_capacity(11);
    for n in 0..10 {
        if n == 5 {
            code.push('-');
        }
        let index = (OsRng.next_u32() as usize) % ALPHABET.len();
        code.push(char::from(ALPHABET[index]));
    }
    code
}

/// A typed recovery code in the one form its digest is made from.
fn normalise_recovery_code(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Whether two-step sign-in is on for `person`, and how many recovery codes are left.
pub async fn status(db: &Db, person: &PersonId) -> Result<TwoStepStatus, AppError> {
    let on: Option<(i64,)> = sqlx::query_as(
        "SELECT 1 FROM totp_credentials WHERE person_id = $1 AND secret IS NOT NULL",
    )
    .bind(person)
    .fetch_optional(db.pool())
    .await?;
    let (left,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM recovery_codes WHERE person_id = $1 AND used_at IS NULL",
    )
    .bind(person)
    .fetch_one(db.pool())
    .await?;
    Ok(TwoStepStatus {
        on: on.is_some(),
        recovery_codes_left: usize::try_from(left).unwrap_or(0),
        required: false,
    })
}

/// How long a begun set-up shows the same key and codes (a reload, a refused first code).
pub const SET_UP_MINUTES: i64 = 30;

#[derive(sqlx::FromRow)]
struct PendingRow {
    pending_secret: Option<String>,
    pending_codes: Option<String>,
    pending_since: Option<String>,
}

async fn waiting_set_up(db: &Db, person: &PersonId) -> Result<Option<PendingRow>, AppError> {
    Ok(sqlx::query_as(
        "SELECT pending_secret, pending_codes, pending_since FROM totp_credentials
         WHERE person_id = $1",
    )
    .bind(person)
    .fetch_optional(db.pool())
    .await?)
}

/// Begins a set-up: a new secret and recovery codes, both waiting for the first code, or
/// the same ones again while a set-up begun in the last `SET_UP_MINUTES` waits (so a reload
/// or a mistyped first code does not change the key already in the app). Whatever is on
/// now keeps working until the first code.
pub async fn begin(
    db: &Db,
    person: &PersonId,
    email: &str,
    now: DateTime<Utc>,
) -> Result<TwoStepSetup, AppError> {
    let fresh = stamp(now - chrono::Duration::minutes(SET_UP_MINUTES));
    let (secret, codes) = match waiting_set_up(db, person).await? {
        Some(PendingRow {
            pending_secret: Some(secret),
            pending_codes: Some(codes),
            pending_since: Some(since),
        }) if since > fresh => (secret, codes),
        _ => {
            let secret = new_secret();
            let codes: Vec<String> = (0..RECOVERY_CODES).map(|_| new_recovery_code()).collect();
            let codes = codes.join(" ");
            sqlx::query(
                "INSERT INTO totp_credentials (person_id, secret, pending_secret, pending_codes,
                   pending_since, last_step, updated_at)
                 VALUES ($1, NULL, $2, $3, $4, 0, $4)
                 ON CONFLICT (person_id) DO UPDATE SET pending_secret = excluded.pending_secret,
                   pending_codes = excluded.pending_codes, pending_since = excluded.pending_since,
                   updated_at = excluded.updated_at",
            )
            .bind(person)
            .bind(&secret)
            .bind(&codes)
            .bind(stamp(now))
            .execute(db.pool())
            .await?;
            (secret, codes)
        }
    };
    let url = totp(&secret, email)?.get_url();
    let qr_svg = qrcode::QrCode::new(url.as_bytes())
        .map_err(|e| AppError::internal(&format!("QR code: {e}")))?
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(200, 200)
        .build();
    let key = secret
        .as_bytes()
        .chunks(4)
        .map(|group| String::from_utf8_lossy(group).into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    Ok(TwoStepSetup {
        key,
        qr_svg,
        recovery_codes: codes.split(' ').map(str::to_owned).collect(),
    })
}

/// Confirms a set-up with the app's first code: its secret and recovery codes replace any
/// earlier ones, the codes now kept only as digests. A wrong code changes nothing.
pub async fn confirm(
    db: &Db,
    caller: &super::Caller,
    code: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    const GONE: &str = "This set-up has expired or was finished elsewhere. Start again";
    let (person, email) = (&caller.person_id, caller.email.as_str());
    let attempt = count_attempt(db, person, now).await?;
    let Some(PendingRow {
        pending_secret: Some(secret),
        pending_codes: Some(codes),
        ..
    }) = waiting_set_up(db, person).await?
    else {
        return Err(AppError::validation(GONE));
    };
    let Some(step) = matching_step(&totp(&secret, email)?, code, now) else {
        return Err(AppError::field("code", WRONG_CODE));
    };
    let mut tx = db.begin().await?;
    let switched = sqlx::query(
        "UPDATE totp_credentials SET secret = pending_secret, pending_secret = NULL,
           pending_codes = NULL, pending_since = NULL, last_step = $1, confirmed_at = $2,
           updated_at = $2
         WHERE person_id = $3 AND pending_secret = $4",
    )
    .bind(step)
    .bind(stamp(now))
    .bind(person)
    .bind(&secret)
    .execute(&mut *tx)
    .await?;
    if switched.rows_affected() != 1 {
        return Err(AppError::validation(GONE));
    }
    sqlx::query("DELETE FROM recovery_codes WHERE person_id = $1")
        .bind(person)
        .execute(&mut *tx)
        .await?;
    for code in codes.split(' ') {
        sqlx::query(
            "INSERT INTO recovery_codes (code_hash, person_id, created_at) VALUES ($1, $2, $3)",
        )
        .bind(digest(&normalise_recovery_code(code)))
        .bind(person)
        .bind(stamp(now))
        .execute(&mut *tx)
        .await?;
    }
    let event = Event::person(person, action::TWO_STEP_ON, person, ip);
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    crate::rate::reset(db, &attempt).await
}

/// Turns two-step sign-in off, with a code from the app (or a recovery code) to show it is
/// the person. Refused for a role that must have it.
pub async fn switch_off(
    db: &Db,
    caller: &super::Caller,
    settings: super::SecuritySettings,
    code: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    let person = &caller.person_id;
    if settings.two_step_for_roles && required_for(&caller.roles) {
        return Err(AppError::validation(
            "Your role needs two-step sign-in, so it cannot be turned off. You can set it up again on a new phone",
        ));
    }
    let attempt = count_attempt(db, person, now).await?;
    if check(db, person, caller.email.as_str(), code, now)
        .await?
        .is_none()
    {
        return Err(AppError::field("code", WRONG_CODE));
    }
    let mut tx = db.begin().await?;
    remove(&mut tx, person).await?;
    let event = Event::person(person, action::TWO_STEP_OFF, person, ip);
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    crate::rate::reset(db, &attempt).await
}

/// Code attempts for one person within the sign-in throttle's window (issue 17 item 6: a
/// throttle on codes). Answers the counter's key, to reset once a code is right.
pub async fn count_attempt(
    db: &Db,
    person: &PersonId,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let window = chrono::Duration::minutes(super::throttle::WINDOW_MINUTES);
    let key = crate::rate::key(&format!("code:{person}"));
    let (tries, window_start) = crate::rate::hit(db, &key, window, now).await?;
    if tries > CODE_LIMIT {
        let minutes = crate::rate::minutes_until(window_start + window, now);
        return Err(AppError::TooManyRequests(super::throttle::message(minutes)));
    }
    Ok(key)
}

/// Code attempts allowed per person in the window.
pub const CODE_LIMIT: i64 = 5;

/// How a code was accepted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Accepted {
    App,
    RecoveryCode,
}

/// Checks a sign-in's second step: the app's code (each step once) or an unused recovery
/// code (spent now). `None`: not right.
pub async fn check(
    db: &Db,
    person: &PersonId,
    email: &str,
    code: &str,
    now: DateTime<Utc>,
) -> Result<Option<Accepted>, AppError> {
    let secret: Option<(Option<String>,)> =
        sqlx::query_as("SELECT secret FROM totp_credentials WHERE person_id = $1")
            .bind(person)
            .fetch_optional(db.pool())
            .await?;
    let Some((Some(secret),)) = secret else {
        return Ok(None);
    };
    if let Some(step) = matching_step(&totp(&secret, email)?, code, now) {
        let used = sqlx::query(
            "UPDATE totp_credentials SET last_step = $1 WHERE person_id = $2 AND last_step < $1",
        )
        .bind(step)
        .bind(person)
        .execute(db.pool())
        .await?;
        return Ok((used.rows_affected() == 1).then_some(Accepted::App));
    }
    let typed = normalise_recovery_code(code);
    if typed.len() != 10 {
        return Ok(None);
    }
    let spent = sqlx::query(
        "UPDATE recovery_codes SET used_at = $1
         WHERE code_hash = $2 AND person_id = $3 AND used_at IS NULL",
    )
    .bind(stamp(now))
    .bind(digest(&typed))
    .bind(person)
    .execute(db.pool())
    .await?;
    Ok((spent.rows_affected() == 1).then_some(Accepted::RecoveryCode))
}

/// Removes `person`'s two-step secrets and recovery codes (turned off, or reset by an
/// administrator for a lost phone).
pub async fn remove(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    person: &PersonId,
) -> Result<(), AppError> {
    sqlx::query("DELETE FROM recovery_codes WHERE person_id = $1")
        .bind(person)
        .execute(&mut **tx)
        .await?;
    sqlx::query("DELETE FROM totp_credentials WHERE person_id = $1")
        .bind(person)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// An administrator resets a person's two-step sign-in (a lost phone and lost recovery
/// codes): it is off until they set it up again, which their next sign-in asks for if their
/// role needs it.
pub async fn reset(
    db: &Db,
    admin: &super::Caller,
    person: &PersonId,
    ip: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    crate::people::ensure_active(&mut tx, person).await?;
    remove(&mut tx, person).await?;
    let event = Event::person(&admin.person_id, action::TWO_STEP_RESET, person, ip);
    audit::record(db.clock(), &mut *tx, event).await?;
    tx.commit().await?;
    Ok(())
}

/// The app's code for `secret` at `at`: what a person's phone would show (tests, and the
/// demo's printed instructions).
pub fn code_at(secret: &str, at: DateTime<Utc>) -> Result<String, AppError> {
    let at = u64::try_from(at.timestamp()).unwrap_or(0);
    Ok(totp(secret, "someone@pathway.example")?.generate(at))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::parse;

    /// RFC 6238 appendix B: the SHA-1 test vector (the 20-byte ASCII secret
    /// "12345678901234567890"), truncated to six digits.
    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        let secret = Secret::Raw(b"12345678901234567890".to_vec())
            .to_encoded()
            .to_string();
        for (at, code) in [
            ("1970-01-01T00:00:59Z", "287082"),
            ("2005-03-18T01:58:29Z", "081804"),
            ("2009-02-13T23:31:30Z", "005924"),
            ("2033-05-18T03:33:20Z", "279037"),
        ] {
            assert_eq!(code_at(&secret, parse(at).unwrap()).unwrap(), code, "{at}");
        }
    }

    /// Issue 17 item 6: a code is good for its own step and one either side, no further.
    #[test]
    fn a_code_is_accepted_one_step_either_side_and_no_further() {
        let secret = new_secret();
        let totp = totp(&secret, "a@pathway.example").unwrap();
        let now = parse("2026-12-07T12:00:15Z").unwrap();
        let step = now.timestamp() / 30;
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let at = now + chrono::Duration::seconds(30 * offset);
            let code = code_at(&secret, at).unwrap();
            let expected = accepted.then_some(step + offset);
            assert_eq!(
                matching_step(&totp, &code, now),
                expected,
                "offset {offset}"
            );
        }
        let spaced = code_at(&secret, now).unwrap();
        let spaced = format!("{} {}", &spaced[..3], &spaced[3..]);
        assert_eq!(matching_step(&totp, &spaced, now), Some(step));
        assert_eq!(matching_step(&totp, "12345", now), None);
    }

    #[test]
    fn recovery_codes_are_read_however_they_are_typed() {
        let code = new_recovery_code();
        assert_eq!(code.len(), 11);
        assert_eq!(code.chars().nth(5), Some('-'));
        let typed = format!(" {} ", code.to_uppercase().replace('-', " "));
        assert_eq!(
            normalise_recovery_code(&typed),
            normalise_recovery_code(&code)
        );
    }
}
