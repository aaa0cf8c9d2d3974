//! Sign-in throttling (issue 17 item 2), counted with `crate::rate` so every server
//! instance shares the counts.
//!
//! - **Per account**: five attempts in a fifteen-minute window, then refused until the window
//!   ends, even with the right password. A browser the person has signed in on before (its
//!   device cookie, `devices`) counts apart from everyone else, so guesses made elsewhere
//!   cannot keep a person locked out of the devices they use.
//! - **Per address**: past twenty attempts in the window an address is slowed down, never
//!   refused, because an office or a proxy puts many honest people behind one address. IPv6
//!   addresses count per /64, the block one household or device usually holds.
//!
//! Every attempt raises its counters *before* the password is checked, in one atomic
//! statement that answers the new count: parallel guesses each see their own place in the
//! queue, so only the first five of any burst are ever checked. A success takes its attempt
//! back off the counts.

use crate::db::Db;
use crate::rate::{self, minutes_until};
use chrono::{DateTime, Duration, Utc};
use pathway_core::error::AppError;
use std::net::IpAddr;

pub const WINDOW_MINUTES: i64 = 15;
/// Attempts on one account (or from one known device of its owner) within the window.
pub const ACCOUNT_LIMIT: i64 = 5;
/// Attempts from one address within the window before each further one is slowed.
pub const ADDRESS_LIMIT: i64 = 20;
/// The longest an address is made to wait before an attempt is checked.
pub const MAX_DELAY_SECONDS: i64 = 10;

/// The counters one attempt raises.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Keys {
    /// The account, or the person's known device when the attempt comes from one.
    person: String,
    address: String,
}

impl Keys {
    /// `device`: the digest of the attempt's device cookie when it is a known device of the
    /// account asked for.
    pub fn new(email: &str, device: Option<&str>, ip: &str) -> Self {
        let person = match device {
            Some(device) => format!("device:{device}"),
            None => format!("account:{email}"),
        };
        Self {
            person: rate::key(&person),
            address: rate::key(&format!("address:{}", address_block(ip))),
        }
    }
}

/// What the counters say about one attempt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verdict {
    /// Refused (the account is locked): the message, with how long until it opens.
    pub refused: Option<String>,
    /// How long to hold the attempt before checking it (its address is busy).
    pub delay: std::time::Duration,
}

/// Counts one attempt against its account (or device) and its address.
pub async fn admit(db: &Db, keys: &Keys, now: DateTime<Utc>) -> Result<Verdict, AppError> {
    let window = Duration::minutes(WINDOW_MINUTES);
    rate::forget_old(db, now).await?;
    let (address_attempts, _) = rate::hit(db, &keys.address, window, now).await?;
    let (person_attempts, window_start) = rate::hit(db, &keys.person, window, now).await?;
    let refused = (person_attempts > ACCOUNT_LIMIT)
        .then(|| message(minutes_until(window_start + window, now)));
    Ok(Verdict {
        refused,
        delay: address_delay(address_attempts),
    })
}

/// A correct password: the account's (or device's) count starts again, and the attempt no
/// longer counts against its address.
pub async fn succeeded(db: &Db, keys: &Keys) -> Result<(), AppError> {
    rate::reset(db, &keys.person).await?;
    rate::take_back(db, &keys.address).await
}

/// One more second for each attempt past the address's limit, up to the maximum.
pub fn address_delay(attempts: i64) -> std::time::Duration {
    let seconds = (attempts - ADDRESS_LIMIT).clamp(0, MAX_DELAY_SECONDS);
    std::time::Duration::from_secs(seconds.unsigned_abs())
}

/// What an address counts as: an IPv4 address itself (also when written IPv4-mapped), an
/// IPv6 address by its /64. Text that is no address counts as itself.
pub fn address_block(ip: &str) -> String {
    match ip.parse::<IpAddr>() {
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Ok(IpAddr::V6(v6)) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
        Err(_) => ip.to_owned(),
    }
}

pub fn message(minutes: i64) -> String {
    let unit = if minutes == 1 { "minute" } else { "minutes" };
    format!("Too many sign-in attempts. Try again in {minutes} {unit}.")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_message_says_how_long_to_wait() {
        assert_eq!(
            message(1),
            "Too many sign-in attempts. Try again in 1 minute."
        );
        assert_eq!(
            message(3),
            "Too many sign-in attempts. Try again in 3 minutes."
        );
    }

    /// Issue 17 item 2: a busy address is slowed, a second more per attempt, never refused.
    #[test]
    fn an_address_past_its_limit_waits_longer_up_to_a_ceiling() {
        assert_eq!(address_delay(ADDRESS_LIMIT).as_secs(), 0);
        assert_eq!(address_delay(ADDRESS_LIMIT + 1).as_secs(), 1);
        assert_eq!(address_delay(ADDRESS_LIMIT + 4).as_secs(), 4);
        assert_eq!(address_delay(10_000).as_secs(), MAX_DELAY_SECONDS as u64);
    }

    /// Issue 17 item 2: IPv6 counts per /64; an IPv4-mapped address counts as its IPv4.
    #[test]
    fn ipv6_addresses_count_by_their_64_block() {
        assert_eq!(
            address_block("2001:db8:1:2:aaaa::1"),
            address_block("2001:db8:1:2:bbbb:cccc:dddd:eeee")
        );
        assert_ne!(
            address_block("2001:db8:1:2::1"),
            address_block("2001:db8:1:3::1")
        );
        assert_eq!(address_block("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(address_block("192.0.2.7"), "192.0.2.7");
        assert_ne!(address_block("192.0.2.7"), address_block("192.0.2.8"));
    }

    #[test]
    fn a_known_device_counts_apart_from_its_account() {
        let elsewhere = Keys::new("a@pathway.example", None, "192.0.2.7");
        let device = Keys::new("a@pathway.example", Some("d1"), "192.0.2.7");
        assert_ne!(elsewhere.person, device.person);
        assert_eq!(elsewhere.address, device.address);
    }
}
