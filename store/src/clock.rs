//! The server's one clock: the instant, and the date in the United Kingdom (Europe/London),
//! which is what "today" means in every rule (a deadline, an anniversary, "dated today").
//! Between 00:00 and 01:00 in British Summer Time the UTC date is still yesterday, so the
//! UTC date is never used as "today". Nothing else on the server reads the system time.
//!
//! The clock travels with the database handle ([`crate::db::Db::clock`]), which
//! every request and store function already has. A test build (`cfg(test)` or the
//! `test-clock` feature, which only the server's tests enable) can fix and move it; a
//! production build has no way to, and no request can reach it.
//!
//! Also the portable storage forms: ISO 8601 UTC text that sorts as text, and UUIDv7 text.

use chrono::{DateTime, NaiveDate, Utc};

#[derive(Clone, Debug, Default)]
pub struct Clock {
    #[cfg(any(test, feature = "test-clock"))]
    fixed: Option<std::sync::Arc<std::sync::Mutex<DateTime<Utc>>>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self::default()
    }

    pub fn now(&self) -> DateTime<Utc> {
        #[cfg(any(test, feature = "test-clock"))]
        if let Some(fixed) = &self.fixed {
            return *fixed.lock().unwrap_or_else(|e| e.into_inner());
        }
        Utc::now()
    }

    /// Today's date in the United Kingdom.
    pub fn today(&self) -> NaiveDate {
        pathway_core::domain::london_date(self.now())
    }
}

#[cfg(any(test, feature = "test-clock"))]
impl Clock {
    /// A clock that stays at `at` until moved (test builds only).
    pub fn fixed(at: DateTime<Utc>) -> Self {
        Self {
            fixed: Some(std::sync::Arc::new(std::sync::Mutex::new(at))),
        }
    }

    /// Moves a fixed clock (and every handle cloned from it) to `at`.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(fixed) = &self.fixed {
            *fixed.lock().unwrap_or_else(|e| e.into_inner()) = at;
        }
    }
}

/// "2026-11-23T14:06:00Z"
pub fn stamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub fn parse(text: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .ok()
        .map(|at| at.with_timezone(&Utc))
}

pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn utc(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, min, 0)
            .single()
            .expect("instant")
    }

    /// Issue 11 item 5: at 00:30 BST on 15 June the UTC date is still 14 June; "today" in
    /// every rule is the UK date.
    #[test]
    fn today_is_the_uk_date_in_british_summer_time() {
        let clock = Clock::fixed(utc(2026, 6, 14, 23, 30));
        assert_eq!(clock.now().date_naive().to_string(), "2026-06-14");
        assert_eq!(clock.today().to_string(), "2026-06-15");
        clock.set(utc(2026, 12, 14, 23, 30)); // GMT: the dates agree
        assert_eq!(clock.today().to_string(), "2026-12-14");
    }

    #[test]
    fn clones_share_a_fixed_clock() {
        let clock = Clock::fixed(utc(2026, 1, 1, 9, 0));
        let copy = clock.clone();
        clock.set(utc(2026, 3, 1, 9, 0));
        assert_eq!(copy.now(), utc(2026, 3, 1, 9, 0));
    }
}
