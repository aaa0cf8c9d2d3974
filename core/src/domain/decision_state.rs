//! DEC-1: a team manager must record a decision, endorse or "not yet", for
//! each eligible worker; "an absence of action by a manager is not
//! acceptable" (policy §6(ii)), so Pathway flags eligible workers without one.
//!
//! - Eligible: at the transition's starting level with every time-based
//!   requirement met (PATH-L3: from the second anniversary of qualifying).
//!   Only transitions whose catalogue entry has `manager_decision_required`
//!   (PATH-L3 in the seed) are flagged.
//! - A "not yet" stands until its last action falls due; after that the worker
//!   is flagged again for a fresh decision. An endorsement stands.
//! - Invalid decisions (see [`validate_decision`]) and decisions dated after
//!   `today` are ignored.

use super::catalogue::{Catalogue, Rule};
use super::decisions::{validate_decision, DecisionOutcome, ManagerDecision};
use super::evidence::WorkerFacts;
use super::format::{add_years, format_date};
use super::level::Transition;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a worker stands on the DEC-1 duty.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum DecisionState {
    /// No manager decision applies at this level.
    NotRequired,
    /// Not yet eligible; `eligible_from` when known.
    NotEligible {
        eligible_from: Option<NaiveDate>,
    },
    Endorsed {
        decided_on: NaiveDate,
    },
    NotYet {
        decided_on: NaiveDate,
        review_by: NaiveDate,
    },
    /// DEC-1 flag: eligible and no decision recorded.
    Missing {
        eligible_since: Option<NaiveDate>,
    },
    /// DEC-1 flag: the last "not yet" plan has run out.
    ReviewOverdue {
        review_by: NaiveDate,
    },
}

impl DecisionState {
    /// Whether the manager must act now (DEC-1).
    pub fn needs_decision(&self) -> bool {
        matches!(
            self,
            DecisionState::Missing { .. } | DecisionState::ReviewOverdue { .. }
        )
    }

    /// A sentence for the manager's list.
    pub fn message(&self) -> String {
        match self {
            DecisionState::NotRequired => "No manager decision is needed at this level".to_owned(),
            DecisionState::NotEligible {
                eligible_from: Some(d),
            } => format!("Eligible from {}", format_date(*d)),
            DecisionState::NotEligible {
                eligible_from: None,
            } => "Not yet eligible (qualification date not recorded)".to_owned(),
            DecisionState::Endorsed { decided_on } => {
                format!("Endorsed on {}", format_date(*decided_on))
            }
            DecisionState::NotYet {
                decided_on,
                review_by,
            } => format!(
                "\"Not yet\" on {}; development plan runs to {}",
                format_date(*decided_on),
                format_date(*review_by)
            ),
            DecisionState::Missing {
                eligible_since: Some(d),
            } => {
                format!(
                    "Eligible since {} with no decision recorded",
                    format_date(*d)
                )
            }
            DecisionState::Missing {
                eligible_since: None,
            } => "Eligible with no decision recorded".to_owned(),
            DecisionState::ReviewOverdue { review_by } => format!(
                "Development plan ended {}; a new decision is due",
                format_date(*review_by)
            ),
        }
    }
}

