//! The GOV.UK date input: a date is typed as three fields (day, month, year), never through
//! the browser's date picker, and becomes one form value. That value stays the ISO text the
//! forms, the sync wire and the offline drafts have always carried ("2026-03-07"), so
//! changes already queued on devices still apply. A date typed in part keeps its gaps
//! ("2026--7"), so the checks can say which part is missing, as GOV.UK's messages do.

use chrono::NaiveDate;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// What the three fields hold, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DateParts {
    pub day: String,
    pub month: String,
    pub year: String,
}

/// Longest part kept: a year is four digits; anything longer is not a date, and a form
/// value must not grow with what is pasted into it.
const PART_MAX: usize = 8;

fn clip(part: &str) -> String {
    part.trim().chars().take(PART_MAX).collect()
}

impl DateParts {
    /// The parts a form value shows in the three fields ("2026-03-07" → 7, 3, 2026).
    pub fn from_value(value: &str) -> Self {
        let value = value.trim();
        let mut parts = value.splitn(3, '-');
        let (year, month, day) = (parts.next(), parts.next(), parts.next());
        let (Some(year), Some(month), Some(day)) = (year, month, day) else {
            // not a date this module wrote: show it in the year field, not lose it
            return Self {
                year: clip(value),
                ..Self::default()
            };
        };
        let display = |part: &str| {
            let part = part.trim();
            match part.trim_start_matches('0') {
                "" if part.is_empty() => String::new(),
                "" => "0".into(),
                digits if part.bytes().all(|b| b.is_ascii_digit()) => digits.to_owned(),
                _ => clip(part),
            }
        };
        Self {
            day: display(day),
            month: display(month),
            year: clip(year),
        }
    }

    /// The one form value ("" when all three are empty); whole numbers are zero-padded so a
    /// complete date is the ISO text.
    pub fn to_value(&self) -> String {
        let (day, month, year) = (clip(&self.day), clip(&self.month), clip(&self.year));
        if day.is_empty() && month.is_empty() && year.is_empty() {
            return String::new();
        }
        let pad = |part: String| {
            if !part.is_empty() && part.len() < 2 && part.bytes().all(|b| b.is_ascii_digit()) {
                format!("{part:0>2}")
            } else {
                part
            }
        };
        format!("{year}-{}-{}", pad(month), pad(day))
    }
}

/// Why a form value is not a date, for a message in GOV.UK's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// Nothing typed.
    Missing,
    /// Some parts typed, these not ("day", "month", "year", in that order).
    Incomplete(Vec<&'static str>),
    /// All typed, but no such date (31 February, month 13, letters).
    NotReal,
}

impl DateProblem {
    /// The message for a date field labelled `label`; `enter` is the empty field's
    /// message ("Enter the date completed").
    pub fn message(&self, label: &str, enter: String) -> String {
        match self {
            Self::Missing => enter,
            Self::Incomplete(missing) => {
                let list = match missing.as_slice() {
                    [one] => (*one).to_owned(),
                    [first, second] => format!("{first} and {second}"),
                    _ => "day, month and year".to_owned(),
                };
                format!("{label} must include a {list}")
            }
            Self::NotReal => format!("{label} must be a real date"),
        }
    }
}

/// Reads a form value as a date: a four-digit year, a month of 1–12 and a day that exists.
pub fn parse_date_value(value: &str) -> Result<NaiveDate, DateProblem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(DateProblem::Missing);
    }
    let parts = DateParts::from_value(value);
    let missing: Vec<&'static str> = [
        ("day", &parts.day),
        ("month", &parts.month),
        ("year", &parts.year),
    ]
    .into_iter()
    .filter(|(_, part)| part.is_empty())
    .map(|(name, _)| name)
    .collect();
    if !missing.is_empty() {
        return Err(DateProblem::Incomplete(missing));
    }
    let number = |part: &str| {
        (part.bytes().all(|b| b.is_ascii_digit()) && part.len() <= 4)
            .then(|| part.parse::<u32>().ok())
            .flatten()
    };
    let (Some(day), Some(month), Some(year)) = (
        number(&parts.day),
        number(&parts.month),
        number(&parts.year),
    ) else {
        return Err(DateProblem::NotReal);
    };
    if parts.year.len() != 4 {
        return Err(DateProblem::NotReal);
    }
    NaiveDate::from_ymd_opt(year as i32, month, day).ok_or(DateProblem::NotReal)
}

/// Reads a GET form's date from a query: `name[day]`, `name[month]`, `name[year]` as the
/// three fields send it, or `name` as one value (a link, or a bookmark from before).
pub fn from_query(get: impl Fn(&str) -> Option<String>, name: &str) -> String {
    let part = |which: &str| get(&format!("{name}[{which}]"));
    match (part("day"), part("month"), part("year")) {
        (None, None, None) => get(name).map(|v| clip_value(&v)).unwrap_or_default(),
        (day, month, year) => DateParts {
            day: day.unwrap_or_default(),
            month: month.unwrap_or_default(),
            year: year.unwrap_or_default(),
        }
        .to_value(),
    }
}

