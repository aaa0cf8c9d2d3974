//! The additional CPD allowance (CPD-2): 3 days a year beyond formal training
//! (policy §10), counted over the authority's leave year.
//!
//! Counted: evidence items carrying `cpd_centidays`, dated within the leave
//! year that contains `today`, draft or final (a day spent is spent even before
//! the write-up is final), but not items from a previous employer (that
//! allowance was another authority's). Formal learning (core and development
//! training) never carries them: the 3 days are "over and above attendance at
//! formal learning" (policy §10), so the editor records none for it.
//!
//! Days are kept in hundredths of a day ([`Centidays`]) end to end, never
//! floating point: fifteen entries of 0.2 days are exactly 3 days.

use super::evidence::EvidenceFact;
use super::format::{format_date, format_days_with_unit, format_hundredths};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// The first day of the leave year as month and day; default 1 April
/// (so the year runs 1 April to 31 March).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LeaveYear {
    pub start_month: u32,
    pub start_day: u32,
}

impl Default for LeaveYear {
    fn default() -> Self {
        LeaveYear {
            start_month: 4,
            start_day: 1,
        }
    }
}

impl LeaveYear {
    /// A leave year starting on a day that exists in every year (29 February
    /// is refused), or `None`.
    pub fn new(start_month: u32, start_day: u32) -> Option<LeaveYear> {
        NaiveDate::from_ymd_opt(2023, start_month, start_day).map(|_| LeaveYear {
            start_month,
            start_day,
        })
    }

    /// The first and last days of the leave year containing `date`.
    pub fn containing(self, date: NaiveDate) -> (NaiveDate, NaiveDate) {
        let this_year = self.start_in(date.year());
        let start = if date >= this_year {
            this_year
        } else {
            self.start_in(date.year() - 1)
        };
        let next = self.start_in(start.year() + 1);
        (start, next.pred_opt().unwrap_or(next))
    }

    /// The start date in `year`. An invalid month or day (from unchecked
    /// stored data) is clamped to the nearest valid date.
    fn start_in(self, year: i32) -> NaiveDate {
        let month = self.start_month.clamp(1, 12);
        (1..=self.start_day.clamp(1, 31))
            .rev()
            .find_map(|day| NaiveDate::from_ymd_opt(year, month, day))
            .unwrap_or(NaiveDate::MIN)
    }
}

/// An amount of time in hundredths of a day (CPD-2): `Centidays(150)` is 1.5 days.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(transparent)]
pub struct Centidays(pub u32);

impl Centidays {
    /// `"1 day"`, `"1.5 days"`.
    pub fn with_unit(self) -> String {
        format_days_with_unit(self.0.into())
    }

    /// `"1.5"`.
    pub fn number(self) -> String {
        format_hundredths(self.0.into())
    }

    /// Whole days from a catalogue's setting (stored as a JSON number), to the hundredth.
    pub fn from_days(days: f64) -> Self {
        let hundredths = (days * 100.0).round();
        Centidays(if hundredths.is_finite() && hundredths > 0.0 {
            hundredths.min(f64::from(u32::MAX)) as u32
        } else {
            0
        })
    }
}

/// CPD-2 usage for one leave year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CpdAllowance {
    pub year_start: NaiveDate,
    pub year_end: NaiveDate,
    pub allowance: Centidays,
    pub used: Centidays,
    /// Never negative; see `exceeded` and `over`.
    pub left: Centidays,
    pub over: Centidays,
    pub exceeded: bool,
    /// `"1.5 of 3 days used; 1.5 days left (1 April 2026 to 31 March 2027)"`.
    pub summary: String,
}

