//! Passwords: the policy (12–128 characters, not on the shipped common-password list) and
//! argon2id hashing with the OWASP parameters (19 MiB, 2 passes, 1 lane), always on a
//! blocking thread so a sign-in never stalls the async runtime.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use pathway_core::error::AppError;
use std::sync::OnceLock;

pub const MIN_CHARS: usize = 12;
pub const MAX_CHARS: usize = 128;

/// Lower-case passwords people choose most often (those of 12 characters or more; shorter
/// ones fail the length rule anyway).
const COMMON_PASSWORDS: &str = include_str!("common_passwords.txt");

/// The field a new password is typed in, on every form that sets one.
pub const NEW_PASSWORD: &str = "new_password";

fn argon2() -> Argon2<'static> {
    // OWASP Password Storage Cheat Sheet: m=19456 KiB, t=2, p=1 (also argon2's defaults).
    let params = Params::new(19_456, 2, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// Checks a new password against the policy, with a message written for the user beside
/// the `new_password` field.
pub fn check_policy(password: &str) -> Result<(), AppError> {
    let chars = password.chars().count();
    if chars < MIN_CHARS {
        return Err(AppError::field(
            NEW_PASSWORD,
            format!("Your password must be at least {MIN_CHARS} characters long"),
        ));
    }
    if chars > MAX_CHARS {
        return Err(AppError::field(
            NEW_PASSWORD,
            format!("Your password must be {MAX_CHARS} characters or fewer"),
        ));
    }
    if is_common(password) {
        return Err(AppError::field(
            NEW_PASSWORD,
            "That password is too common and easy to guess. Choose a different one, for example three random words",
        ));
    }
    Ok(())
}

pub fn is_common(password: &str) -> bool {
    let candidate = password.trim().to_lowercase();
    COMMON_PASSWORDS
        .lines()
        .map(str::trim)
        .any(|line| !line.is_empty() && !line.starts_with('#') && line == candidate)
}

/// Hashes a password (argon2id, random salt) into a PHC string.
pub async fn hash(password: String) -> Result<String, AppError> {
    tokio::task::spawn_blocking(move || hash_now(&password))
        .await
        .map_err(|e| AppError::internal(&e))?
}

fn hash_now(password: &str) -> Result<String, AppError> {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| AppError::internal(&format!("argon2 hash: {e}")))
}

/// True when `password` matches `stored`. With no stored hash (unknown email, no password
/// set yet) it verifies against a dummy hash, so both paths cost the same time.
pub async fn verify(password: String, stored: Option<String>) -> Result<bool, AppError> {
    if password.chars().count() > MAX_CHARS {
        return Ok(false);
    }
    tokio::task::spawn_blocking(move || {
        let dummy;
        let (phc, real) = match &stored {
            Some(phc) => (phc.as_str(), true),
            None => {
                dummy = dummy_hash()?;
                (dummy, false)
            }
        };
        let parsed = PasswordHash::new(phc)
            .map_err(|e| AppError::internal(&format!("stored password hash: {e}")))?;
        let matches = argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok();
        Ok(matches && real)
    })
    .await
    .map_err(|e| AppError::internal(&e))?
}

fn dummy_hash() -> Result<&'static str, AppError> {
    static DUMMY: OnceLock<String> = OnceLock::new();
    if let Some(hash) = DUMMY.get() {
        return Ok(hash);
    }
    let hash = hash_now("pathway dummy password for unknown accounts")?;
    Ok(DUMMY.get_or_init(|| hash))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn policy_needs_12_to_128_characters() {
        assert!(check_policy("short pass").is_err());
        assert!(check_policy("blue kettle harbour").is_ok());
        assert!(check_policy(&"x".repeat(128)).is_ok());
        let error = check_policy(&"x".repeat(129)).unwrap_err();
        assert!(error.to_string().contains("128"), "{error}");
        // characters, not bytes: 12 accented letters pass
        assert!(check_policy("éééééééééééé").is_ok());
    }

    #[test]
    fn common_passwords_are_refused_whatever_their_case() {
        assert!(is_common("password1234"));
        assert!(is_common("Password1234"));
        let error = check_policy("qwertyuiop123").unwrap_err();
        assert!(error.to_string().contains("too common"), "{error}");
    }

    #[tokio::test]
    async fn hashes_are_argon2id_and_verify() {
        let hash = hash("blue kettle harbour".into()).await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify("blue kettle harbour".into(), Some(hash.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong kettle harbour".into(), Some(hash))
            .await
            .unwrap());
        assert!(!verify("blue kettle harbour".into(), None).await.unwrap());
    }
}
