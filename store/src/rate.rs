//! Counters in fixed windows, shared by every server instance through the database
//! (`rate_counters`): the sign-in throttle and the sync push limit count with them. A key is
//! stored only as its SHA-256 digest, so no email or address sits in the table.

use crate::auth::sessions::digest;
use crate::clock::{parse, stamp};
use crate::db::Db;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;

/// A counter's name as stored: the digest of what it counts.
pub fn key(name: &str) -> String {
    digest(name)
}

/// Raises the counter `key` by one, starting a new window when its last one (`window` long)
/// has ended; answers the count and when its window began. One statement, so concurrent
/// requests on the same key each get a different count, on both databases.
pub async fn hit(
    db: &Db,
    key: &str,
    window: Duration,
    now: DateTime<Utc>,
) -> Result<(i64, DateTime<Utc>), AppError> {
    let (count, window_start): (i64, String) = sqlx::query_as(
        "INSERT INTO rate_counters (counter_key, window_start, attempts) VALUES ($1, $2, 1)
         ON CONFLICT (counter_key) DO UPDATE SET
           attempts = CASE WHEN rate_counters.window_start <= $3 THEN 1
                           ELSE rate_counters.attempts + 1 END,
           window_start = CASE WHEN rate_counters.window_start <= $3 THEN $2
                               ELSE rate_counters.window_start END
         RETURNING attempts, window_start",
    )
    .bind(key)
    .bind(stamp(now))
    .bind(stamp(now - window))
    .fetch_one(db.pool())
    .await?;
    Ok((count, parse(&window_start).unwrap_or(now)))
}

/// Forgets the counter `key` (its next hit starts a new window).
pub async fn reset(db: &Db, key: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rate_counters WHERE counter_key = $1")
        .bind(key)
        .execute(db.pool())
        .await?;
    Ok(())
}

/// Takes one back off the counter `key` (a request that turned out not to count).
pub async fn take_back(db: &Db, key: &str) -> Result<(), AppError> {
    sqlx::query(
        "UPDATE rate_counters SET attempts = attempts - 1 WHERE counter_key = $1 AND attempts > 0",
    )
    .bind(key)
    .execute(db.pool())
    .await?;
    Ok(())
}

/// Whole minutes until `opens` (at least one: never "in 0 minutes").
pub fn minutes_until(opens: DateTime<Utc>, now: DateTime<Utc>) -> i64 {
    let seconds = (opens - now).num_seconds();
    ((seconds + 59) / 60).max(1)
}

/// Keeps the table small: no window is longer than a day, so older counters are never read.
/// Called once per sign-in attempt (where keys are many: every address and email tried),
/// not per counter raised; a sync push raises one counter per person, which never piles up.
pub async fn forget_old(db: &Db, now: DateTime<Utc>) -> Result<(), AppError> {
    sqlx::query("DELETE FROM rate_counters WHERE window_start < $1")
        .bind(stamp(now - Duration::days(1)))
        .execute(db.pool())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_in_whole_minutes_and_never_zero() {
        let now = parse("2026-11-23T14:15:00Z").unwrap();
        let opens = parse("2026-11-23T14:17:01Z").unwrap();
        assert_eq!(minutes_until(opens, now), 3);
        assert_eq!(minutes_until(now, now), 1);
    }
}
