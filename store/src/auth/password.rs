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
/// ones fail the length rule anyway): Pathway's own and 3,090 from SecLists (see the file).
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
    common_passwords().contains(password.trim().to_lowercase().as_str())
}

/// The list as a set, read once.
fn common_passwords() -> &'static std::collections::HashSet<&'static str> {
    static SET: OnceLock<std::collections::HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        COMMON_PASSWORDS
            .lines()
            .map(str::trim)
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .collect()
    })
}

/// At most one password hash per core at a time (issue 17 item 2): each takes 19 MiB and
/// tens of milliseconds of a core, so a flood of sign-ins queues here instead of exhausting
/// memory and starving every other request of threads.
fn hashing_slots() -> &'static tokio::sync::Semaphore {
    static SLOTS: OnceLock<tokio::sync::Semaphore> = OnceLock::new();
    SLOTS.get_or_init(|| tokio::sync::Semaphore::new(slot_count()))
}

fn slot_count() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Runs one argon2 computation on a blocking thread once a hashing slot is free.
async fn with_slot<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, AppError> + Send + 'static,
) -> Result<T, AppError> {
    let _slot = hashing_slots()
        .acquire()
        .await
        .map_err(|e| AppError::internal(&e))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::internal(&e))?
}

/// Hashes a password (argon2id, random salt) into a PHC string.
pub async fn hash(password: String) -> Result<String, AppError> {
    with_slot(move || hash_now(&password)).await
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
    with_slot(move || {
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

    /// Issue 17 item 10 (ASVS 6.2.4): at least the 3,000 most common passwords that the
    /// length rule would otherwise let through are refused, including ones deep in the list.
    #[test]
    fn at_least_3000_common_passwords_of_a_length_the_policy_allows_are_refused() {
        let long_enough = common_passwords()
            .iter()
            .filter(|p| p.chars().count() >= MIN_CHARS)
            .count();
        assert!(long_enough >= 3_000, "{long_enough}");
        for deep in ["123qweasdzxc", "mailcreated5240", "sojdlg123aljg"] {
            assert!(check_policy(deep).is_err(), "{deep}");
        }
        assert!(
            check_policy("Sojdlg123aljg ").is_err(),
            "case and spaces do not help"
        );
    }

    /// Issue 17 item 2: while every hashing slot is busy, a sign-in's hash waits its turn.
    #[tokio::test]
    async fn password_hashing_waits_for_a_free_slot() {
        let all = u32::try_from(slot_count()).unwrap();
        let busy = hashing_slots().acquire_many(all).await.unwrap();
        let waiting = tokio::spawn(hash("blue kettle harbour".into()));
        // a hash takes well under this (tens of milliseconds), so only waiting explains it
        tokio::time::sleep(std::time::Duration::from_millis(1500)).await;
        assert!(!waiting.is_finished(), "no slot free, so no hash started");
        drop(busy);
        let hash = waiting.await.unwrap().unwrap();
        assert!(hash.starts_with("$argon2id$"), "{hash}");
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
