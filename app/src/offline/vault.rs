//! The device's keys for drafts at rest (issues 7 and 17, docs/security.md). Each person on a
//! device has a random 256-bit data key. It is stored only wrapped (AES-GCM through WebCrypto):
//! - by the unlock key the server releases only to their live session (`vault/key`), so online
//!   the app unlocks without asking. The server rotates that key; the record notes the version
//!   it was wrapped with, and the next online unlock wraps it again with the newest;
//! - only on a device its owner set up for offline drafting ("Use this device offline" at
//!   sign-in), also by a key derived from their password and a per-device pepper the server
//!   issued (PBKDF2-SHA-256 over the pepper and a random salt), so offline the app asks for the
//!   password. The pepper is kept in a cookie, apart from this record, so a copied page storage
//!   alone cannot be attacked offline. On a shared computer nobody ticks the box, and nothing
//!   derived from a password is left behind.
//!
//! The unwrapped key lives only in memory, as a non-extractable CryptoKey. A failed unlock
//! never deletes anything, and no choice here strands a draft: one that cannot be opened
//! offline opens online.

use super::crypto::{self, CryptoError, Sealed};
use crate::ui::dom::fetch::{field, number_of, text_of};
use gloo_storage::{LocalStorage, Storage};
use js_sys::{Object, Reflect, JSON};
use leptos::prelude::document;
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
    /// This device is not set up to unlock drafts without a connection.
    NotSetUp,
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
            Self::NotSetUp => "This device is not set up to open your drafts without a connection. They are kept safely on it and open as soon as Pathway can be reached. To write with no signal, sign in on this device and tick \u{201c}Use this device offline\u{201d}",
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

