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

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// A date as a worker reads it: `"10 January 2027"`. Written out here rather than with
/// chrono's `format` (the same text: see the tests), so the browser's code carries no
/// format-string machinery (issue 13).
pub fn format_date(date: NaiveDate) -> String {
    format!(
        "{} {} {}",
        date.day(),
        MONTHS[date.month0() as usize],
        year(date.year())
    )
}

/// The day of the week: `"Friday"`.
pub fn weekday_name(date: NaiveDate) -> &'static str {
    WEEKDAYS[date.weekday().num_days_from_monday() as usize]
}

/// A year as chrono's `%Y` writes it: four digits at least, signed outside 0 to 9999.
fn year(year: i32) -> String {
    match year {
        0..=9999 => format!("{year:04}"),
        10000.. => format!("+{year}"),
        _ => format!("-{:04}", year.unsigned_abs()),
    }
}

/// A time of day on the 24-hour clock: `"11:00"`.
pub fn format_hour_minute(hour: u32, minute: u32) -> String {
    format!("{hour:02}:{minute:02}")
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
    fn dates_and_times_are_written_as_chrono_would_write_them() {
        // the hand-written forms must not drift from chrono's (which the browser no longer
        // carries): every day of a span of years, and the edges of the year range
        let mut day = d(1999, 12, 25);
        while day < d(2031, 1, 8) {
            assert_eq!(format_date(day), day.format("%-d %B %Y").to_string());
            assert_eq!(weekday_name(day), day.format("%A").to_string());
            day = day.succ_opt().unwrap();
        }
        for y in [-10_000, -1, 0, 1, 999, 9999, 10_000, 262_000] {
            let day = d(y, 2, 28);
            assert_eq!(format_date(day), day.format("%-d %B %Y").to_string(), "{y}");
        }
        for (hour, minute) in [(0, 0), (9, 5), (11, 0), (23, 59)] {
            let time = chrono::NaiveTime::from_hms_opt(hour, minute, 0).unwrap();
            assert_eq!(
                format_hour_minute(hour, minute),
                time.format("%H:%M").to_string()
            );
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