fn clip_value(value: &str) -> String {
    value.trim().chars().take(3 * PART_MAX + 2).collect()
}

/// A form value posted either as one text (JSON, the sync wire, the hydrated app) or as
/// the three fields of a date input (`form[date][day]`…, a plain form post).
struct FormValueVisitor;

impl<'de> Visitor<'de> for FormValueVisitor {
    type Value = String;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a text value or a date's day, month and year")
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<String, E> {
        Ok(value.to_owned())
    }

    fn visit_string<E: de::Error>(self, value: String) -> Result<String, E> {
        Ok(value)
    }

    fn visit_unit<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_none<E: de::Error>(self) -> Result<String, E> {
        Ok(String::new())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<String, A::Error> {
        let mut parts = DateParts::default();
        while let Some(key) = map.next_key::<String>()? {
            let value: String = map.next_value()?;
            match key.as_str() {
                "day" => parts.day = value,
                "month" => parts.month = value,
                "year" => parts.year = value,
                _ => {}
            }
        }
        Ok(parts.to_value())
    }
}

/// `#[serde(deserialize_with)]` for a field that may come from a date input.
pub fn text_or_date<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    deserializer.deserialize_any(FormValueVisitor)
}

struct FormValue(String);

impl<'de> Deserialize<'de> for FormValue {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        text_or_date(deserializer).map(FormValue)
    }
}

/// `#[serde(deserialize_with)]` for a map of fields, any of which may be a date input.
pub fn fields_with_dates<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    let map = BTreeMap::<String, FormValue>::deserialize(deserializer)?;
    Ok(map.into_iter().map(|(k, v)| (k, v.0)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(day: &str, month: &str, year: &str) -> DateParts {
        DateParts {
            day: day.into(),
            month: month.into(),
            year: year.into(),
        }
    }

    #[test]
    fn three_fields_make_the_iso_value_and_back() {
        assert_eq!(parts("7", "3", "2026").to_value(), "2026-03-07");
        assert_eq!(parts(" 27 ", "03", "2026").to_value(), "2026-03-27");
        assert_eq!(parts("", "", "").to_value(), "");
        assert_eq!(DateParts::from_value("2026-03-07"), parts("7", "3", "2026"));
        assert_eq!(DateParts::from_value(""), parts("", "", ""));
    }

    #[test]
    fn gaps_are_kept_so_the_message_names_what_is_missing() {
        let value = parts("7", "", "2026").to_value();
        assert_eq!(value, "2026--07");
        assert_eq!(
            parse_date_value(&value),
            Err(DateProblem::Incomplete(vec!["month"]))
        );
        assert_eq!(
            parse_date_value(&parts("", "", "2026").to_value())
                .unwrap_err()
                .message("Date completed", String::new()),
            "Date completed must include a day and month"
        );
    }

    #[test]
    fn only_real_dates_with_four_digit_years_parse() {
        assert_eq!(
            parse_date_value("2026-03-27"),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 27).unwrap())
        );
        for not_real in [
            "2026-02-30",
            "2026-13-01",
            "26-03-01",
            "2026-x-01",
            "nonsense",
        ] {
            assert!(parse_date_value(not_real).is_err(), "{not_real}");
        }
        assert_eq!(parse_date_value("  "), Err(DateProblem::Missing));
    }

    #[test]
    fn a_plain_form_post_and_a_json_payload_give_the_same_value() {
        #[derive(Deserialize)]
        struct Form {
            #[serde(deserialize_with = "text_or_date")]
            date: String,
            #[serde(deserialize_with = "fields_with_dates")]
            details: BTreeMap<String, String>,
        }
        let json: Form = serde_json::from_str(
            r#"{"date":"2026-03-07","details":{"checked":"2026-01-02","n":"x"}}"#,
        )
        .unwrap();
        let posted: Form = serde_json::from_str(
            r#"{"date":{"day":"7","month":"3","year":"2026"},"details":{"checked":{"day":"2","month":"1","year":"2026"},"n":"x"}}"#,
        )
        .unwrap();
        assert_eq!(json.date, posted.date);
        assert_eq!(json.details, posted.details);
    }

    #[test]
    fn a_query_reads_the_three_fields_or_one_value() {
        let query = |pairs: &'static [(&'static str, &'static str)]| {
            move |key: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, v)| v.to_string())
            }
        };
        assert_eq!(
            from_query(
                query(&[
                    ("from[day]", "1"),
                    ("from[month]", "12"),
                    ("from[year]", "2026")
                ]),
                "from"
            ),
            "2026-12-01"
        );
        assert_eq!(
            from_query(query(&[("from", "2026-12-01")]), "from"),
            "2026-12-01"
        );
        assert_eq!(from_query(query(&[]), "from"), "");
    }
}
