//! The device's keys for drafts at rest (issue 7, docs/security.md). Each person on a device
//! has a random 256-bit data key. It is stored only wrapped (AES-GCM through WebCrypto):
//! - by a key derived from their password (PBKDF2-SHA-256, per-person random salt), made at
//!   sign-in, so offline the app asks for the password;
//! - by the unlock key the server releases only to their live session (`vault/key`), so online
//!   the app unlocks without asking, and a lost device whose sessions were revoked opens only
//!   with the password.
//!
//! The unwrapped key lives only in memory, as a non-extractable CryptoKey. A failed unlock
//! never deletes anything.

use super::crypto::{self, CryptoError, Sealed};
use crate::ui::dom::fetch::{field, number_of, text_of};
use gloo_storage::{LocalStorage, Storage};
use js_sys::{Object, Reflect, JSON};
use leptos::wasm_bindgen::JsValue;
use std::cell::RefCell;
use web_sys::CryptoKey;

thread_local! {
    static UNLOCKED: RefCell<Option<(String, CryptoKey)>> = const { RefCell::new(None) };
}

/// Who last unlocked drafts on this device: the offline app asks this person's password.
const CURRENT: &str = "pathway:v1:current";

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnlockError {
    /// Offline (or the server's key did not open the record): the password is needed.
    NeedsPassword,
    WrongPassword,
    /// This person never signed in on this device with the app running: nothing to unlock.
    NoKeys,
    /// WebCrypto or storage is not available.
    Unavailable,
    /// The browser refused to store the wrapped key (storage full, or blocked by settings).
    StorageFull,
}

impl UnlockError {
    pub fn message(&self) -> &'static str {
        match self {
            Self::NeedsPassword => "Enter your Pathway password to unlock the drafts on this device",
            Self::WrongPassword => "The password is not right. Your drafts are still on this device: try again",
            Self::NoKeys => "There are no drafts for you on this device. Sign in to Pathway once while online to draft offline",
            Self::Unavailable => "This browser cannot keep drafts safely (secure storage is not available)",
            Self::StorageFull => "This device's storage is full (or blocked), so your drafts cannot be kept on it. Save to Pathway as you go, or free some space and reload",
        }
    }
}

impl From<CryptoError> for UnlockError {
    fn from(error: CryptoError) -> Self {
        match error {
            CryptoError::Unavailable => Self::Unavailable,
            CryptoError::Refused => Self::WrongPassword,
        }
    }
}

/// What the device stores for one person: the data key, wrapped twice. Stored as JSON
/// (`{"salt", "iterations", "by_password", "by_server"}`, a wrap `{"iv", "ct"}` or null),
/// read and written with the browser's JSON: the editor unlocks the vault at load, and this
/// keeps a JSON library out of that first download (issue 13).
#[derive(Clone, Debug)]
struct KeyRecord {
    salt: String,
    iterations: u32,
    by_password: Option<Sealed>,
    by_server: Option<Sealed>,
}

fn record_key(person: &str) -> String {
    format!("pathway:v1:{person}:keys")
}

impl KeyRecord {
    fn parse(text: &str) -> Option<Self> {
        let value = JSON::parse(text).ok().filter(JsValue::is_object)?;
        let wrap = |name: &str| {
            let sealed = field(&value, name);
            sealed.is_object().then(|| Sealed {
                iv: text_of(&sealed, "iv"),
                ct: text_of(&sealed, "ct"),
            })
        };
        Some(Self {
            salt: text_of(&value, "salt"),
            iterations: u32::try_from(number_of(&value, "iterations")).ok()?,
            by_password: wrap("by_password"),
            by_server: wrap("by_server"),
        })
    }

