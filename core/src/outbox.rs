//! Email waiting to be sent (issue 14 item 6), as administrators see it, and the sender's
//! retry rule. Shared by the server (which keeps the outbox) and the admin page.

use serde::{Deserialize, Serialize};

/// Rows on one page of the administrators' unsent list.
pub const PAGE_SIZE: u32 = 20;

/// The first retry waits this long; each later one twice as long as the one before …
pub const FIRST_RETRY_SECONDS: i64 = 30;
/// … up to this: a mail server that is down for a day is tried every hour, never given up on.
pub const LONGEST_RETRY_SECONDS: i64 = 60 * 60;

/// How long to wait before trying again after `failures` failed attempts (at least one).
pub fn retry_after_seconds(failures: u32) -> i64 {
    let doublings = failures.saturating_sub(1).min(16);
    (FIRST_RETRY_SECONDS << doublings).min(LONGEST_RETRY_SECONDS)
}

/// One email not yet accepted by the mail server.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsentMail {
    pub to_name: String,
    pub to_address: String,
    pub subject: String,
    /// When it was written, UK time ("2 December 2026, 14:06").
    pub queued: String,
    pub attempts: i64,
    /// The mail server's (or the network's) last refusal; `None` before the first attempt.
    pub last_error: Option<String>,
    /// When the sender tries next, UK time.
    pub next_attempt: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnsentMailPage {
    pub rows: Vec<UnsentMail>,
    /// Unsent email in all, on every page.
    pub total: u32,
    pub page: u32,
    pub pages: u32,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_from_thirty_seconds_to_an_hour_and_never_stop() {
        let waits: Vec<i64> = (1..=9).map(retry_after_seconds).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(retry_after_seconds(u32::MAX), LONGEST_RETRY_SECONDS);
        // a caller that passes 0 still waits (never a busy loop against a dead server)
        assert_eq!(retry_after_seconds(0), FIRST_RETRY_SECONDS);
    }
}
