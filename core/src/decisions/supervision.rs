//! Supervision records (issue 14 item 3; DEC-2: a development plan is "monitored in
//! supervision"). A manager records a supervision held on a date and, for each action of the
//! worker's current plan, how far it has got with a note. Records are never edited: the next
//! supervision is a new record, so each action's progress has a history. Achieving
//! Permanence's workbook tasks are discussed in the same records (a topic of another kind).

use crate::date_input::parse_date_value;
use crate::error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest note on one action (characters): a few sentences, not the supervision's minutes.
pub const NOTE_MAX: usize = 1_000;

/// The prefix of an action's key in the form's maps (`progress[a-2]`): the form decoder
/// reads a key that starts with a digit as a list index.
pub const ACTION_KEY: &str = "a-";

/// How far a plan's action has got.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Progress {
    NotStarted,
    UnderWay,
    Done,
}

impl Progress {
    pub const ALL: [Progress; 3] = [Self::NotStarted, Self::UnderWay, Self::Done];

    pub fn code(self) -> &'static str {
        match self {
            Self::NotStarted => "not_started",
            Self::UnderWay => "under_way",
            Self::Done => "done",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NotStarted => "Not started",
            Self::UnderWay => "Under way",
            Self::Done => "Done",
        }
    }
}

/// As the form posts it: the decision whose plan is discussed, the date the supervision was
/// held, and per action (`a-<position>`) its progress and a note.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisionForm {
    pub decision: String,
    #[serde(default, deserialize_with = "crate::date_input::text_or_date")]
    pub held_on: String,
    #[serde(default)]
    pub progress: BTreeMap<String, String>,
    #[serde(default)]
    pub note: BTreeMap<String, String>,
}

/// One action's progress, checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ActionProgress {
    /// 1-based, as the plan numbers its actions.
    pub position: usize,
    pub progress: Progress,
    pub note: String,
}

/// A supervision record ready to store.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidSupervision {
    pub held_on: NaiveDate,
    pub actions: Vec<ActionProgress>,
}

/// Checks the form against a plan of `actions` actions, decided on `decided_on`, on `today`.
/// Every action needs its progress (the plan is monitored as a whole); the date is not
/// before the decision nor after today. Each problem sits beside its own field.
pub fn check_supervision(
    form: &SupervisionForm,
    actions: usize,
    decided_on: NaiveDate,
    today: NaiveDate,
) -> Result<ValidSupervision, Vec<FieldError>> {
    let mut errors = Vec::new();
    let held_on = match parse_date_value(&form.held_on) {
        Ok(date) if date > today => {
            errors.push(FieldError::new(
                "held_on",
                "The date of the supervision must be today or in the past",
            ));
            None
        }
        Ok(date) if date < decided_on => {
            errors.push(FieldError::new(
                "held_on",
                "The date of the supervision must be on or after the date of the plan",
            ));
            None
        }
        Ok(date) => Some(date),
        Err(problem) => {
            errors.push(FieldError::new(
                "held_on",
                problem.message(
                    "The date of the supervision",
                    "Enter the date of the supervision".to_owned(),
                ),
            ));
            None
        }
    };
    let mut checked = Vec::new();
    for position in 1..=actions {
        let key = format!("{ACTION_KEY}{position}");
        let field = format!("progress_{position}");
        let note = form
            .note
            .get(&key)
            .map(|n| n.trim().to_owned())
            .unwrap_or_default();
        if note.chars().count() > NOTE_MAX {
            errors.push(FieldError::new(
                &format!("note_{position}"),
                format!("The note on action {position} must be {NOTE_MAX} characters or fewer"),
            ));
        }
        match form
            .progress
            .get(&key)
            .and_then(|code| Progress::from_code(code))
        {
            Some(progress) => checked.push(ActionProgress {
                position,
                progress,
                note,
            }),
            None => errors.push(FieldError::new(
                &field,
                format!("Select how far action {position} has got"),
            )),
        }
    }
    // a key for an action the plan does not have is not silently dropped
    let known = |key: &String| {
        key.strip_prefix(ACTION_KEY)
            .and_then(|n| n.parse::<usize>().ok())
            .is_some_and(|n| (1..=actions).contains(&n))
    };
    if form
        .progress
        .keys()
        .chain(form.note.keys())
        .any(|key| !known(key))
    {
        errors.push(FieldError::new(
            "held_on",
            "The plan has changed since this page was opened: open it again",
        ));
    }
    match held_on {
        Some(held_on) if errors.is_empty() => Ok(ValidSupervision {
            held_on,
            actions: checked,
        }),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn form(held_on: &str, progress: &[(&str, &str)], notes: &[(&str, &str)]) -> SupervisionForm {
        let map = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect()
        };
        SupervisionForm {
            decision: "d".into(),
            held_on: held_on.into(),
            progress: map(progress),
            note: map(notes),
        }
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    const DECIDED: (i32, u32, u32) = (2026, 11, 2);

    #[test]
    fn dec_2_every_action_of_the_plan_gets_its_progress_and_a_dated_supervision() {
        let (y, m, day) = DECIDED;
        let empty = form("", &[], &[]);
        let errors = check_supervision(&empty, 2, d(y, m, day), d(2026, 12, 8)).unwrap_err();
        assert_eq!(fields(&errors), ["held_on", "progress_1", "progress_2"]);
        let fine = form(
            "2026-12-01",
            &[("a-1", "done"), ("a-2", "under_way")],
            &[("a-2", "  One visit so far  ")],
        );
        let valid = check_supervision(&fine, 2, d(y, m, day), d(2026, 12, 8)).unwrap();
        assert_eq!(valid.held_on, d(2026, 12, 1));
        assert_eq!(valid.actions[1].progress, Progress::UnderWay);
        assert_eq!(valid.actions[1].note, "One visit so far");
        assert_eq!(valid.actions[0].note, "");
    }

    #[test]
    fn the_supervision_is_dated_between_the_plan_and_today() {
        let (y, m, day) = DECIDED;
        let all = [("a-1", "done")];
        for (held_on, message) in [
            ("2026-12-09", "today or in the past"),
            ("2026-11-01", "on or after the date of the plan"),
            ("2026-02-31", "must be a real date"),
        ] {
            let errors =
                check_supervision(&form(held_on, &all, &[]), 1, d(y, m, day), d(2026, 12, 8))
                    .unwrap_err();
            assert_eq!(fields(&errors), ["held_on"]);
            assert!(
                errors[0].message.contains(message),
                "{held_on}: {}",
                errors[0].message
            );
        }
    }

    #[test]
    fn a_long_note_or_an_unknown_action_is_refused_not_dropped() {
        let (y, m, day) = DECIDED;
        let long = "x".repeat(NOTE_MAX + 1);
        let errors = check_supervision(
            &form("2026-12-01", &[("a-1", "done")], &[("a-1", long.as_str())]),
            1,
            d(y, m, day),
            d(2026, 12, 8),
        )
        .unwrap_err();
        assert_eq!(fields(&errors), ["note_1"]);
        let errors = check_supervision(
            &form("2026-12-01", &[("a-1", "done"), ("a-3", "done")], &[]),
            1,
            d(y, m, day),
            d(2026, 12, 8),
        )
        .unwrap_err();
        assert!(errors[0].message.contains("plan has changed"));
        let errors = check_supervision(
            &form("2026-12-01", &[("a-1", "finished")], &[]),
            1,
            d(y, m, day),
            d(2026, 12, 8),
        )
        .unwrap_err();
        assert_eq!(fields(&errors), ["progress_1"]);
    }
}