    fn to_json(&self) -> Option<String> {
        let object = |pairs: &[(&str, JsValue)]| {
            let object = Object::new();
            for (name, value) in pairs {
                let _ = Reflect::set(&object, &JsValue::from_str(name), value);
            }
            JsValue::from(object)
        };
        let wrap = |sealed: &Option<Sealed>| match sealed {
            Some(sealed) => object(&[
                ("iv", JsValue::from_str(&sealed.iv)),
                ("ct", JsValue::from_str(&sealed.ct)),
            ]),
            None => JsValue::NULL,
        };
        let record = object(&[
            ("salt", JsValue::from_str(&self.salt)),
            ("iterations", JsValue::from(self.iterations)),
            ("by_password", wrap(&self.by_password)),
            ("by_server", wrap(&self.by_server)),
        ]);
        JSON::stringify(&record).ok()?.as_string()
    }
}

fn load_record(person: &str) -> Option<KeyRecord> {
    KeyRecord::parse(&LocalStorage::raw().get_item(&record_key(person)).ok()??)
}

fn store(name: &str, record: &KeyRecord) -> Result<(), UnlockError> {
    let json = record.to_json().ok_or(UnlockError::Unavailable)?;
    LocalStorage::raw()
        .set_item(name, &json)
        .map_err(|_| UnlockError::StorageFull)
}

fn save_record(person: &str, record: &KeyRecord) -> Result<(), UnlockError> {
    store(&record_key(person), record)
}

fn context(person: &str, wrap: &str) -> String {
    format!("{}:{wrap}", record_key(person))
}

async fn server_key() -> Option<CryptoKey> {
    // `vault/key`, with the browser's fetch (no server-function client in the page's code)
    let encoded = crate::ui::dom::fetch::call("/api/vault/key")
        .await
        .ok()?
        .as_string()?;
    let raw = crypto::decode(&encoded).ok()?;
    crypto::aes_key(&raw).await.ok()
}

async fn remember(person: &str, raw: &[u8]) -> Result<(), UnlockError> {
    let key = crypto::aes_key(raw).await?;
    UNLOCKED.with(|cell| *cell.borrow_mut() = Some((person.to_owned(), key)));
    // Only the offline app reads this marker, and it is written at every sign-in. When it
    // is already right nothing is written, so a device whose storage has filled up since
    // still unlocks (each draft write then says the storage is full) instead of locking
    // every draft on every page.
    if current_person().as_deref() == Some(person) {
        return Ok(());
    }
    // a JSON string, as it has always been stored
    let json = JSON::stringify(&JsValue::from_str(person))
        .ok()
        .and_then(|text| text.as_string())
        .ok_or(UnlockError::Unavailable)?;
    LocalStorage::raw()
        .set_item(CURRENT, &json)
        .map_err(|_| UnlockError::StorageFull)
}

/// The unlocked data key of `person`, if unlocked in this page.
pub fn key_for(person: &str) -> Option<CryptoKey> {
    UNLOCKED.with(|cell| {
        cell.borrow()
            .as_ref()
            .filter(|(who, _)| who == person)
            .map(|(_, key)| key.clone())
    })
}

pub fn is_unlocked(person: &str) -> bool {
    key_for(person).is_some()
}

/// The person whose drafts this device last held, for the offline app.
pub fn current_person() -> Option<String> {
    let text = LocalStorage::raw().get_item(CURRENT).ok()??;
    JSON::parse(&text).ok()?.as_string()
}

