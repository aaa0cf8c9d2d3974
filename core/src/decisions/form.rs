//! The decision form (DEC-1 to DEC-3). A manager endorses, citing the direct observations of
//! practice the endorsement rests on (DEC-3), or records "not yet" with a development plan:
//! specific actions, each with a timescale (DEC-2). Every problem comes back beside its
//! field; every text has a size limit.

use crate::domain::{validate_decision, DecisionOutcome, DecisionProblem, DevelopmentAction};
use crate::domain::{ManagerDecision, Transition};
use crate::error::FieldError;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Rows for actions on the form; a plan needs at least one.
pub const ACTION_ROWS: usize = 5;
/// Longest endorsement statement (characters).
pub const STATEMENT_MAX: usize = 5_000;
/// Longest reason or action (characters): a line for a notice, a sentence for an action.
pub const LINE_MAX: usize = 500;
/// Longest comment a worker adds to their answer.
pub const COMMENT_MAX: usize = 2_000;

/// As the form posts it. `observations` holds `observations[id-<evidence id>]=on` per
/// ticked box (the prefix because the form decoder reads a key that starts with a digit as
/// a list index, and ids may); `due_N` a date input's value ("2027-03-07", or its parts).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionForm {
    pub worker: String,
    /// "endorse" or "not_yet".
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub statement: String,
    #[serde(default)]
    pub observations: BTreeMap<String, String>,
    #[serde(default)]
    pub reason: String,
    #[serde(default)]
    pub action_1: String,
    #[serde(default, deserialize_with = "crate::date_input::text_or_date")]
    pub due_1: String,
    #[serde(default)]
    pub action_2: String,
    #[serde(default, deserialize_with = "crate::date_input::text_or_date")]
    pub due_2: String,
    #[serde(default)]
    pub action_3: String,
    #[serde(default, deserialize_with = "crate::date_input::text_or_date")]
    pub due_3: String,
    #[serde(default)]
    pub action_4: String,
    #[serde(default, deserialize_with = "crate::date_input::text_or_date")]
    pub due_4: String,
    #[serde(default)]
    pub action_5: String,
    #[serde(default, deserialize_with = "crate::date_input::text_or_date")]
    pub due_5: String,
}

impl DecisionForm {
    /// The action rows as typed: (description, due value), five of them.
    pub fn rows(&self) -> [(&str, &str); ACTION_ROWS] {
        [
            (&self.action_1, &self.due_1),
            (&self.action_2, &self.due_2),
            (&self.action_3, &self.due_3),
            (&self.action_4, &self.due_4),
            (&self.action_5, &self.due_5),
        ]
        .map(|(a, d)| (a.as_str(), d.as_str()))
    }

    /// The evidence ids of the ticked observations.
    pub fn cited(&self) -> Vec<String> {
        self.observations
            .iter()
            .filter(|(_, on)| !on.is_empty())
            .filter_map(|(key, _)| key.strip_prefix(OBSERVATION_KEY))
            .map(str::to_owned)
            .collect()
    }
}

/// The prefix of an observation's key in `DecisionForm::observations`.
pub const OBSERVATION_KEY: &str = "id-";

/// A decision that passed the form's checks; the store checks who may make it and that
/// the cited observations are the worker's own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidDecision {
    pub decision: ManagerDecision,
    pub statement: String,
    pub observations: Vec<String>,
    pub reason: String,
}

fn too_long(text: &str, max: usize) -> bool {
    text.chars().count() > max
}

