//! The additional CPD allowance (CPD-2): 3 days a year beyond formal training
//! (policy §10), counted over the authority's leave year.
//!
//! Counted: evidence items carrying `cpd_days`, dated within the leave year
//! that contains `today`, draft or final (a day spent is spent even before the
//! write-up is final), but not items from a previous employer (that allowance
//! was another authority's).

use super::evidence::EvidenceFact;
use super::format::{format_date, format_days, format_days_with_unit};
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

/// CPD-2 usage for one leave year.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CpdAllowance {
    pub year_start: NaiveDate,
    pub year_end: NaiveDate,
    pub allowance: f64,
    pub used: f64,
    /// Never negative; see `exceeded`.
    pub left: f64,
    pub exceeded: bool,
    /// `"1.5 of 3 days used; 1.5 days left (1 April 2026 to 31 March 2027)"`.
    pub summary: String,
}

/// Days of the additional CPD allowance used in the leave year containing `today`.
pub fn cpd_allowance(
    evidence: &[EvidenceFact],
    leave_year: LeaveYear,
    allowance_days: f64,
    today: NaiveDate,
) -> CpdAllowance {
    let (year_start, year_end) = leave_year.containing(today);
    let used: f64 = evidence
        .iter()
        .filter(|e| !e.from_previous_employer && (year_start..=year_end).contains(&e.date))
        .filter_map(|e| e.cpd_days)
        .filter(|days| days.is_finite() && *days > 0.0)
        .sum();
    let exceeded = used > allowance_days;
    let left = (allowance_days - used).max(0.0);
    let status = if exceeded {
        format!(
            "{} over the allowance",
            format_days_with_unit(used - allowance_days)
        )
    } else {
        format!("{} left", format_days_with_unit(left))
    };
    let summary = format!(
        "{} of {} used; {status} ({} to {})",
        format_days(used),
        format_days_with_unit(allowance_days),
        format_date(year_start),
        format_date(year_end),
    );
    CpdAllowance {
        year_start,
        year_end,
        allowance: allowance_days,
        used,
        left,
        exceeded,
        summary,
    }
}

#[cfg(test)]
mod tests {
    use super::super::evidence::{EvidenceKind, EvidenceStatus};
    use super::*;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn day_used(date: NaiveDate, days: f64) -> EvidenceFact {
        let mut e = EvidenceFact::new(
            Uuid::from_u128(1),
            EvidenceKind::CpdActivity,
            date,
            EvidenceStatus::Final,
        );
        e.cpd_days = Some(days);
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
            day_used(d(2026, 3, 31), 1.0), // previous leave year
            day_used(d(2026, 4, 1), 1.0),
            day_used(d(2027, 3, 31), 0.5),
            EvidenceFact {
                from_previous_employer: true,
                ..day_used(d(2026, 5, 1), 1.0)
            },
        ];
        let a = cpd_allowance(&evidence, LeaveYear::default(), 3.0, d(2026, 9, 1));
        assert_eq!((a.used, a.left, a.exceeded), (1.5, 1.5, false));
        assert_eq!(
            a.summary,
            "1.5 of 3 days used; 1.5 days left (1 April 2026 to 31 March 2027)"
        );
    }

    #[test]
    fn cpd_2_exactly_used_is_not_exceeded_and_over_is_flagged() {
        let three = [day_used(d(2026, 5, 1), 2.0), day_used(d(2026, 6, 1), 1.0)];
        let a = cpd_allowance(&three, LeaveYear::default(), 3.0, d(2026, 9, 1));
        assert_eq!((a.used, a.left, a.exceeded), (3.0, 0.0, false));
        let more = [day_used(d(2026, 5, 1), 2.0), day_used(d(2026, 6, 1), 1.5)];
        let a = cpd_allowance(&more, LeaveYear::default(), 3.0, d(2026, 9, 1));
        assert_eq!((a.used, a.left, a.exceeded), (3.5, 0.0, true));
        assert_eq!(
            a.summary,
            "3.5 of 3 days used; 0.5 days over the allowance (1 April 2026 to 31 March 2027)"
        );
    }
}
