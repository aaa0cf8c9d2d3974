//! The evidence editor's state (exactly what the form posts, every value a string, so a
//! half-typed form round-trips through the server, the no-JavaScript stash and later the
//! offline drafts store) and its validation, run by the browser before sending and by the
//! server before saving.

use super::kinds::{kind_from_code, spec, Input, HOURS_PER_DAY_IN_HUNDREDTHS};
use crate::domain::{count_words, Centidays, EvidenceKind, EvidenceStatus};
use crate::ids::{EvidenceId, PersonId};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const TITLE_MAX: usize = 120;
pub const BODY_MAX_CHARS: usize = 30_000;

/// The editor's fields as posted (`form[title]`, `form[details][register]`, ...).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EvidenceForm {
    /// UUID made by the client (the editor page gets a fresh one for a new item).
    pub id: String,
    /// Whose portfolio.
    pub person_id: String,
    pub kind: String,
    /// "draft" or "final": the button pressed.
    pub status: String,
    /// The version the editor loaded; empty for a new item.
    pub version: String,
    pub title: String,
    /// "YYYY-MM-DD" (a plain form post sends the date input's three fields, which
    /// `date_input` joins into this one value)
    #[serde(deserialize_with = "crate::date_input::text_or_date")]
    pub date: String,
    /// Markdown-lite text.
    pub body: String,
    /// "yes" when the evidence comes from a previous employer.
    pub previous_employer: String,
    /// The kind's own fields, keyed by `FieldSpec::name` (dates as `date`).
    #[serde(deserialize_with = "crate::date_input::fields_with_dates")]
    pub details: BTreeMap<String, String>,
}

impl EvidenceForm {
    pub fn detail(&self, name: &str) -> &str {
        self.details.get(name).map(String::as_str).unwrap_or("")
    }
}

pub use crate::error::FieldError;

