//! The requirement catalogue: the policy's progression requirements as data.
//!
//! A revised policy is a new [`Catalogue`] (new `version`, later
//! `effective_from`), not a code change. The server stores catalogues as JSON;
//! an application records the `version` it was judged under. The first version
//! is [`super::seed::seed_catalogue`].

use super::evidence::EvidenceKind;
use super::level::Transition;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

/// One version of the requirements.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Catalogue {
    pub version: String,
    /// The first day this version applies.
    pub effective_from: NaiveDate,
    /// CPD-2: additional CPD days per leave year beyond formal training.
    pub cpd_additional_days_per_year: f64,
    pub transitions: Vec<TransitionRequirements>,
}

/// The requirements of one transition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TransitionRequirements {
    pub transition: Transition,
    /// DEC-1: a team manager must record a decision for every eligible worker.
    pub manager_decision_required: bool,
    pub requirements: Vec<Requirement>,
}

/// One requirement, e.g. PATH-L3-4 "4 learning or peer audits".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Requirement {
    /// Stable id quoted in tests and reasons: `"PATH-L3-4"`.
    pub id: String,
    /// What a worker sees: `"Evidence from 4 learning or peer audits"`.
    pub title: String,
    /// Where the policy says it: `"Policy §6(ii)"`.
    pub source: String,
    pub rule: Rule,
}

/// How a requirement is judged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Rule {
    /// At least `min_count` final items of any of `kinds`.
    Evidence(EvidenceRule),
    /// At least `years` whole years since the qualification date; met from the
    /// anniversary itself (see [`super::format::add_years`]).
    YearsSinceQualification { years: u32 },
    /// The latest final reflective statement has `min_words..=max_words` words.
    ReflectiveStatement { min_words: u32, max_words: u32 },
}

/// Evidence counting rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRule {
    pub kinds: Vec<EvidenceKind>,
    pub min_count: u32,
    /// Nouns for reasons: `"learning or peer audit"` / `"learning or peer audits"`.
    pub singular: String,
    pub plural: String,
    pub applies: Applicability,
    /// Whether evidence from a previous employer counts (policy §6(ii), §7).
    pub accepts_previous_employer: bool,
    /// Only items dated within this many months before the evaluation date
    /// count ("recent"); `None` when the policy sets no limit.
    #[serde(default)]
    pub within_months: Option<u32>,
    /// Each of these courses (code, label) must be among the counted items, by their
    /// `course` (PATH-MGMT-5: both Practice Educator stages); empty when any item counts.
    #[serde(default)]
    pub each_course: Vec<(String, String)>,
    /// The counted items must span at least this many months from the earliest to the
    /// latest ("sustained", PATH-MGMT-10); `None` when a single occasion is enough.
    #[serde(default)]
    pub over_months: Option<u32>,
    /// Each course Learning & Development's list expects at the worker's level
    /// ([`super::evidence::WorkerFacts::required_training`]) must be among the counted
    /// items (PATH-MGMT-3: "all the core and development training").
    #[serde(default)]
    pub required_training: bool,
}

/// When a requirement applies to a worker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Applicability {
    Always,
    /// Only once the worker has attended Practice Educator training (PE1),
    /// i.e. has acted as a work-placed supervisor (PATH-L3-6).
    IfPe1Attended,
}

impl Catalogue {
    /// The requirements for `transition`, if this version has any.
    pub fn transition(&self, transition: Transition) -> Option<&TransitionRequirements> {
        self.transitions.iter().find(|t| t.transition == transition)
    }

    /// Checks a catalogue (e.g. one an administrator edited) for mistakes that
    /// would make evaluation meaningless. Returns every problem found.
    pub fn validate(&self) -> Result<(), Vec<String>> {
        let mut problems = Vec::new();
        if self.version.trim().is_empty() {
            problems.push("The catalogue has no version.".to_owned());
        }
        if !(self.cpd_additional_days_per_year.is_finite()
            && self.cpd_additional_days_per_year >= 0.0)
        {
            problems.push("CPD days per year must be zero or more.".to_owned());
        }
        let mut transitions = HashSet::new();
        let mut ids = HashSet::new();
        for t in &self.transitions {
            if !transitions.insert(t.transition) {
                problems.push(format!("{} is listed more than once.", t.transition));
            }
            for r in &t.requirements {
                if !ids.insert(r.id.as_str()) {
                    problems.push(format!("Requirement id {} is used more than once.", r.id));
                }
                match &r.rule {
                    Rule::Evidence(e) if e.kinds.is_empty() => {
                        problems.push(format!("{} names no evidence kinds.", r.id));
                    }
                    Rule::Evidence(e) if e.min_count == 0 => {
                        problems.push(format!("{} needs a count of at least 1.", r.id));
                    }
                    Rule::ReflectiveStatement {
                        min_words,
                        max_words,
                    } if min_words > max_words => {
                        problems.push(format!("{} has a minimum above its maximum.", r.id));
                    }
                    _ => {}
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

/// The catalogue in force on `on`: the one with the latest `effective_from`
/// not after `on`. Of versions with the same date, the later one in the slice
/// wins. `None` if every version starts after `on`.
pub fn in_force(catalogues: &[Catalogue], on: NaiveDate) -> Option<&Catalogue> {
    catalogues
        .iter()
        .filter(|c| c.effective_from <= on)
        .max_by_key(|c| c.effective_from)
}

#[cfg(test)]
mod tests {
    use super::super::seed::seed_catalogue;
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn version(name: &str, from: NaiveDate) -> Catalogue {
        Catalogue {
            version: name.to_owned(),
            effective_from: from,
            ..seed_catalogue()
        }
    }

    #[test]
    fn in_force_picks_latest_version_started_on_or_before_date() {
        let versions = [
            version("v1", d(2019, 10, 1)),
            version("v3", d(2027, 4, 1)),
            version("v2", d(2026, 4, 1)),
        ];
        let pick = |date| in_force(&versions, date).map(|c| c.version.as_str());
        assert_eq!(pick(d(2019, 9, 30)), None);
        assert_eq!(pick(d(2019, 10, 1)), Some("v1"));
        assert_eq!(pick(d(2026, 3, 31)), Some("v1"));
        assert_eq!(pick(d(2026, 4, 1)), Some("v2"));
        assert_eq!(pick(d(2030, 1, 1)), Some("v3"));
    }

    #[test]
    fn in_force_same_date_later_in_slice_wins() {
        let versions = [version("a", d(2026, 4, 1)), version("b", d(2026, 4, 1))];
        assert_eq!(
            in_force(&versions, d(2026, 5, 1)).map(|c| c.version.as_str()),
            Some("b")
        );
    }

    #[test]
    fn validate_reports_duplicate_ids_and_bad_limits() {
        let mut c = seed_catalogue();
        let first = c.transitions[0].requirements[0].clone();
        c.transitions[0].requirements.push(first);
        c.transitions[1].requirements.push(Requirement {
            id: "X-1".into(),
            title: "x".into(),
            source: "x".into(),
            rule: Rule::ReflectiveStatement {
                min_words: 10,
                max_words: 5,
            },
        });
        let problems = c.validate().expect_err("invalid");
        assert_eq!(problems.len(), 2, "{problems:?}");
    }

    #[test]
    fn catalogue_round_trips_through_json() {
        let c = seed_catalogue();
        let json = serde_json::to_string(&c).expect("serialize");
        let back: Catalogue = serde_json::from_str(&json).expect("deserialize");
        assert_eq!(back, c);
        assert!(json.contains(r#""type":"years_since_qualification""#));
    }
}