/// Checks the form for `transition` on `today` (the decision's date).
pub fn check_decision(
    form: &DecisionForm,
    transition: Transition,
    today: NaiveDate,
) -> Result<ValidDecision, Vec<FieldError>> {
    let mut errors = Vec::new();
    let outcome = match form.outcome.as_str() {
        "endorse" => Some(DecisionOutcome::Endorse),
        "not_yet" => Some(DecisionOutcome::NotYet),
        _ => {
            errors.push(FieldError::new(
                "outcome",
                "Select whether you endorse the application or record \u{201c}not yet\u{201d}",
            ));
            None
        }
    };
    let statement = form.statement.trim().to_owned();
    let reason = form.reason.trim().to_owned();
    let observations = form.cited();
    let mut actions = Vec::new();
    match outcome {
        Some(DecisionOutcome::Endorse) => {
            // DEC-3: an endorsement rests on direct observations of practice over time
            if observations.is_empty() {
                errors.push(FieldError::new(
                    "observations",
                    "Select the observations of practice your endorsement is based on",
                ));
            }
            if statement.is_empty() {
                errors.push(FieldError::new("statement", "Enter your endorsement"));
            } else if too_long(&statement, STATEMENT_MAX) {
                errors.push(FieldError::new(
                    "statement",
                    format!("Your endorsement must be {STATEMENT_MAX} characters or fewer"),
                ));
            }
        }
        Some(DecisionOutcome::NotYet) => {
            if reason.is_empty() {
                errors.push(FieldError::new(
                    "reason",
                    "Enter why you are not endorsing the application yet",
                ));
            } else if too_long(&reason, LINE_MAX) {
                errors.push(FieldError::new(
                    "reason",
                    format!("The reason must be {LINE_MAX} characters or fewer"),
                ));
            }
            actions = plan(form, today, &mut errors);
        }
        None => {}
    }
    let (Some(outcome), true) = (outcome, errors.is_empty()) else {
        return Err(errors);
    };
    let decision = ManagerDecision {
        transition,
        outcome,
        decided_on: today,
        actions,
    };
    // DEC-2 as the rules engine judges it (the function DEC-1's flags read): the checks
    // above already said why, row by row; this keeps the two from ever disagreeing
    if let Err(problems) = validate_decision(&decision) {
        return Err(problems.iter().map(problem_field).collect());
    }
    Ok(ValidDecision {
        decision,
        statement: if outcome == DecisionOutcome::Endorse {
            statement
        } else {
            String::new()
        },
        observations: if outcome == DecisionOutcome::Endorse {
            observations
        } else {
            Vec::new()
        },
        reason: if outcome == DecisionOutcome::NotYet {
            reason
        } else {
            "Endorsed".to_owned()
        },
    })
}

/// The plan's filled-in rows as actions, each problem beside its row's field: a row with
/// only one half filled, a date that is not a date or falls before the decision (DEC-2),
/// and no action at all (DEC-2). Empty rows are skipped.
fn plan(
    form: &DecisionForm,
    today: NaiveDate,
    errors: &mut Vec<FieldError>,
) -> Vec<DevelopmentAction> {
    let before = errors.len();
    let mut actions = Vec::new();
    for (i, (description, due)) in form.rows().into_iter().enumerate() {
        let n = i + 1;
        let (description, due) = (description.trim(), due.trim());
        let due_empty = due.chars().all(|c| c == '-' || c.is_whitespace());
        if description.is_empty() && due_empty {
            continue;
        }
        if description.is_empty() {
            errors.push(FieldError::new(
                &format!("action_{n}"),
                format!("Enter action {n}, or clear its date"),
            ));
        } else if too_long(description, LINE_MAX) {
            errors.push(FieldError::new(
                &format!("action_{n}"),
                format!("Action {n} must be {LINE_MAX} characters or fewer"),
            ));
        }
        let due_on = if due_empty {
            errors.push(FieldError::new(
                &format!("due_{n}"),
                format!("Enter the date action {n} is due"),
            ));
            None
        } else {
            match crate::date_input::parse_date_value(due) {
                Ok(date) if date < today => {
                    let problem = DecisionProblem::ActionDueBeforeDecision { action: n };
                    errors.push(FieldError::new(&format!("due_{n}"), problem.message()));
                    None
                }
                Ok(date) => Some(date),
                Err(problem) => {
                    errors.push(FieldError::new(
                        &format!("due_{n}"),
                        problem.message(
                            &format!("The date action {n} is due"),
                            format!("Enter the date action {n} is due"),
                        ),
                    ));
                    None
                }
            }
        };
        actions.push(DevelopmentAction {
            description: description.to_owned(),
            due_on,
        });
    }
    if actions.is_empty() && errors.len() == before {
        errors.push(problem_field(&DecisionProblem::NoDevelopmentAction));
    }
    actions
}