/// Joins field errors into one validation message, one problem per line (the error
/// summary shows each line as an item). The sync protocol carries a rejection as this text.
pub fn validation_message(errors: &[FieldError]) -> String {
    errors
        .iter()
        .map(|e| e.message.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// A form that passed validation, in the types the server stores.
#[derive(Clone, Debug, PartialEq)]
pub struct ValidEvidence {
    pub id: EvidenceId,
    pub person_id: PersonId,
    pub kind: EvidenceKind,
    pub status: EvidenceStatus,
    pub title: String,
    pub date: NaiveDate,
    pub body: String,
    pub previous_employer: bool,
    /// Only the kind's own fields, trimmed, empty ones left out.
    pub details: BTreeMap<String, String>,
    pub word_count: Option<u32>,
    /// CPD-2 days used, in hundredths (only when the worker said it counts towards the
    /// allowance, and never for formal training).
    pub cpd_centidays: Option<Centidays>,
    pub expected_version: Option<i64>,
}

fn error(field: &str, message: impl Into<String>) -> FieldError {
    FieldError {
        field: field.to_owned(),
        message: message.into(),
    }
}

/// Parses a positive amount with at most two decimals ("1.5", "3") into hundredths
/// (150, 300), without floating point.
pub fn parse_hundredths(text: &str) -> Option<u32> {
    let text = text.trim();
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let digits_ok = !whole.is_empty()
        && whole.len() <= 4
        && whole.bytes().all(|c| c.is_ascii_digit())
        && fraction.len() <= 2
        && fraction.bytes().all(|c| c.is_ascii_digit());
    if !digits_ok {
        return None;
    }
    let whole: u32 = whole.parse().ok()?;
    let fraction: u32 = format!("{fraction:0<2}").parse().ok()?;
    let value = whole * 100 + fraction;
    (value > 0).then_some(value)
}

/// CPD types that are formal learning: they never use the CPD-2 allowance (policy §10).
pub const FORMAL_TRAINING: [&str; 2] = ["core_training", "development_training"];

/// Checks a form against the rules for its kind. `today` is the server's date (the editor
/// receives it with the form, so the browser agrees with the server).
pub fn validate(form: &EvidenceForm, today: NaiveDate) -> Result<ValidEvidence, Vec<FieldError>> {
    let mut errors = Vec::new();
    // The id is made by the editor or the device as a UUID; the person is whose portfolio
    // the editor was opened for. Either wrong means the form did not come from our pages.
    let id = Some(form.id.trim())
        .filter(|id| crate::ids::is_canonical_uuid(id))
        .and_then(|id| EvidenceId::parse(id).ok());
    let person_id = PersonId::parse(form.person_id.trim()).ok();
    if id.is_none() || person_id.is_none() {
        errors.push(error(
            "title",
            "This form is out of date. Go back to your portfolio and start again",
        ));
    }
    let Some(kind) = kind_from_code(form.kind.trim()) else {
        errors.push(error("kind", "Select the kind of evidence"));
        return Err(errors);
    };
    let spec = spec(kind);
    // Before any other work (word counts, warnings): text over the limit is refused here, so
    // no routine ever runs on more than the limit allows.
    if !within_body_limit(&form.body) {
        errors.push(body_too_long(spec.body_label));
        return Err(errors);
    }
    let status = match form.status.trim() {
        "final" => EvidenceStatus::Final,
        _ => EvidenceStatus::Draft,
    };
    let title = form.title.trim();
    if title.chars().count() > TITLE_MAX {
        errors.push(error(
            "title",
            format!("Title must be {TITLE_MAX} characters or fewer"),
        ));
    }
    let date = check_date(
        &mut errors,
        "date",
        spec.date_label,
        &form.date,
        true,
        today,
    );
    // A plain form post sends a textarea's line breaks as CRLF, the hydrated editor as LF:
    // one spelling is stored, so the same text is the same text however it arrived.
    let body = form.body.trim_end().replace("\r\n", "\n");
    if spec.body_required && body.trim().is_empty() {
        errors.push(error(
            "body",
            format!("Enter the {}", spec.body_label.to_lowercase()),
        ));
    }
    let mut details = BTreeMap::new();
    for field in spec.fields {
        let value = form.detail(field.name).trim();
        if value.is_empty() {
            if field.required {
                let message = match field.input {
                    Input::Choice(_) => format!("Select {}", lowercase_first(field.label)),
                    _ => format!("Enter {}", article(field.label)),
                };
                errors.push(error(field.name, message));
            }
            continue;
        }
        match field.input {
            Input::Text { max } if value.chars().count() > max => {
                errors.push(error(
                    field.name,
                    format!("{} must be {max} characters or fewer", field.label),
                ));
            }
            Input::Date { not_future } => {
                check_date(
                    &mut errors,
                    field.name,
                    field.label,
                    value,
                    not_future,
                    today,
                );
            }
            Input::Choice(options) if !options.iter().any(|(code, _)| *code == value) => {
                errors.push(error(
                    field.name,
                    format!("Select {}", lowercase_first(field.label)),
                ));
            }
            Input::Course if value.chars().count() > crate::domain::training::CODE_MAX => {
                errors.push(error(field.name, "Select a course from the list"));
            }
            Input::Number if parse_hundredths(value).is_none() => {
                errors.push(error(
                    field.name,
                    format!(
                        "{} must be a number greater than 0, like 3 or 1.5",
                        field.label
                    ),
                ));
            }
            _ => {}
        }
        details.insert(field.name.to_owned(), value.to_owned());
    }
    let word_count = (kind == EvidenceKind::ReflectiveStatement).then(|| count_words(&body) as u32);
    let cpd_centidays = cpd_centidays(kind, &details);
    if cpd_centidays.is_some_and(|days| days.0 > 36_600) {
        errors.push(error("duration", "How long it took must be a year or less"));
    }
    if kind == EvidenceKind::CpdActivity
        && details.get("counts_towards_allowance").map(String::as_str) == Some("yes")
        && details
            .get("cpd_type")
            .is_some_and(|t| FORMAL_TRAINING.contains(&t.as_str()))
    {
        errors.push(error(
            "counts_towards_allowance",
            "Core and development training does not use your 3 additional CPD days: select No",
        ));
    }
    let expected_version = match form.version.trim() {
        "" => None,
        text => match text.parse::<i64>() {
            Ok(v) => Some(v),
            Err(_) => {
                errors.push(error(
                    "title",
                    "This form is out of date. Go back to your portfolio and start again",
                ));
                None
            }
        },
    };
    match (id, person_id, date, errors.is_empty()) {
        (Some(id), Some(person_id), Some(date), true) => Ok(ValidEvidence {
            id,
            person_id,
            kind,
            status,
            title: if title.is_empty() {
                kind.label().to_owned()
            } else {
                title.to_owned()
            },
            date,
            body,
            previous_employer: form.previous_employer.trim() == "yes",
            details,
            word_count,
            cpd_centidays,
            expected_version,
        }),
        _ => Err(errors),
    }
}

/// Whether a body is within [`BODY_MAX_CHARS`] (trailing whitespace is not kept, so not
/// counted). A body of more than four bytes a character cannot be, is over without counting.
pub fn within_body_limit(body: &str) -> bool {
    let body = body.trim_end();
    body.len() <= BODY_MAX_CHARS
        || (body.len() <= BODY_MAX_CHARS * 4 && body.chars().count() <= BODY_MAX_CHARS)
}

/// "Reflective statement must be 30,000 characters or fewer".
pub fn body_too_long(body_label: &str) -> FieldError {
    error(
        "body",
        format!(
            "{body_label} must be {} characters or fewer",
            crate::domain::format_count(BODY_MAX_CHARS as u64)
        ),
    )
}

/// CPD-2: the hundredths of a day of the additional allowance a CPD item used (hours at
/// [`HOURS_PER_DAY_IN_HUNDREDTHS`] to the day, rounded to the nearest hundredth), or
/// `None` when it does not count towards it (formal training never does).
pub fn cpd_centidays(kind: EvidenceKind, details: &BTreeMap<String, String>) -> Option<Centidays> {
    let formal = details
        .get("cpd_type")
        .is_some_and(|t| FORMAL_TRAINING.contains(&t.as_str()));
    if kind != EvidenceKind::CpdActivity
        || formal
        || details.get("counts_towards_allowance").map(String::as_str) != Some("yes")
    {
        return None;
    }
    let amount = u64::from(parse_hundredths(details.get("duration")?)?);
    let centidays = match details.get("duration_unit").map(String::as_str) {
        // hundredths of an hour × 100 / hundredths of an hour a day, rounded half up
        Some("hours") => {
            let per_day = u64::from(HOURS_PER_DAY_IN_HUNDREDTHS);
            (amount * 100 * 2 + per_day) / (per_day * 2)
        }
        _ => amount,
    };
    u32::try_from(centidays).ok().map(Centidays)
}

fn check_date(
    errors: &mut Vec<FieldError>,
    field: &str,
    label: &str,
    text: &str,
    not_future: bool,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let date = match crate::date_input::parse_date_value(text) {
        Ok(date) => date,
        Err(problem) => {
            errors.push(error(
                field,
                problem.message(label, format!("Enter {}", article(label))),
            ));
            return None;
        }
    };
    if not_future && date > today {
        errors.push(error(
            field,
            format!("{label} must be today or in the past"),
        ));
        return None;
    }
    Some(date)
}

fn lowercase_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) if !text.starts_with("PE") && !text.starts_with("CPD") => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => text.to_owned(),
    }
}

