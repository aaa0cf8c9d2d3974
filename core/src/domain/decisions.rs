//! Manager decisions (policy §6(ii), §7, §10): what a decision is, and DEC-2.
//!
//! DEC-2: not endorsing ("not yet") needs a development plan "with specific
//! timescales": at least one action, and every action has a description and a
//! due date on or after the decision date. The DEC-1 duty is in
//! [`super::decision_state`](mod@super::decision_state).

use super::level::Transition;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DecisionOutcome {
    Endorse,
    NotYet,
}

/// One development plan action (DEC-2).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DevelopmentAction {
    pub description: String,
    pub due_on: Option<NaiveDate>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManagerDecision {
    pub transition: Transition,
    pub outcome: DecisionOutcome,
    pub decided_on: NaiveDate,
    #[serde(default)]
    pub actions: Vec<DevelopmentAction>,
}

/// Why a decision cannot be recorded. `action` is 1-based, as shown to users.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "problem", rename_all = "snake_case")]
pub enum DecisionProblem {
    NoDevelopmentAction,
    ActionWithoutDescription { action: usize },
    ActionWithoutDueDate { action: usize },
    ActionDueBeforeDecision { action: usize },
}

impl DecisionProblem {
    pub fn message(&self) -> String {
        match self {
            DecisionProblem::NoDevelopmentAction => {
                "A \"not yet\" decision needs at least one development action with a due date"
                    .to_owned()
            }
            DecisionProblem::ActionWithoutDescription { action } => {
                format!("Action {action} needs a description")
            }
            DecisionProblem::ActionWithoutDueDate { action } => {
                format!("Action {action} needs a due date")
            }
            DecisionProblem::ActionDueBeforeDecision { action } => {
                format!("Action {action} is due before the decision date")
            }
        }
    }
}

/// DEC-2 validation. Endorsements need no actions (any given are still checked).
pub fn validate_decision(decision: &ManagerDecision) -> Result<(), Vec<DecisionProblem>> {
    let mut problems = Vec::new();
    if decision.outcome == DecisionOutcome::NotYet && decision.actions.is_empty() {
        problems.push(DecisionProblem::NoDevelopmentAction);
    }
    for (i, action) in decision.actions.iter().enumerate() {
        let action_no = i + 1;
        if action.description.trim().is_empty() {
            problems.push(DecisionProblem::ActionWithoutDescription { action: action_no });
        }
        match action.due_on {
            None => problems.push(DecisionProblem::ActionWithoutDueDate { action: action_no }),
            Some(due) if due < decision.decided_on => {
                problems.push(DecisionProblem::ActionDueBeforeDecision { action: action_no });
            }
            Some(_) => {}
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    pub(crate) fn action(text: &str, due: Option<NaiveDate>) -> DevelopmentAction {
        DevelopmentAction {
            description: text.to_owned(),
            due_on: due,
        }
    }

    pub(crate) fn decision(
        outcome: DecisionOutcome,
        on: NaiveDate,
        actions: Vec<DevelopmentAction>,
    ) -> ManagerDecision {
        ManagerDecision {
            transition: Transition::PathL3,
            outcome,
            decided_on: on,
            actions,
        }
    }

    #[test]
    fn dec_2_not_yet_needs_an_action_with_a_due_date() {
        use DecisionOutcome::*;
        let on = d(2027, 2, 1);
        let cases = [
            (
                decision(NotYet, on, vec![]),
                Err(vec![DecisionProblem::NoDevelopmentAction]),
            ),
            (
                decision(NotYet, on, vec![action("Two audits", None)]),
                Err(vec![DecisionProblem::ActionWithoutDueDate { action: 1 }]),
            ),
            (
                decision(NotYet, on, vec![action(" ", Some(on))]),
                Err(vec![DecisionProblem::ActionWithoutDescription {
                    action: 1,
                }]),
            ),
            (
                decision(NotYet, on, vec![action("Audit", Some(d(2027, 1, 31)))]),
                Err(vec![DecisionProblem::ActionDueBeforeDecision { action: 1 }]),
            ),
            (
                decision(NotYet, on, vec![action("Two audits", Some(d(2027, 6, 1)))]),
                Ok(()),
            ),
            (
                decision(NotYet, on, vec![action("Audit", Some(on))]),
                Ok(()),
            ),
            (decision(Endorse, on, vec![]), Ok(())),
        ];
        for (decision, expected) in cases {
            assert_eq!(validate_decision(&decision), expected, "{decision:?}");
        }
        assert_eq!(
            DecisionProblem::ActionWithoutDueDate { action: 2 }.message(),
            "Action 2 needs a due date"
        );
    }
}