/// What the device stores for one person: the data key, wrapped by the server's key and, on
/// a device set up for offline drafting, by the password. Stored as JSON (`{"salt",
/// "iterations", "peppered", "by_password", "version", "by_server"}`, a wrap `{"iv", "ct"}`
/// or null; a record from before rotation has no version: it is version 1, and one from
/// before peppering has no "peppered": its password wrap is not used),
/// read and written with the browser's JSON: the editor unlocks the vault at load, and this
/// keeps a JSON library out of that first download (issue 13).
#[derive(Clone, Debug)]
struct KeyRecord {
    salt: String,
    iterations: u32,
    /// The password wrap mixes in this device's pepper (always, since issue 17).
    peppered: bool,
    by_password: Option<Sealed>,
    /// The version of the server's unlock key `by_server` is wrapped with.
    version: u64,
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
        let version = number_of(&value, "version");
        Some(Self {
            salt: text_of(&value, "salt"),
            iterations: u32::try_from(number_of(&value, "iterations")).ok()?,
            peppered: field(&value, "peppered").as_bool() == Some(true),
            by_password: wrap("by_password"),
            version: if version > 0 { version } else { 1 },
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
            ("peppered", JsValue::from_bool(self.peppered)),
            ("by_password", wrap(&self.by_password)),
            ("version", JsValue::from(self.version as f64)),
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

/// The server's unlock keys as a live session receives them (`vault/key`).
struct ServerKeys {
    version: u64,
    newest: CryptoKey,
    /// The key of the version the device asked for, when it is not the newest.
    held: Option<CryptoKey>,
    /// This device is (still) set up for offline drafting.
    offline: bool,
}

impl ServerKeys {
    /// The key that opens a wrap made with `version`.
    fn for_version(&self, version: u64) -> Option<&CryptoKey> {
        if version == self.version {
            Some(&self.newest)
        } else {
            self.held.as_ref()
        }
    }
}

/// Posts to one of the vault's server functions, with the browser's fetch (no
/// server-function client in the page's code).
async fn vault_call(url: &str, fields: &[(String, String)]) -> Option<JsValue> {
    let body = crate::ui::dom::fetch::body_of(fields)?;
    crate::ui::dom::fetch::post(url, &body).await?.ok()
}

async fn import(encoded: &str) -> Option<CryptoKey> {
    crypto::aes_key(&crypto::decode(encoded).ok()?).await.ok()
}

/// The newest key, and the one of version `have` if that is older; `None` offline or
/// signed out.
async fn server_keys(have: Option<u64>) -> Option<ServerKeys> {
    let fields: Vec<(String, String)> = have
        .map(|version| vec![("have".to_owned(), version.to_string())])
        .unwrap_or_default();
    let answer = vault_call("/api/vault/key", &fields).await?;
    let held = text_of(&answer, "held");
    Some(ServerKeys {
        version: number_of(&answer, "version"),
        newest: import(&text_of(&answer, "key")).await?,
        held: if held.is_empty() {
            None
        } else {
            import(&held).await
        },
        offline: field(&answer, "offline").as_bool() == Some(true),
    })
}

/// This device's pepper for `person`, from its cookie (plain, or `__Host-` over TLS).
fn pepper(person: &str) -> Option<Vec<u8>> {
    let cookies = Reflect::get(&document(), &JsValue::from_str("cookie"))
        .ok()?
        .as_string()?;
    let name = format!("pathway_pepper_{person}");
    cookies
        .split(';')
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(cookie, value)| cookie.trim_start_matches("__Host-") == name && !value.is_empty())
        .and_then(|(_, value)| crypto::decode(value).ok())
}

/// The password wrapping key: PBKDF2 over the device's pepper and the record's salt.
async fn password_key(
    password: &str,
    pepper: &[u8],
    record: &KeyRecord,
) -> Result<CryptoKey, UnlockError> {
    let salt = crypto::decode(&record.salt)?;
    let mixed: Vec<u8> = pepper.iter().chain(salt.iter()).copied().collect();
    Ok(crypto::password_key(password, &mixed, record.iterations).await?)
}

/// Opens `record` with the password, on a device set up for offline drafting.
async fn open_with_password(
    person: &str,
    record: &KeyRecord,
    password: &str,
) -> Result<Vec<u8>, UnlockError> {
    let sealed = match &record.by_password {
        Some(sealed) if record.peppered => sealed,
        _ => return Err(UnlockError::NotSetUp),
    };
    let pepper = pepper(person).ok_or(UnlockError::NotSetUp)?;
    let key = password_key(password, &pepper, record).await?;
    crypto::open(&key, sealed, &context(person, "password"))
        .await
        .map_err(|_| UnlockError::WrongPassword)
}

/// Opens `record` with the server's key of the version it was wrapped with.
async fn open_with_server(person: &str, record: &KeyRecord, keys: &ServerKeys) -> Option<Vec<u8>> {
    let key = keys.for_version(record.version)?;
    let sealed = record.by_server.as_ref()?;
    crypto::open(key, sealed, &context(person, "server"))
        .await
        .ok()
}

/// A record of `raw`, wrapped by the server's newest key and, when `password` and the
/// device's `pepper` are given, by the password.
async fn wrapped(
    person: &str,
    raw: &[u8],
    keys: &ServerKeys,
    password: Option<(&str, &[u8])>,
) -> Result<KeyRecord, UnlockError> {
    let mut record = KeyRecord {
        salt: crypto::encode(&crypto::random_bytes(16)?),
        iterations: crypto::PBKDF2_ITERATIONS,
        peppered: true,
        by_password: None,
        version: keys.version,
        by_server: Some(crypto::seal(&keys.newest, raw, &context(person, "server")).await?),
    };
    if let Some((password, pepper)) = password {
        let key = password_key(password, pepper, &record).await?;
        record.by_password = Some(crypto::seal(&key, raw, &context(person, "password")).await?);
    }
    Ok(record)
}

/// Where the password wrapping's pepper comes from when a device is enrolled.
#[derive(Clone, Debug)]
enum Pepper {
    /// Not asked for: only a device already set up keeps (and renews) its password wrap.
    NotAsked,
    /// "Use this device to write drafts offline" ticked at sign-in: issued now, once the
    /// existing record is open.
    Ask,
    /// Issued already, by the set-up on "Where you're signed in" (base64).
    Issued(String),
}

/// At sign-in, online, with the password just typed: unlocks the existing data key (or makes
/// one) and wraps it again with the server's newest key, and with the password when the
/// person asked to use this device offline (`offline`: a pepper is issued), or when it
/// already is set up for them (wrapped again, so a changed password opens it); otherwise
/// nothing derived from the password is stored.
pub async fn enrol(person: &str, password: &str, offline: bool) -> Result<(), UnlockError> {
    let pepper = if offline {
        Pepper::Ask
    } else {
        Pepper::NotAsked
    };
    wrap_again(person, password, pepper).await
}

/// Later, on "Where you're signed in", with the password typed again and the pepper the
/// server issued for it (base64): the device is set up for offline drafting.
pub async fn set_up_here(person: &str, password: &str, pepper: String) -> Result<(), UnlockError> {
    wrap_again(person, password, Pepper::Issued(pepper)).await
}

/// [`enrol`] and [`set_up_here`]: the key opened and wrapped again, with the password when
/// `pepper` gives one.
async fn wrap_again(person: &str, password: &str, pepper: Pepper) -> Result<(), UnlockError> {
    let existing = load_record(person);
    let keys = server_keys(existing.as_ref().map(|record| record.version))
        .await
        .ok_or(UnlockError::Unavailable)?;
    let mut raw = None;
    if let Some(record) = &existing {
        raw = open_with_server(person, record, &keys).await;
        if raw.is_none() {
            // with the cookie's pepper: at sign-in a new one is only asked for below
            raw = open_with_password(person, record, password).await.ok();
        }
        if raw.is_none() {
            // Neither wrap opens: keep the old record beside the new one, so its drafts are
            // never destroyed.
            let aside = format!("{}:set-aside:{}", record_key(person), js_sys::Date::now());
            store(&aside, record)?;
        }
    }
    let raw = match raw {
        Some(raw) => raw,
        None => crypto::random_bytes(crypto::KEY_BYTES)?,
    };
    let pepper = match pepper {
        Pepper::Ask => {
            let password = vec![("password".to_owned(), password.to_owned())];
            vault_call("/api/vault/set_up_offline", &password)
                .await
                .and_then(|answer| answer.as_string())
                .and_then(|encoded| crypto::decode(&encoded).ok())
        }
        Pepper::Issued(encoded) => {
            Some(crypto::decode(&encoded).map_err(|_| UnlockError::Unavailable)?)
        }
        Pepper::NotAsked => {
            let already = keys.offline
                && existing
                    .as_ref()
                    .is_some_and(|record| record.peppered && record.by_password.is_some());
            if already {
                self::pepper(person)
            } else {
                None
            }
        }
    };
    let by_password = pepper.as_deref().map(|pepper| (password, pepper));
    save_record(person, &wrapped(person, &raw, &keys, by_password).await?)?;
    remember(person, &raw).await
}

/// Online, on any page: unlocks with the server's key without asking. A record wrapped with
/// an older key is wrapped again with the newest; on a device no longer set up for offline
/// drafting (forgotten on the sessions page) the password wrap goes. A person with no keys
/// on this device yet (signed in with JavaScript off) gets a data key wrapped by the
/// server's key only.
pub async fn unlock_online(person: &str) -> Result<(), UnlockError> {
    if is_unlocked(person) {
        return Ok(());
    }
    let record = load_record(person);
    let keys = server_keys(record.as_ref().map(|record| record.version))
        .await
        .ok_or(UnlockError::NeedsPassword)?;
    match record {
        Some(mut record) => {
            let raw = open_with_server(person, &record, &keys)
                .await
                .ok_or(UnlockError::NeedsPassword)?;
            let stale = record.version != keys.version;
            let forgotten = !keys.offline && record.by_password.is_some();
            if stale || forgotten {
                let by_password = record.by_password.take().filter(|_| keys.offline);
                let mut fresh = wrapped(person, &raw, &keys, None).await?;
                if let Some(sealed) = by_password {
                    // the password wrap does not depend on the server's key: kept as it is
                    fresh.salt = record.salt;
                    fresh.iterations = record.iterations;
                    fresh.peppered = record.peppered;
                    fresh.by_password = Some(sealed);
                }
                // unlocking goes ahead when the browser refuses the write (storage full):
                // the record still on the device opens as it did
                let _ = save_record(person, &fresh);
            }
            remember(person, &raw).await
        }
        None => {
            let raw = crypto::random_bytes(crypto::KEY_BYTES)?;
            save_record(person, &wrapped(person, &raw, &keys, None).await?)?;
            remember(person, &raw).await
        }
    }
}

/// Whether this device can open `person`'s drafts with the password and no network.
pub fn offline_ready(person: &str) -> bool {
    load_record(person).is_some_and(|record| record.peppered && record.by_password.is_some())
        && pepper(person).is_some()
}

/// Offline: unlocks with the password. A wrong password changes nothing.
pub async fn unlock_with_password(person: &str, password: &str) -> Result<(), UnlockError> {
    let record = load_record(person).ok_or(UnlockError::NoKeys)?;
    let raw = open_with_password(person, &record, password).await?;
    remember(person, &raw).await
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
