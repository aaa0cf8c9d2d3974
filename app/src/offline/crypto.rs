//! WebCrypto, the browser's own implementation of the cryptography that keeps drafts
//! unreadable at rest (issue 7, docs/security.md): random bytes, PBKDF2-SHA-256 password keys,
//! and AES-GCM-256 sealing with the storage key's name as additional data, so a sealed record
//! cannot be moved to another item or person and still open. Keys are non-extractable.

use base64::engine::general_purpose::STANDARD as BASE64;
use base64::Engine;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use leptos::prelude::window;
use leptos::wasm_bindgen::{JsCast, JsValue};
use serde::{Deserialize, Serialize};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, AesKeyGenParams, CryptoKey, Pbkdf2Params, SubtleCrypto};

/// OWASP's 2023 figure for PBKDF2-HMAC-SHA-256.
pub const PBKDF2_ITERATIONS: u32 = 600_000;
pub const KEY_BYTES: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CryptoError {
    /// This browser has no WebCrypto (or not in this context).
    Unavailable,
    /// Wrong key, or the record was changed: nothing can be read.
    Refused,
}

/// A sealed value as stored: base64 of the 96-bit IV and of the ciphertext with its tag.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sealed {
    pub iv: String,
    pub ct: String,
}

fn subtle() -> Result<SubtleCrypto, CryptoError> {
    Ok(window()
        .crypto()
        .map_err(|_| CryptoError::Unavailable)?
        .subtle())
}

pub fn random_bytes(length: usize) -> Result<Vec<u8>, CryptoError> {
    let mut bytes = vec![0; length];
    window()
        .crypto()
        .map_err(|_| CryptoError::Unavailable)?
        .get_random_values_with_u8_array(&mut bytes)
        .map_err(|_| CryptoError::Unavailable)?;
    Ok(bytes)
}

pub fn encode(bytes: &[u8]) -> String {
    BASE64.encode(bytes)
}

pub fn decode(text: &str) -> Result<Vec<u8>, CryptoError> {
    BASE64.decode(text).map_err(|_| CryptoError::Refused)
}

fn usages(list: &[&str]) -> JsValue {
    list.iter()
        .map(|usage| JsValue::from_str(usage))
        .collect::<Array>()
        .into()
}

async fn settle(promise: Result<Promise, JsValue>) -> Result<JsValue, CryptoError> {
    let promise = promise.map_err(|_| CryptoError::Unavailable)?;
    JsFuture::from(promise)
        .await
        .map_err(|_| CryptoError::Refused)
}

async fn key(promise: Result<Promise, JsValue>) -> Result<CryptoKey, CryptoError> {
    settle(promise)
        .await?
        .dyn_into::<CryptoKey>()
        .map_err(|_| CryptoError::Refused)
}

/// The AES-GCM key derived from a password and salt (PBKDF2-SHA-256).
pub async fn password_key(
    password: &str,
    salt: &[u8],
    iterations: u32,
) -> Result<CryptoKey, CryptoError> {
    let subtle = subtle()?;
    let raw = Uint8Array::from(password.as_bytes());
    let base =
        key(subtle.import_key_with_str("raw", &raw, "PBKDF2", false, &usages(&["deriveKey"])))
            .await?;
    let params =
        Pbkdf2Params::new_with_str("PBKDF2", "SHA-256", iterations, &Uint8Array::from(salt));
    let target = AesKeyGenParams::new("AES-GCM", 256);
    key(subtle.derive_key_with_object_and_object(
        &params,
        &base,
        &target,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await
}

/// An AES-GCM key from raw bytes (the data key once unwrapped, or the server's key).
pub async fn aes_key(raw: &[u8]) -> Result<CryptoKey, CryptoError> {
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"AES-GCM".into())
        .map_err(|_| CryptoError::Unavailable)?;
    key(subtle()?.import_key_with_object(
        "raw",
        &Uint8Array::from(raw),
        &algorithm,
        false,
        &usages(&["encrypt", "decrypt"]),
    ))
    .await
}

fn params(iv: &[u8], context: &str) -> AesGcmParams {
    let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(iv));
    params.set_additional_data(&Uint8Array::from(context.as_bytes()));
    params
}

/// Encrypts `plain` under `key`, bound to `context` (the storage key it will sit under).
pub async fn seal(key: &CryptoKey, plain: &[u8], context: &str) -> Result<Sealed, CryptoError> {
    let iv = random_bytes(12)?;
    let sealed =
        settle(subtle()?.encrypt_with_object_and_u8_array(&params(&iv, context), key, plain))
            .await?;
    Ok(Sealed {
        iv: encode(&iv),
        ct: encode(&Uint8Array::new(&sealed).to_vec()),
    })
}

/// Decrypts a sealed value; `Refused` for a wrong key, another context or a changed record.
pub async fn open(key: &CryptoKey, sealed: &Sealed, context: &str) -> Result<Vec<u8>, CryptoError> {
    let iv = decode(&sealed.iv)?;
    let ct = decode(&sealed.ct)?;
    let plain =
        settle(subtle()?.decrypt_with_object_and_u8_array(&params(&iv, context), key, &ct)).await?;
    Ok(Uint8Array::new(&plain).to_vec())
}
