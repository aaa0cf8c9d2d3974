//! Sign-in throttling, per account and per address, counted from `sign_in_failures` so
//! every server instance shares the count. A locked account stays locked even for the
//! right password until the window passes; a success clears that account's failures.

use crate::clock::{new_id, parse, stamp};
use crate::db::Db;
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;

pub const WINDOW_MINUTES: i64 = 15;
/// Failures for one email within the window before it is locked.
pub const ACCOUNT_LIMIT: usize = 5;
/// Failures from one address within the window (higher: an office shares one address).
pub const ADDRESS_LIMIT: usize = 20;

/// Refuses with 429 when the email or the address has failed too often recently.
pub async fn check(db: &Db, email: &str, ip: &str, now: DateTime<Utc>) -> Result<(), AppError> {
    let since = stamp(now - Duration::minutes(WINDOW_MINUTES));
    let by_email: Vec<(String,)> = sqlx::query_as(
        "SELECT failed_at FROM sign_in_failures WHERE email = $1 AND failed_at > $2 ORDER BY failed_at",
    )
    .bind(email)
    .bind(&since)
    .fetch_all(db.pool())
    .await?;
    let by_address: Vec<(String,)> = sqlx::query_as(
        "SELECT failed_at FROM sign_in_failures WHERE ip = $1 AND failed_at > $2 ORDER BY failed_at",
    )
    .bind(ip)
    .bind(&since)
    .fetch_all(db.pool())
    .await?;
    let wait = [(by_email, ACCOUNT_LIMIT), (by_address, ADDRESS_LIMIT)]
        .into_iter()
        .filter_map(|(failures, limit)| wait_minutes(&failures, limit, now))
        .max();
    match wait {
        None => Ok(()),
        Some(minutes) => Err(AppError::TooManyRequests(message(minutes))),
    }
}

/// Minutes until the count drops below `limit` (None when it is already below).
fn wait_minutes(failures: &[(String,)], limit: usize, now: DateTime<Utc>) -> Option<i64> {
    if failures.len() < limit {
        return None;
    }
    // the failure whose expiry brings the count back under the limit
    let index = failures.len() - limit;
    let at = parse(&failures[index].0)?;
    let seconds = (at + Duration::minutes(WINDOW_MINUTES) - now).num_seconds();
    Some(((seconds + 59) / 60).max(1))
}

pub fn message(minutes: i64) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many sign-in attempts. Try again in {minutes} {unit}.")
}

pub async fn record_failure(
    db: &Db,
    email: &str,
    ip: &str,
    now: DateTime<Utc>,
) -> Result<(), AppError> {
    sqlx::query("INSERT INTO sign_in_failures (id, email, ip, failed_at) VALUES ($1, $2, $3, $4)")
        .bind(new_id())
        .bind(email)
        .bind(ip)
        .bind(stamp(now))
        .execute(db.pool())
        .await?;
    // keep the table small: nothing older than a day is ever counted
    sqlx::query("DELETE FROM sign_in_failures WHERE failed_at < $1")
        .bind(stamp(now - Duration::days(1)))
        .execute(db.pool())
        .await?;
    Ok(())
}

pub async fn clear_account(db: &Db, email: &str) -> Result<(), AppError> {
    sqlx::query("DELETE FROM sign_in_failures WHERE email = $1")
        .bind(email)
        .execute(db.pool())
        .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_runs_until_the_oldest_counted_failure_leaves_the_window() {
        let now = parse("2026-11-23T14:15:00Z").unwrap();
        let failures: Vec<(String,)> = ["14:03:00", "14:05:00", "14:06:00", "14:07:00", "14:08:00"]
            .iter()
            .map(|t| (format!("2026-11-23T{t}Z"),))
            .collect();
        assert_eq!(wait_minutes(&failures, 5, now), Some(3));
        assert_eq!(wait_minutes(&failures[1..], 5, now), None);
        assert_eq!(
            message(1),
            "Too many sign-in attempts. Try again in 1 minute."
        );
        assert_eq!(
            message(3),
            "Too many sign-in attempts. Try again in 3 minutes."
        );
    }
}
