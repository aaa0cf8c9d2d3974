//! Sign-in through the organisation's OpenID provider (issue 17 item 12), the database's
//! half: sign-ins under way (state, nonce and PKCE verifier, ten minutes, used once, any
//! instance can finish one), and the links an administrator makes from a provider's subject
//! to a Pathway person. The HTTP half (discovery, the code exchange, the ID token's
//! signature) is `server::oidc`.

use super::sessions::{digest, new_token};
use crate::audit::{self, action, Event};
use crate::clock::stamp;
use crate::db::Db;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;
use pathway_core::ids::PersonId;
use sha2::{Digest, Sha256};

/// How long a sign-in at the provider may take.
pub const LOGIN_MINUTES: i64 = 10;
/// The longest subject accepted (OpenID Connect Core §2: at most 255 ASCII characters).
pub const SUBJECT_MAX: usize = 255;

/// A sign-in sent to the provider: what goes in its address, and the cookie that binds
/// the answer to this browser.
pub struct Started {
    pub state: String,
    pub nonce: String,
    /// PKCE (RFC 7636, S256): the challenge sent now; the verifier stays here.
    pub code_challenge: String,
}

/// What a returning sign-in brings back from the database, once.
pub struct Pending {
    pub nonce: String,
    pub verifier: String,
    pub next: String,
}

/// Records a new sign-in going to the provider; forgets ones that were never finished.
pub async fn begin(db: &Db, next: &str, now: DateTime<Utc>) -> Result<Started, AppError> {
    let (state, nonce, verifier) = (new_token(), new_token(), new_token());
    let code_challenge = challenge_of(&verifier);
    let mut tx = db.begin().await?;
    sqlx::query("DELETE FROM oidc_logins WHERE created_at < $1")
        .bind(stamp(now - Duration::minutes(LOGIN_MINUTES)))
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO oidc_logins (state_hash, nonce, verifier, next_path, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(digest(&state))
    .bind(&nonce)
    .bind(&verifier)
    .bind(next)
    .bind(stamp(now))
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Started {
        state,
        nonce,
        code_challenge,
    })
}

/// The PKCE S256 challenge of `verifier` (RFC 7636 §4.2).
fn challenge_of(verifier: &str) -> String {
    URL_SAFE_NO_PAD.encode(Sha256::digest(verifier.as_bytes()))
}

/// The sign-in `state` names, taken (so it is used once) if it is not older than ten minutes.
pub async fn take(db: &Db, state: &str, now: DateTime<Utc>) -> Result<Option<Pending>, AppError> {
    let hash = digest(state);
    let row: Option<(String, String, String, String)> = sqlx::query_as(
        "SELECT nonce, verifier, next_path, created_at FROM oidc_logins WHERE state_hash = $1",
    )
    .bind(&hash)
    .fetch_optional(db.pool())
    .await?;
    let Some((nonce, verifier, next, created)) = row else {
        return Ok(None);
    };
    let taken = sqlx::query("DELETE FROM oidc_logins WHERE state_hash = $1")
        .bind(&hash)
        .execute(db.pool())
        .await?
        .rows_affected();
    let fresh = crate::clock::parse(&created)
        .is_some_and(|at| now - at <= Duration::minutes(LOGIN_MINUTES));
    // two answers racing with one state: only the one that deleted the row goes on
    Ok((taken == 1 && fresh).then_some(Pending {
        nonce,
        verifier,
        next,
    }))
}

/// The active person `subject` at `issuer` is linked to.
pub async fn linked_person(
    db: &Db,
    issuer: &str,
    subject: &str,
) -> Result<Option<PersonId>, AppError> {
    let row: Option<(PersonId,)> = sqlx::query_as(
        "SELECT l.person_id FROM oidc_links l JOIN people p ON p.id = l.person_id
         WHERE l.issuer = $1 AND l.subject = $2 AND p.active = 1",
    )
    .bind(issuer)
    .bind(subject)
    .fetch_optional(db.pool())
    .await?;
    Ok(row.map(|(id,)| id))
}

/// The subject `person` is linked to at `issuer`, if any.
pub async fn subject_of(
    db: &Db,
    issuer: &str,
    person: &PersonId,
) -> Result<Option<String>, AppError> {
    let row: Option<(String,)> =
        sqlx::query_as("SELECT subject FROM oidc_links WHERE issuer = $1 AND person_id = $2")
            .bind(issuer)
            .bind(person)
            .fetch_optional(db.pool())
            .await?;
    Ok(row.map(|(subject,)| subject))
}

/// An administrator links `subject` to `person` (replacing the person's earlier link).
/// Refused when the subject is empty, too long, not printable ASCII, or already someone
/// else's.
pub async fn link(
    db: &Db,
    admin: &super::Caller,
    issuer: &str,
    person: &PersonId,
    subject: &str,
    ip: &str,
) -> Result<(), AppError> {
    let subject = subject.trim();
    if subject.is_empty() {
        return Err(AppError::field(
            "subject",
            "Enter the person's subject at your identity provider",
        ));
    }
    if subject.len() > SUBJECT_MAX || !subject.chars().all(|c| c.is_ascii_graphic()) {
        return Err(AppError::field(
            "subject",
            "A subject is at most 255 letters, digits and symbols, with no spaces",
        ));
    }
    let mut tx = db.begin().await?;
    crate::people::ensure_active(&mut tx, person).await?;
    let (taken,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM oidc_links WHERE issuer = $1 AND subject = $2 AND person_id <> $3",
    )
    .bind(issuer)
    .bind(subject)
    .bind(person)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Err(AppError::field(
            "subject",
            "That subject is already linked to someone else",
        ));
    }
    sqlx::query("DELETE FROM oidc_links WHERE issuer = $1 AND person_id = $2")
        .bind(issuer)
        .bind(person)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO oidc_links (issuer, subject, person_id, created_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(issuer)
    .bind(subject)
    .bind(person)
    .bind(stamp(db.clock().now()))
    .execute(&mut *tx)
    .await?;
    let event = Event::person(&admin.person_id, action::SIGN_IN_LINKED, person, ip);
    audit::commit_with(db.clock(), tx, event).await
}

/// An administrator removes `person`'s link: they sign in with their password only.
pub async fn unlink(
    db: &Db,
    admin: &super::Caller,
    issuer: &str,
    person: &PersonId,
    ip: &str,
) -> Result<(), AppError> {
    let mut tx = db.begin().await?;
    let removed = sqlx::query("DELETE FROM oidc_links WHERE issuer = $1 AND person_id = $2")
        .bind(issuer)
        .bind(person)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if removed == 0 {
        return Err(AppError::NotFound);
    }
    let event = Event::person(&admin.person_id, action::SIGN_IN_UNLINKED, person, ip);
    audit::commit_with(db.clock(), tx, event).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pkce_challenge_is_the_s256_of_the_verifier_as_in_rfc_7636() {
        // RFC 7636 appendix B
        let verifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
        assert_eq!(
            challenge_of(verifier),
            "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
        );
    }
}