/// At sign-in, online, with the password just typed: unlocks the existing data key (or
/// makes one) and wraps it again by this password and the server's key.
pub async fn enrol(person: &str, password: &str) -> Result<(), UnlockError> {
    let server = server_key().await;
    let existing = load_record(person);
    let mut raw = None;
    if let Some(record) = &existing {
        if let (Some(key), Some(sealed)) = (&server, &record.by_server) {
            raw = crypto::open(key, sealed, &context(person, "server"))
                .await
                .ok();
        }
        if raw.is_none() {
            if let (Some(sealed), Ok(salt)) = (&record.by_password, crypto::decode(&record.salt)) {
                let key = crypto::password_key(password, &salt, record.iterations).await?;
                raw = crypto::open(&key, sealed, &context(person, "password"))
                    .await
                    .ok();
            }
        }
        if raw.is_none() {
            // Neither wrap opens (the server key and the password both changed): keep the
            // old record beside the new one, so its drafts are never destroyed.
            let aside = format!("{}:set-aside:{}", record_key(person), js_sys::Date::now());
            store(&aside, record)?;
        }
    }
    let raw = match raw {
        Some(raw) => raw,
        None => crypto::random_bytes(crypto::KEY_BYTES)?,
    };
    let salt = crypto::random_bytes(16)?;
    let password_key = crypto::password_key(password, &salt, crypto::PBKDF2_ITERATIONS).await?;
    let by_server = match &server {
        Some(key) => Some(crypto::seal(key, &raw, &context(person, "server")).await?),
        None => existing.as_ref().and_then(|r| r.by_server.clone()),
    };
    let record = KeyRecord {
        salt: crypto::encode(&salt),
        iterations: crypto::PBKDF2_ITERATIONS,
        by_password: Some(crypto::seal(&password_key, &raw, &context(person, "password")).await?),
        by_server,
    };
    save_record(person, &record)?;
    remember(person, &raw).await
}

/// Online, on any page: unlocks with the server's key without asking. A person with no keys
/// on this device yet (signed in with JavaScript off) gets a data key wrapped by the server's
/// key only; the password wrap is added at their next sign-in.
pub async fn unlock_online(person: &str) -> Result<(), UnlockError> {
    if is_unlocked(person) {
        return Ok(());
    }
    let server = server_key().await.ok_or(UnlockError::NeedsPassword)?;
    match load_record(person) {
        Some(record) => {
            let sealed = record
                .by_server
                .as_ref()
                .ok_or(UnlockError::NeedsPassword)?;
            let raw = crypto::open(&server, sealed, &context(person, "server"))
                .await
                .map_err(|_| UnlockError::NeedsPassword)?;
            remember(person, &raw).await
        }
        None => {
            let raw = crypto::random_bytes(crypto::KEY_BYTES)?;
            let record = KeyRecord {
                salt: crypto::encode(&crypto::random_bytes(16)?),
                iterations: crypto::PBKDF2_ITERATIONS,
                by_password: None,
                by_server: Some(crypto::seal(&server, &raw, &context(person, "server")).await?),
            };
            save_record(person, &record)?;
            remember(person, &raw).await
        }
    }
}

/// Offline: unlocks with the password. A wrong password changes nothing.
pub async fn unlock_with_password(person: &str, password: &str) -> Result<(), UnlockError> {
    let record = load_record(person).ok_or(UnlockError::NoKeys)?;
    let sealed = record.by_password.as_ref().ok_or(UnlockError::NoKeys)?;
    let salt = crypto::decode(&record.salt)?;
    let key = crypto::password_key(password, &salt, record.iterations).await?;
    let raw = crypto::open(&key, sealed, &context(person, "password"))
        .await
        .map_err(|_| UnlockError::WrongPassword)?;
    remember(person, &raw).await
}

/// Forgets the unwrapped key in this page (a pending sign-out): the records stay, and only
/// the password or a new session opens them again.
pub fn lock() {
    UNLOCKED.with(|cell| *cell.borrow_mut() = None);
}

/// Sign-out after everything reached Pathway: this person's keys, drafts and outbox leave
/// the device.
pub fn wipe(person: &str) {
    UNLOCKED.with(|cell| *cell.borrow_mut() = None);
    let prefix = format!("pathway:v1:{person}:");
    let storage = LocalStorage::raw();
    let names: Vec<String> = (0..storage.length().unwrap_or(0))
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|name| name.starts_with(&prefix))
        .collect();
    for name in names {
        LocalStorage::delete(name);
    }
    if current_person().as_deref() == Some(person) {
        LocalStorage::delete(CURRENT);
    }
}