/// Where a DEC-2 problem shows: beside the action it is about.
fn problem_field(problem: &DecisionProblem) -> FieldError {
    let field = match problem {
        DecisionProblem::NoDevelopmentAction => "action_1".to_owned(),
        DecisionProblem::ActionWithoutDescription { action } => format!("action_{action}"),
        DecisionProblem::ActionWithoutDueDate { action }
        | DecisionProblem::ActionDueBeforeDecision { action } => format!("due_{action}"),
    };
    FieldError::new(&field, problem.message())
}

/// The worker's answer to a development plan (DEC-2: agreed with the worker; DEC-5: a
/// worker who disagrees says so, and it goes up the line).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanAnswer {
    pub decision: String,
    /// "agree" or "disagree".
    #[serde(default)]
    pub answer: String,
    #[serde(default)]
    pub comment: String,
}

/// (agreed, comment) when the answer can be recorded.
pub fn check_answer(answer: &PlanAnswer) -> Result<(bool, String), Vec<FieldError>> {
    let comment = answer.comment.trim().to_owned();
    let agreed = match answer.answer.as_str() {
        "agree" => true,
        "disagree" => false,
        _ => {
            return Err(vec![FieldError::new(
                "answer",
                "Select whether you agree with the plan",
            )])
        }
    };
    if too_long(&comment, COMMENT_MAX) {
        return Err(vec![FieldError::new(
            "comment",
            format!("Your comment must be {COMMENT_MAX} characters or fewer"),
        )]);
    }
    if !agreed && comment.is_empty() {
        return Err(vec![FieldError::new(
            "comment",
            "Say what you disagree with, so your service manager can respond",
        )]);
    }
    Ok((agreed, comment))
}

/// The service manager's response to a worker's challenge (DEC-5: a worker who disagrees
/// challenges through the line management hierarchy, and the challenge is recorded).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeAnswer {
    pub decision: String,
    /// "upheld" (the team manager looks again and records a new decision) or "not_upheld"
    /// (the decision stands).
    #[serde(default)]
    pub outcome: String,
    #[serde(default)]
    pub comment: String,
}

