//! Progression Panel deadlines (PANEL-3, PANEL-4) in UK local time.
//!
//! - PANEL-3: papers are due "exactly two weeks prior to the panel date by
//!   11am": 14 **calendar** days before the panel date, at 11:00 Europe/London
//!   (GMT or BST, whichever is in force on that day). Counting calendar days,
//!   not 14 × 24 hours, keeps the deadline at 11:00 local across clock changes.
//! - PANEL-4: the secretariat circulates the papers "by 11am the following
//!   day": 11:00 Europe/London on the day after the submission deadline.
//!
//! Instants are returned in UTC for storage and comparison. 11:00 is never in
//! a clock-change gap or overlap in the UK (changes happen at 01:00 UTC), so
//! the local time always exists exactly once.

use super::format::format_date;
use chrono::{
    DateTime, Days, LocalResult, NaiveDate, NaiveTime, TimeDelta, TimeZone, Timelike, Utc,
};
use chrono_tz::Europe::London;
use serde::{Deserialize, Serialize};

/// Calendar days between the submission deadline and the panel date.
pub const SUBMISSION_DAYS_BEFORE_PANEL: u64 = 14;
/// Local time of both the submission deadline and the circulation deadline.
pub const CUTOFF_HOUR: u32 = 11;

/// Both PANEL-3 and PANEL-4 instants for one panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelDeadlines {
    pub panel_date: NaiveDate,
    pub submission_deadline: DateTime<Utc>,
    pub circulation_due: DateTime<Utc>,
}

/// The PANEL-3 and PANEL-4 deadlines for a panel held on `panel_date` (a UK date).
pub fn deadlines(panel_date: NaiveDate) -> PanelDeadlines {
    PanelDeadlines {
        panel_date,
        submission_deadline: submission_deadline(panel_date),
        circulation_due: circulation_due(panel_date),
    }
}

/// The day papers are due: 14 calendar days before the panel.
pub fn submission_day(panel_date: NaiveDate) -> NaiveDate {
    panel_date
        .checked_sub_days(Days::new(SUBMISSION_DAYS_BEFORE_PANEL))
        .unwrap_or(NaiveDate::MIN)
}

/// PANEL-3: 11:00 Europe/London, 14 calendar days before `panel_date`.
pub fn submission_deadline(panel_date: NaiveDate) -> DateTime<Utc> {
    london_cutoff(submission_day(panel_date))
}

/// PANEL-4: 11:00 Europe/London on the day after the submission deadline.
pub fn circulation_due(panel_date: NaiveDate) -> DateTime<Utc> {
    let day = submission_day(panel_date);
    london_cutoff(day.succ_opt().unwrap_or(day))
}

/// Whether papers received at `submitted_at` meet the PANEL-3 deadline.
///
/// "By 11am" is read as "no later than 11:00:00": a submission at exactly
/// 11:00:00 (to the nanosecond) is on time, one at 11:00:01 (or 11:00:00.001)
/// is late.
pub fn is_on_time(panel_date: NaiveDate, submitted_at: DateTime<Utc>) -> bool {
    submitted_at <= submission_deadline(panel_date)
}

/// The UK calendar date of an instant (e.g. the submission date for pay).
pub fn london_date(instant: DateTime<Utc>) -> NaiveDate {
    instant.with_timezone(&London).date_naive()
}

/// An instant as a UK reader expects it: `"11:00 on 27 March 2026"`.
pub fn format_london(instant: DateTime<Utc>) -> String {
    let local = instant.with_timezone(&London);
    format!(
        "{} on {}",
        super::format::format_hour_minute(local.hour(), local.minute()),
        format_date(local.date_naive())
    )
}