/// "the date you checked your registration", "your reflection".
fn article(label: &str) -> String {
    let lower = lowercase_first(label);
    if lower.starts_with("your ") || lower.starts_with("how ") || lower.starts_with("where ") {
        lower
    } else {
        format!("the {lower}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("date")
    }

    fn form(kind: &str) -> EvidenceForm {
        EvidenceForm {
            id: "0190f5c2-1111-7000-8000-000000000001".into(),
            person_id: "p1".into(),
            kind: kind.into(),
            status: "final".into(),
            title: "An item".into(),
            date: "2026-03-01".into(),
            body: "What I did and learned.".into(),
            ..EvidenceForm::default()
        }
    }

    fn messages(result: Result<ValidEvidence, Vec<FieldError>>) -> Vec<(String, String)> {
        result
            .expect_err("invalid")
            .into_iter()
            .map(|e| (e.field, e.message))
            .collect()
    }

    #[test]
    fn path_l3_4_learning_audit_needs_its_fields() {
        let today = d(2026, 6, 1);
        let got = messages(validate(&form("learning_audit"), today));
        assert_eq!(
            got,
            [
                ("audit_type".into(), "Enter the type of audit".into()),
                (
                    "case_reference".into(),
                    "Enter the anonymised case reference".into()
                ),
            ]
        );
        let mut ok = form("learning_audit");
        ok.details
            .insert("audit_type".into(), "Case file audit".into());
        ok.details
            .insert("case_reference".into(), "RFS-0193".into());
        ok.details.insert("ignored".into(), "dropped".into());
        let valid = validate(&ok, today).expect("valid");
        assert_eq!(valid.kind, EvidenceKind::LearningAudit);
        assert_eq!(valid.status, EvidenceStatus::Final);
        assert_eq!(valid.details.len(), 2, "unknown detail keys are dropped");
    }

    #[test]
    fn dates_must_be_real_and_not_in_the_future() {
        let today = d(2026, 6, 1);
        let mut f = form("mandatory_training");
        f.date = "2026-06-02".into();
        assert_eq!(
            messages(validate(&f, today)),
            [(
                "date".into(),
                "Date completed must be today or in the past".into()
            )]
        );
        f.date = "2026-02-30".into();
        assert_eq!(
            messages(validate(&f, today)),
            [("date".into(), "Date completed must be a real date".into())]
        );
        f.date = String::new();
        assert_eq!(
            messages(validate(&f, today)),
            [("date".into(), "Enter the date completed".into())]
        );
    }

    #[test]
    fn registration_expiry_may_be_in_the_future() {
        let mut f = form("registration");
        f.details
            .insert("register".into(), "Social Work England".into());
        f.details
            .insert("registration_number".into(), "SW900137".into());
        f.details.insert("expires_on".into(), "2027-11-30".into());
        assert!(validate(&f, d(2026, 6, 1)).is_ok());
    }

    #[test]
    fn cpd_2_days_from_hours_and_days_only_when_counted() {
        let today = d(2026, 6, 1);
        let mut f = form("cpd_activity");
        f.details
            .insert("cpd_type".into(), "reading_or_shadowing".into());
        f.details.insert("duration".into(), "15".into());
        f.details.insert("duration_unit".into(), "hours".into());
        f.details
            .insert("counts_towards_allowance".into(), "yes".into());
        assert_eq!(
            validate(&f, today).expect("valid").cpd_centidays,
            Some(Centidays(200))
        );
        f.details
            .insert("counts_towards_allowance".into(), "no".into());
        assert_eq!(validate(&f, today).expect("valid").cpd_centidays, None);
        f.details.insert("duration".into(), "-1".into());
        assert_eq!(
            messages(validate(&f, today)),
            [(
                "duration".into(),
                "How long it took must be a number greater than 0, like 3 or 1.5".into()
            )]
        );
    }

    /// CPD-2 (issue 11): hours convert at 7.5 a day to the hundredth, with no floating
    /// point (1.5 hours is exactly 0.2 days), and "1.05" is 105 hundredths.
    #[test]
    fn cpd_2_hours_convert_to_exact_hundredths_of_a_day() {
        let mut f = form("cpd_activity");
        f.details.insert("cpd_type".into(), "team_learning".into());
        f.details.insert("duration_unit".into(), "hours".into());
        f.details
            .insert("counts_towards_allowance".into(), "yes".into());
        for (hours, centidays) in [("1.5", 20), ("7.5", 100), ("1", 13), ("0.01", 0)] {
            f.details.insert("duration".into(), hours.into());
            let valid = validate(&f, d(2026, 6, 1)).expect("valid");
            assert_eq!(valid.cpd_centidays, Some(Centidays(centidays)), "{hours} h");
        }
        f.details.insert("duration_unit".into(), "days".into());
        f.details.insert("duration".into(), "1.05".into());
        let valid = validate(&f, d(2026, 6, 1)).expect("valid");
        assert_eq!(valid.cpd_centidays, Some(Centidays(105)));
        assert_eq!(parse_hundredths("1.5"), Some(150));
        assert_eq!(parse_hundredths("0"), None);
        assert_eq!(parse_hundredths("1.234"), None);
    }

    /// CPD-2 (issue 11): the 3 days are "over and above attendance at formal learning"
    /// (policy §10): core and development training never use them, and saying they do is
    /// an error beside that question.
    #[test]
    fn cpd_2_formal_training_does_not_use_the_allowance() {
        let mut f = form("cpd_activity");
        f.details.insert("cpd_type".into(), "core_training".into());
        f.details.insert("duration".into(), "1".into());
        f.details.insert("duration_unit".into(), "days".into());
        f.details
            .insert("counts_towards_allowance".into(), "yes".into());
        assert_eq!(
            messages(validate(&f, d(2026, 6, 1))),
            [(
                "counts_towards_allowance".into(),
                "Core and development training does not use your 3 additional CPD days: select No"
                    .into()
            )]
        );
        f.details
            .insert("counts_towards_allowance".into(), "no".into());
        f.details
            .insert("cpd_type".into(), "development_training".into());
        assert_eq!(
            validate(&f, d(2026, 6, 1)).expect("valid").cpd_centidays,
            None
        );
    }

    #[test]
    fn line_breaks_are_stored_one_way_whether_or_not_javascript_ran() {
        let mut f = form("third_party_feedback");
        f.details.insert("feedback_from".into(), "student".into());
        f.body = "First paragraph.\r\n\r\nSecond.\r\n".into();
        let valid = validate(&f, d(2026, 6, 1)).expect("valid");
        assert_eq!(valid.body, "First paragraph.\n\nSecond.");
    }

    /// Issue 11: a body over the limit is refused before anything else looks at it.
    #[test]
    fn path_l3_8_over_long_body_is_refused_first() {
        let mut f = form("reflective_statement");
        f.body = "[".repeat(30_001);
        f.date = "nonsense".into();
        assert_eq!(
            messages(validate(&f, d(2026, 6, 1))),
            [(
                "body".into(),
                "Reflective statement must be 30,000 characters or fewer".into()
            )]
        );
        f.body = "é".repeat(30_000);
        f.date = "2026-05-01".into();
        assert!(
            validate(&f, d(2026, 6, 1)).is_ok(),
            "30,000 two-byte characters fit"
        );
    }

    #[test]
    fn reflective_statement_word_count_is_recorded_for_path_l3_8() {
        let mut f = form("reflective_statement");
        f.body = "One two three.\n\n- four\n- five".into();
        f.status = "draft".into();
        let valid = validate(&f, d(2026, 6, 1)).expect("valid");
        assert_eq!(valid.word_count, Some(5));
        assert_eq!(valid.status, EvidenceStatus::Draft);
        f.body = "   ".into();
        assert_eq!(
            messages(validate(&f, d(2026, 6, 1))),
            [("body".into(), "Enter the reflective statement".into())]
        );
    }

    #[test]
    fn unknown_kind_and_bad_id_are_refused() {
        let mut f = form("wizardry");
        f.id = "not-a-uuid".into();
        let got = messages(validate(&f, d(2026, 6, 1)));
        assert_eq!(got.len(), 2);
        assert_eq!(
            got[1],
            ("kind".into(), "Select the kind of evidence".into())
        );
    }
}