/// (upheld, reasons) when the response can be recorded: both are required, since the worker
/// and the team manager read the reasons.
pub fn check_challenge_answer(answer: &ChallengeAnswer) -> Result<(bool, String), Vec<FieldError>> {
    let comment = answer.comment.trim().to_owned();
    let mut errors = Vec::new();
    let upheld = match answer.outcome.as_str() {
        "upheld" => Some(true),
        "not_upheld" => Some(false),
        _ => {
            errors.push(FieldError::new(
                "challenge_outcome",
                "Select whether you uphold the challenge",
            ));
            None
        }
    };
    if comment.is_empty() {
        errors.push(FieldError::new(
            "challenge_reasons",
            "Enter your reasons, for the worker and their manager",
        ));
    } else if too_long(&comment, COMMENT_MAX) {
        errors.push(FieldError::new(
            "challenge_reasons",
            format!("Your reasons must be {COMMENT_MAX} characters or fewer"),
        ));
    }
    match upheld {
        Some(upheld) if errors.is_empty() => Ok((upheld, comment)),
        _ => Err(errors),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn fields(errors: &[FieldError]) -> Vec<&str> {
        errors.iter().map(|e| e.field.as_str()).collect()
    }

    #[test]
    fn dec_2_not_yet_without_a_plan_is_refused_beside_the_first_action() {
        let form = DecisionForm {
            outcome: "not_yet".into(),
            reason: "Needs more observed practice".into(),
            ..DecisionForm::default()
        };
        let errors = check_decision(&form, Transition::PathL3, d(2026, 12, 7)).unwrap_err();
        assert_eq!(fields(&errors), ["action_1"]);
        assert!(errors[0]
            .message
            .contains("at least one development action"));
    }

    #[test]
    fn dec_2_every_action_needs_a_timescale_not_before_the_decision() {
        let form = DecisionForm {
            outcome: "not_yet".into(),
            reason: "Needs more observed practice".into(),
            action_1: "Two more observed visits".into(),
            action_2: "Complete the learning audit".into(),
            due_2: "2026-12-01".into(),
            due_3: "2027-01-10".into(),
            ..DecisionForm::default()
        };
        let errors = check_decision(&form, Transition::PathL3, d(2026, 12, 7)).unwrap_err();
        assert_eq!(fields(&errors), ["due_1", "due_2", "action_3"]);
        assert!(errors[1].message.contains("due before the decision date"));
    }

    #[test]
    fn dec_2_a_dated_plan_is_a_valid_not_yet() {
        let form = DecisionForm {
            outcome: "not_yet".into(),
            reason: "Needs more observed practice".into(),
            action_1: "Two more observed visits".into(),
            due_1: "2027-03-01".into(),
            ..DecisionForm::default()
        };
        let valid = check_decision(&form, Transition::PathL3, d(2026, 12, 7)).unwrap();
        assert_eq!(valid.decision.outcome, DecisionOutcome::NotYet);
        assert_eq!(valid.decision.actions[0].due_on, Some(d(2027, 3, 1)));
        assert!(valid.observations.is_empty());
    }

    #[test]
    fn dec_3_an_endorsement_cites_observations_and_has_a_statement() {
        let form = DecisionForm {
            outcome: "endorse".into(),
            ..DecisionForm::default()
        };
        let errors = check_decision(&form, Transition::PathL3, d(2026, 12, 7)).unwrap_err();
        assert_eq!(fields(&errors), ["observations", "statement"]);
        let mut observations = BTreeMap::new();
        observations.insert("id-obs-1".to_owned(), "on".to_owned());
        let form = DecisionForm {
            outcome: "endorse".into(),
            statement: "Seen over a year of visits.".into(),
            observations,
            ..DecisionForm::default()
        };
        let valid = check_decision(&form, Transition::PathL3, d(2026, 12, 7)).unwrap();
        assert_eq!(valid.observations, ["obs-1"]);
    }

    #[test]
    fn every_text_has_a_limit() {
        let form = DecisionForm {
            outcome: "endorse".into(),
            statement: "x".repeat(STATEMENT_MAX + 1),
            observations: [("id-obs".to_owned(), "on".to_owned())].into(),
            ..DecisionForm::default()
        };
        let errors = check_decision(&form, Transition::PathL3, d(2026, 12, 7)).unwrap_err();
        assert_eq!(fields(&errors), ["statement"]);
        let answer = PlanAnswer {
            answer: "agree".into(),
            comment: "y".repeat(COMMENT_MAX + 1),
            ..PlanAnswer::default()
        };
        assert_eq!(fields(&check_answer(&answer).unwrap_err()), ["comment"]);
    }

    #[test]
    fn dec_5_disagreeing_says_why() {
        let answer = PlanAnswer {
            answer: "disagree".into(),
            ..PlanAnswer::default()
        };
        assert_eq!(fields(&check_answer(&answer).unwrap_err()), ["comment"]);
        let answer = PlanAnswer {
            answer: "agree".into(),
            ..PlanAnswer::default()
        };
        assert_eq!(check_answer(&answer).unwrap(), (true, String::new()));
    }

    #[test]
    fn dec_5_a_response_to_a_challenge_needs_an_outcome_and_reasons() {
        let empty = ChallengeAnswer::default();
        let errors = check_challenge_answer(&empty).unwrap_err();
        assert_eq!(fields(&errors), ["challenge_outcome", "challenge_reasons"]);
        let long = ChallengeAnswer {
            decision: "d".into(),
            outcome: "not_upheld".into(),
            comment: "x".repeat(COMMENT_MAX + 1),
        };
        assert_eq!(
            fields(&check_challenge_answer(&long).unwrap_err()),
            ["challenge_reasons"]
        );
        let fine = ChallengeAnswer {
            decision: "d".into(),
            outcome: "upheld".into(),
            comment: "  The plan's second action is not in the worker's gift.  ".into(),
        };
        assert_eq!(
            check_challenge_answer(&fine),
            Ok((
                true,
                "The plan's second action is not in the worker's gift.".into()
            ))
        );
    }
}