/// 11:00 Europe/London on `day`, as UTC.
fn london_cutoff(day: NaiveDate) -> DateTime<Utc> {
    let local = day.and_time(NaiveTime::from_hms_opt(CUTOFF_HOUR, 0, 0).unwrap_or(NaiveTime::MIN));
    match London.from_local_datetime(&local) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t.with_timezone(&Utc),
        // Unreachable for 11:00 in the UK; take the first valid local time after the gap.
        LocalResult::None => local
            .checked_add_signed(TimeDelta::hours(1))
            .and_then(|later| London.from_local_datetime(&later).earliest())
            .map_or_else(|| local.and_utc(), |t| t.with_timezone(&Utc)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Duration, Timelike};
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn utc(y: i32, m: u32, day: u32, h: u32, min: u32, s: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, day, h, min, s)
            .single()
            .expect("valid instant")
    }

    /// Clocks go forward on 29 March 2026 and back on 25 October 2026.
    #[test]
    fn panel_3_and_4_deadlines_around_clock_changes() {
        // panel date; deadline and circulation due as (year, month, day, hour) in UTC
        #[rustfmt::skip]
        let cases = [
            ((2026, 4, 7), (2026, 3, 24, 11), (2026, 3, 25, 11)), // GMT deadline, BST panel
            ((2026, 4, 11), (2026, 3, 28, 11), (2026, 3, 29, 10)), // circulation after change
            ((2026, 4, 12), (2026, 3, 29, 10), (2026, 3, 30, 10)), // deadline on change day
            ((2026, 4, 20), (2026, 4, 6, 10), (2026, 4, 7, 10)), // all BST
            ((2026, 11, 7), (2026, 10, 24, 10), (2026, 10, 25, 11)), // circulation after change
            ((2026, 11, 8), (2026, 10, 25, 11), (2026, 10, 26, 11)), // deadline on change day
            ((2026, 11, 3), (2026, 10, 20, 10), (2026, 10, 21, 10)), // BST deadline, GMT panel
            ((2027, 1, 15), (2027, 1, 1, 11), (2027, 1, 2, 11)), // across new year
            ((2060, 7, 15), (2060, 7, 1, 10), (2060, 7, 2, 10)), // BST rules continue
        ];
        let at = |(y, m, day, h): (i32, u32, u32, u32)| utc(y, m, day, h, 0, 0);
        for ((y, m, day), deadline, circulation) in cases {
            let panel = d(y, m, day);
            let (deadline, circulation) = (at(deadline), at(circulation));
            let got = deadlines(panel);
            assert_eq!(got.submission_deadline, deadline, "deadline for {panel}");
            assert_eq!(got.circulation_due, circulation, "circulation for {panel}");
        }
    }

    #[test]
    fn panel_3_one_second_either_side_of_11_local() {
        // (panel date, 11:00 local in UTC): one panel in GMT, one in BST.
        for (panel, cutoff) in [
            (d(2026, 2, 20), utc(2026, 2, 6, 11, 0, 0)),
            (d(2026, 7, 15), utc(2026, 7, 1, 10, 0, 0)),
        ] {
            assert!(
                is_on_time(panel, cutoff - Duration::seconds(1)),
                "10:59:59 for {panel}"
            );
            assert!(is_on_time(panel, cutoff), "11:00:00 exactly for {panel}");
            assert!(
                !is_on_time(panel, cutoff + Duration::seconds(1)),
                "11:00:01 for {panel}"
            );
            assert!(!is_on_time(panel, cutoff + Duration::milliseconds(1)));
        }
    }

    #[test]
    fn panel_3_deadline_formatted_in_uk_time() {
        assert_eq!(
            format_london(submission_deadline(d(2026, 4, 20))),
            "11:00 on 6 April 2026"
        );
        assert_eq!(london_date(utc(2026, 6, 30, 23, 30, 0)), d(2026, 7, 1));
    }

    proptest! {
        /// The deadline is always 14 calendar days before at 11:00 local, and
        /// circulation is always 11:00 local the next day.
        #[test]
        fn panel_3_deadline_always_14_days_before_at_11_local(days in 0u64..(200 * 366)) {
            let panel = d(1950, 1, 1) + Days::new(days);
            let deadline = submission_deadline(panel).with_timezone(&London);
            prop_assert_eq!(deadline.date_naive() + Days::new(14), panel);
            prop_assert_eq!((deadline.hour(), deadline.minute(), deadline.second(), deadline.nanosecond()), (11, 0, 0, 0));
            let circulation = circulation_due(panel).with_timezone(&London);
            prop_assert_eq!(circulation.date_naive(), deadline.date_naive() + Days::new(1));
            prop_assert_eq!((circulation.hour(), circulation.minute()), (11, 0));
            let gap = circulation_due(panel) - submission_deadline(panel);
            prop_assert!([23, 24, 25].contains(&gap.num_hours()));
        }
    }
}
