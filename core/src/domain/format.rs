//! Plain-English formatting for the reasons shown to workers, and the calendar
//! arithmetic that time-based rules share.
//!
//! Numbers use thousands separators (`1,612`) and dates are written the British
//! way without a leading zero (`10 January 2027`).

use chrono::{Datelike, NaiveDate};

/// A whole number with thousands separators: `1612` → `"1,612"`.
pub fn format_count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A date as a worker reads it: `"10 January 2027"`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// Hundredths of a day (or of an hour): `300` → `"3"`, `150` → `"1.5"`, `25` → `"0.25"`.
/// Amounts are kept in whole hundredths end to end, never floating point (CPD-2).
pub fn format_hundredths(hundredths: u64) -> String {
    let (whole, part) = (hundredths / 100, hundredths % 100);
    match part {
        0 => format_count(whole),
        p if p % 10 == 0 => format!("{}.{}", format_count(whole), p / 10),
        p => format!("{}.{p:02}", format_count(whole)),
    }
}

/// `"1 day"`, `"1.5 days"`, `"0 days"` from hundredths of a day.
pub fn format_days_with_unit(centidays: u64) -> String {
    if centidays == 100 {
        "1 day".to_owned()
    } else {
        format!("{} days", format_hundredths(centidays))
    }
}

/// `"1 learning audit"`, `"2 learning audits"` (the count gets thousands separators).
pub fn count_noun(count: u64, singular: &str, plural: &str) -> String {
    let noun = if count == 1 { singular } else { plural };
    format!("{} {noun}", format_count(count))
}

/// The `years`-th anniversary of `date`: the first day on which `years` whole
/// years have passed.
///
/// The anniversary of 29 February in a year that is not a leap year is
/// **1 March** (the English legal convention for birthdays, Family Law Reform
/// Act 1969 s9): 28 February would come a day before the full number of years.
/// Saturates at [`NaiveDate::MAX`] instead of overflowing.
pub fn add_years(date: NaiveDate, years: u32) -> NaiveDate {
    let Some(year) = i32::try_from(years)
        .ok()
        .and_then(|y| date.year().checked_add(y))
    else {
        return NaiveDate::MAX;
    };
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| {
            let leap_day = date.month() == 2 && date.day() == 29;
            leap_day
                .then(|| NaiveDate::from_ymd_opt(year, 3, 1))
                .flatten()
        })
        .unwrap_or(NaiveDate::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    #[test]
    fn format_count_thousands_separators() {
        for (n, text) in [
            (0, "0"),
            (999, "999"),
            (1_000, "1,000"),
            (1_612, "1,612"),
            (1_000_000, "1,000,000"),
        ] {
            assert_eq!(format_count(n), text);
        }
    }

    #[test]
    fn format_date_british_long_form() {
        assert_eq!(format_date(d(2027, 1, 10)), "10 January 2027");
        assert_eq!(format_date(d(2026, 3, 1)), "1 March 2026");
    }

    #[test]
    fn format_days_trims_zeros() {
        assert_eq!(format_hundredths(300), "3");
        assert_eq!(format_hundredths(150), "1.5");
        assert_eq!(format_hundredths(25), "0.25");
        assert_eq!(format_hundredths(20), "0.2");
        assert_eq!(format_hundredths(0), "0");
        assert_eq!(format_hundredths(123_405), "1,234.05");
        assert_eq!(format_days_with_unit(100), "1 day");
        assert_eq!(format_days_with_unit(50), "0.5 days");
    }

    #[test]
    fn count_noun_plurals() {
        assert_eq!(count_noun(1, "audit", "audits"), "1 audit");
        assert_eq!(count_noun(1_500, "word", "words"), "1,500 words");
    }

    #[test]
    fn add_years_ordinary_and_leap_day() {
        assert_eq!(add_years(d(2025, 1, 10), 2), d(2027, 1, 10));
        assert_eq!(add_years(d(2024, 2, 29), 2), d(2026, 3, 1));
        assert_eq!(add_years(d(2024, 2, 29), 4), d(2028, 2, 29));
        assert_eq!(add_years(d(2023, 2, 28), 1), d(2024, 2, 28));
        assert_eq!(add_years(NaiveDate::MAX, 1), NaiveDate::MAX);
    }
}