/// Days of the additional CPD allowance used in the leave year containing `today`.
pub fn cpd_allowance(
    evidence: &[EvidenceFact],
    leave_year: LeaveYear,
    allowance: Centidays,
    today: NaiveDate,
) -> CpdAllowance {
    let (year_start, year_end) = leave_year.containing(today);
    let used = evidence
        .iter()
        .filter(|e| !e.from_previous_employer && (year_start..=year_end).contains(&e.date))
        .filter_map(|e| e.cpd_centidays)
        .fold(0u32, |sum, days| sum.saturating_add(days.0));
    let (used, left, over) = (
        Centidays(used),
        Centidays(allowance.0.saturating_sub(used)),
        Centidays(used.saturating_sub(allowance.0)),
    );
    let exceeded = over.0 > 0;
    let status = if exceeded {
        format!("{} over the allowance", over.with_unit())
    } else {
        format!("{} left", left.with_unit())
    };
    let summary = format!(
        "{} of {} used; {status} ({} to {})",
        used.number(),
        allowance.with_unit(),
        format_date(year_start),
        format_date(year_end),
    );
    CpdAllowance {
        year_start,
        year_end,
        allowance,
        used,
        left,
        over,
        exceeded,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::super::evidence::{EvidenceKind, EvidenceStatus};
    use super::*;
    use uuid::Uuid;

    const THREE: Centidays = Centidays(300);

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    /// CPD-2 (issue 11): fifteen entries of 0.2 days are exactly the 3-day allowance,
    /// not "exceeded" by a floating-point remainder.
    #[test]
    fn cpd_2_fifteen_fifths_of_a_day_are_exactly_three_days() {
        let entries: Vec<_> = (0..15).map(|i| day_used(d(2026, 5, 1 + i), 20)).collect();
        let a = cpd_allowance(&entries, LeaveYear::default(), THREE, d(2026, 9, 1));
        assert_eq!((a.used, a.left, a.exceeded), (THREE, Centidays(0), false));
        assert_eq!(
            a.summary,
            "3 of 3 days used; 0 days left (1 April 2026 to 31 March 2027)"
        );
    }

    fn day_used(date: NaiveDate, centidays: u32) -> EvidenceFact {
        let mut e = EvidenceFact::new(
            Uuid::from_u128(1),
            EvidenceKind::CpdActivity,
            date,
            EvidenceStatus::Final,
        );
        e.cpd_centidays = Some(Centidays(centidays));
        e
    }

    #[test]
    fn cpd_2_default_leave_year_boundaries() {
        let year = LeaveYear::default();
        assert_eq!(
            year.containing(d(2026, 3, 31)),
            (d(2025, 4, 1), d(2026, 3, 31))
        );
        assert_eq!(
            year.containing(d(2026, 4, 1)),
            (d(2026, 4, 1), d(2027, 3, 31))
        );
        let calendar = LeaveYear::new(1, 1).expect("valid");
        assert_eq!(
            calendar.containing(d(2026, 7, 1)),
            (d(2026, 1, 1), d(2026, 12, 31))
        );
        assert_eq!(LeaveYear::new(2, 29), None);
        assert_eq!(LeaveYear::new(13, 1), None);
    }

    #[test]
    fn cpd_2_counts_only_the_current_leave_year() {
        let evidence = [
            day_used(d(2026, 3, 31), 100), // previous leave year
            day_used(d(2026, 4, 1), 100),
            day_used(d(2027, 3, 31), 50),
            EvidenceFact {
                from_previous_employer: true,
                ..day_used(d(2026, 5, 1), 100)
            },
        ];
        let a = cpd_allowance(&evidence, LeaveYear::default(), THREE, d(2026, 9, 1));
        assert_eq!(
            (a.used, a.left, a.exceeded),
            (Centidays(150), Centidays(150), false)
        );
        assert_eq!(
            a.summary,
            "1.5 of 3 days used; 1.5 days left (1 April 2026 to 31 March 2027)"
        );
    }

    #[test]
    fn cpd_2_exactly_used_is_not_exceeded_and_over_is_flagged() {
        let three = [day_used(d(2026, 5, 1), 200), day_used(d(2026, 6, 1), 100)];
        let a = cpd_allowance(&three, LeaveYear::default(), THREE, d(2026, 9, 1));
        assert_eq!((a.used, a.left, a.exceeded), (THREE, Centidays(0), false));
        let more = [day_used(d(2026, 5, 1), 200), day_used(d(2026, 6, 1), 150)];
        let a = cpd_allowance(&more, LeaveYear::default(), THREE, d(2026, 9, 1));
        assert_eq!(
            (a.used, a.left, a.exceeded),
            (Centidays(350), Centidays(0), true)
        );
        assert_eq!(
            a.summary,
            "3.5 of 3 days used; 0.5 days over the allowance (1 April 2026 to 31 March 2027)"
        );
    }
}
