//! The server's half of drafts encrypted at rest (issue 7, docs/security.md): one random
//! 256-bit unlock key per person, made on first request and released only to that person's
//! live session. The key never leaves the server otherwise and is never logged.

use crate::auth::Caller;
use crate::clock::stamp;
use crate::db::Db;
use argon2::password_hash::rand_core::{OsRng, RngCore};
use base64::engine::general_purpose::STANDARD;
use base64::Engine;
use pathway_core::error::AppError;

/// The caller's unlock key (base64 of 32 bytes), made if this is the first request.
pub async fn unlock_key(db: &Db, caller: &Caller) -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    // Two first requests at once both insert; the second does nothing and both read the one
    // stored key, so every device of this person wraps with the same key.
    sqlx::query(
        "INSERT INTO device_unlock_keys (person_id, unlock_key, created_at) VALUES ($1, $2, $3)
         ON CONFLICT (person_id) DO NOTHING",
    )
    .bind(&caller.person_id)
    .bind(STANDARD.encode(bytes))
    .bind(stamp(db.clock().now()))
    .execute(db.pool())
    .await?;
    let (key,): (String,) =
        sqlx::query_as("SELECT unlock_key FROM device_unlock_keys WHERE person_id = $1")
            .bind(&caller.person_id)
            .fetch_one(db.pool())
            .await?;
    Ok(key)
}