/// The DEC-1 state of a worker on `today` given the decisions recorded for them.
pub fn decision_state(
    catalogue: &Catalogue,
    facts: &WorkerFacts,
    decisions: &[ManagerDecision],
    today: NaiveDate,
) -> DecisionState {
    let Some(transition) =
        Transition::for_level(facts.level).filter(|t| t.from_level() == facts.level)
    else {
        return DecisionState::NotRequired;
    };
    let Some(requirements) = catalogue
        .transition(transition)
        .filter(|t| t.manager_decision_required)
    else {
        return DecisionState::NotRequired;
    };
    let mut eligible_since = None;
    for rule in requirements.requirements.iter().map(|r| &r.rule) {
        if let Rule::YearsSinceQualification { years } = rule {
            let Some(qualified) = facts.qualified_on else {
                return DecisionState::NotEligible {
                    eligible_from: None,
                };
            };
            eligible_since = eligible_since.max(Some(add_years(qualified, *years)));
        }
    }
    if let Some(from) = eligible_since.filter(|from| today < *from) {
        return DecisionState::NotEligible {
            eligible_from: Some(from),
        };
    }
    let latest = decisions
        .iter()
        .filter(|d| {
            d.transition == transition && d.decided_on <= today && validate_decision(d).is_ok()
        })
        .max_by_key(|d| d.decided_on);
    match latest {
        None => DecisionState::Missing { eligible_since },
        Some(d) if d.outcome == DecisionOutcome::Endorse => DecisionState::Endorsed {
            decided_on: d.decided_on,
        },
        Some(d) => {
            let review_by = d
                .actions
                .iter()
                .filter_map(|a| a.due_on)
                .max()
                .unwrap_or(d.decided_on);
            if today > review_by {
                DecisionState::ReviewOverdue { review_by }
            } else {
                DecisionState::NotYet {
                    decided_on: d.decided_on,
                    review_by,
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::decisions::tests::{action, d, decision};
    use super::super::level::Level;
    use super::super::seed::seed_catalogue;
    use super::*;

    fn worker(level: Level) -> WorkerFacts {
        WorkerFacts {
            level,
            qualified_on: Some(d(2025, 1, 10)),
            pe1_attended_on: None,
            evidence: vec![],
            required_training: Vec::new(),
        }
    }

    #[test]
    fn dec_1_eligible_worker_without_decision_is_flagged() {
        let catalogue = seed_catalogue();
        let sw2 = worker(Level::SocialWorker2);
        let before = decision_state(&catalogue, &sw2, &[], d(2027, 1, 9));
        assert_eq!(
            before,
            DecisionState::NotEligible {
                eligible_from: Some(d(2027, 1, 10))
            }
        );
        assert!(!before.needs_decision());
        let on = decision_state(&catalogue, &sw2, &[], d(2027, 1, 10));
        assert_eq!(
            on,
            DecisionState::Missing {
                eligible_since: Some(d(2027, 1, 10))
            }
        );
        assert!(on.needs_decision());
        assert_eq!(
            on.message(),
            "Eligible since 10 January 2027 with no decision recorded"
        );
    }

    #[test]
    fn dec_1_only_path_l3_requires_a_manager_decision() {
        let catalogue = seed_catalogue();
        for level in [
            Level::Asye,
            Level::SocialWorker3,
            Level::SeniorPractitioner,
            Level::TeamManager,
        ] {
            assert_eq!(
                decision_state(&catalogue, &worker(level), &[], d(2030, 1, 1)),
                DecisionState::NotRequired
            );
        }
        let unknown = WorkerFacts {
            qualified_on: None,
            ..worker(Level::SocialWorker2)
        };
        assert_eq!(
            decision_state(&catalogue, &unknown, &[], d(2030, 1, 1)),
            DecisionState::NotEligible {
                eligible_from: None
            }
        );
    }

    #[test]
    fn dec_1_not_yet_stands_until_plan_ends_then_flags_again() {
        let catalogue = seed_catalogue();
        let sw2 = worker(Level::SocialWorker2);
        let plan = [decision(
            DecisionOutcome::NotYet,
            d(2027, 2, 1),
            vec![
                action("Learning audit", Some(d(2027, 4, 1))),
                action("Observation", Some(d(2027, 6, 30))),
            ],
        )];
        let during = decision_state(&catalogue, &sw2, &plan, d(2027, 6, 30));
        assert_eq!(
            during,
            DecisionState::NotYet {
                decided_on: d(2027, 2, 1),
                review_by: d(2027, 6, 30)
            }
        );
        assert!(!during.needs_decision());
        let after = decision_state(&catalogue, &sw2, &plan, d(2027, 7, 1));
        assert_eq!(
            after,
            DecisionState::ReviewOverdue {
                review_by: d(2027, 6, 30)
            }
        );
        assert!(after.needs_decision());
    }

    #[test]
    fn dec_1_invalid_future_or_other_transition_decisions_do_not_count() {
        let catalogue = seed_catalogue();
        let sw2 = worker(Level::SocialWorker2);
        let today = d(2027, 3, 1);
        let ignored = [
            decision(DecisionOutcome::NotYet, d(2027, 2, 1), vec![]),
            decision(DecisionOutcome::Endorse, d(2027, 4, 1), vec![]),
            ManagerDecision {
                transition: Transition::PathAsye,
                ..decision(DecisionOutcome::Endorse, d(2026, 1, 1), vec![])
            },
        ];
        assert!(decision_state(&catalogue, &sw2, &ignored, today).needs_decision());
        let endorsed = [decision(DecisionOutcome::Endorse, d(2027, 2, 1), vec![])];
        assert_eq!(
            decision_state(&catalogue, &sw2, &endorsed, today),
            DecisionState::Endorsed {
                decided_on: d(2027, 2, 1)
            }
        );
    }
}
