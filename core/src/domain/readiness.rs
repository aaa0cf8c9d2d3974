//! Readiness evaluation: every requirement of a transition judged against a
//! worker's facts on a given date, with a reason a worker understands.
//!
//! Only final evidence dated on or before the evaluation date counts; drafts,
//! future-dated items and items a rule cannot use are mentioned in the reason.

use super::catalogue::Catalogue;
use super::evidence::WorkerFacts;
use super::format::format_count;
use super::level::Transition;
use super::rules::{judge, result};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RequirementStatus {
    Met,
    NotMet,
    NotApplicable,
}

/// The verdict on one requirement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequirementResult {
    pub id: String,
    pub title: String,
    pub status: RequirementStatus,
    /// Plain English: "3 of 4 learning or peer audits; 1 more in draft".
    pub reason: String,
    /// Time-based rules: the first day the requirement is (or was) met.
    pub eligible_from: Option<NaiveDate>,
    /// The evidence items that counted towards this requirement.
    pub counted_evidence: Vec<Uuid>,
}

/// The result of [`evaluate`].
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Readiness {
    pub transition: Transition,
    /// The catalogue version judged under (record it on an application).
    pub catalogue_version: String,
    pub evaluated_on: NaiveDate,
    pub results: Vec<RequirementResult>,
    /// The latest eligibility date of the time-based rules, if any and known.
    pub eligible_from: Option<NaiveDate>,
}

impl Readiness {
    /// Every requirement met or not applicable (and there is at least one).
    pub fn is_ready(&self) -> bool {
        !self.results.is_empty()
            && self
                .results
                .iter()
                .all(|r| r.status != RequirementStatus::NotMet)
    }

    /// `"7 of 9 requirements met"` (not-applicable ones left out).
    pub fn summary(&self) -> String {
        let applicable = self
            .results
            .iter()
            .filter(|r| r.status != RequirementStatus::NotApplicable);
        let total = applicable.clone().count() as u64;
        let met = applicable
            .filter(|r| r.status == RequirementStatus::Met)
            .count() as u64;
        format!(
            "{} of {} requirements met",
            format_count(met),
            format_count(total)
        )
    }
}

/// Judges `facts` against the requirements for `transition` in `catalogue` on
/// `today`. A catalogue without that transition gives a single not-met result
/// saying so (never an empty, vacuously "ready" list).
pub fn evaluate(
    catalogue: &Catalogue,
    transition: Transition,
    facts: &WorkerFacts,
    today: NaiveDate,
) -> Readiness {
    let results: Vec<RequirementResult> = match catalogue.transition(transition) {
        Some(t) => t
            .requirements
            .iter()
            .map(|req| {
                let mut result = judge(&req.rule, facts, today);
                result.id.clone_from(&req.id);
                result.title.clone_from(&req.title);
                result
            })
            .collect(),
        None => vec![RequirementResult {
            id: transition.id().to_owned(),
            title: transition.title(),
            reason: format!(
                "Catalogue version {} has no requirements for {}",
                catalogue.version,
                transition.id()
            ),
            ..result(RequirementStatus::NotMet, String::new())
        }],
    };
    let eligible_from = results.iter().filter_map(|r| r.eligible_from).max();
    Readiness {
        transition,
        catalogue_version: catalogue.version.clone(),
        evaluated_on: today,
        results,
        eligible_from,
    }
}

#[cfg(test)]
mod tests {
    use super::super::catalogue::Rule;
    use super::super::evidence::{EvidenceFact, EvidenceKind, EvidenceStatus};
    use super::super::format::add_years;
    use super::super::level::Level;
    use super::super::seed::seed_catalogue;
    use super::*;
    use proptest::prelude::*;
    use uuid::Uuid;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    fn complete_l3_portfolio() -> WorkerFacts {
        use EvidenceKind::*;
        let kinds = [
            Registration,
            PracticeObservation,
            LearningAudit,
            LearningAudit,
            PeerAudit,
            PeerAudit,
            CpdActivity,
            SafeguardingCompetence,
            ManagerEndorsement,
        ];
        let mut evidence: Vec<EvidenceFact> = (0u128..)
            .zip(kinds)
            .map(|(i, k)| {
                EvidenceFact::new(Uuid::from_u128(i), k, d(2026, 6, 1), EvidenceStatus::Final)
            })
            .collect();
        let mut statement = EvidenceFact::new(
            Uuid::from_u128(99),
            ReflectiveStatement,
            d(2026, 6, 1),
            EvidenceStatus::Final,
        );
        statement.word_count = Some(1_234);
        evidence.push(statement);
        super::super::rules::tests::facts(evidence)
    }

    #[test]
    fn path_l3_complete_portfolio_ready_from_second_anniversary() {
        let catalogue = seed_catalogue();
        let facts = complete_l3_portfolio();
        let before = evaluate(&catalogue, Transition::PathL3, &facts, d(2027, 1, 9));
        assert!(!before.is_ready());
        assert_eq!(before.summary(), "7 of 8 requirements met");
        assert_eq!(before.eligible_from, Some(d(2027, 1, 10)));
        let on = evaluate(&catalogue, Transition::PathL3, &facts, d(2027, 1, 10));
        assert!(on.is_ready(), "{:#?}", on.results);
        assert_eq!(on.catalogue_version, "2019-10.2");
        assert_eq!(on.results.len(), 9);
        let student = on
            .results
            .iter()
            .find(|r| r.id == "PATH-L3-6")
            .expect("PATH-L3-6");
        assert_eq!(student.status, RequirementStatus::NotApplicable);
    }

    #[test]
    fn missing_transition_is_never_ready() {
        let mut catalogue = seed_catalogue();
        catalogue
            .transitions
            .retain(|t| t.transition != Transition::PathMgmt);
        let r = evaluate(
            &catalogue,
            Transition::PathMgmt,
            &complete_l3_portfolio(),
            d(2030, 1, 1),
        );
        assert!(!r.is_ready());
        assert_eq!(
            r.results[0].reason,
            "Catalogue version 2019-10.2 has no requirements for PATH-MGMT"
        );
    }

    fn arb_fact() -> impl Strategy<Value = EvidenceFact> {
        (
            0u128..1000,
            0..EvidenceKind::ALL.len(),
            0i64..1500,
            any::<bool>(),
            any::<bool>(),
            proptest::option::of(0u32..3000),
        )
            .prop_map(|(id, kind, age, fin, prev, words)| EvidenceFact {
                id: Uuid::from_u128(id),
                kind: EvidenceKind::ALL[kind],
                date: d(2024, 1, 1) + chrono::Days::new(age as u64),
                status: if fin {
                    EvidenceStatus::Final
                } else {
                    EvidenceStatus::Draft
                },
                from_previous_employer: prev,
                word_count: words,
                cpd_centidays: None,
                expires_on: None,
                course: None,
            })
    }

    fn arb_facts() -> impl Strategy<Value = WorkerFacts> {
        (
            proptest::collection::vec(arb_fact(), 0..40),
            proptest::option::of(0u64..3000),
            proptest::option::of(0u64..3000),
        )
            .prop_map(|(evidence, q, pe1)| WorkerFacts {
                level: Level::SocialWorker2,
                qualified_on: q.map(|n| d(2020, 1, 1) + chrono::Days::new(n)),
                pe1_attended_on: pe1.map(|n| d(2020, 1, 1) + chrono::Days::new(n)),
                evidence,
                required_training: Vec::new(),
            })
    }

    proptest! {
        /// Readiness never reports "met" with missing evidence: every met
        /// requirement is backed by enough final, usable items (or the time
        /// and word rules really hold), and all-draft portfolios meet no
        /// evidence requirement.
        #[test]
        fn readiness_never_met_with_missing_evidence(facts in arb_facts(), day in 0u64..2500) {
            let today = d(2024, 1, 1) + chrono::Days::new(day);
            let catalogue = seed_catalogue();
            for t in Transition::ALL {
                let readiness = evaluate(&catalogue, t, &facts, today);
                let reqs = &catalogue.transition(t).expect("seeded").requirements;
                for (req, res) in reqs.iter().zip(&readiness.results) {
                    if res.status != RequirementStatus::Met { continue; }
                    match &req.rule {
                        Rule::Evidence(rule) => {
                            let usable = facts.evidence.iter().filter(|e| rule.kinds.contains(&e.kind)
                                && e.is_final() && e.date <= today
                                && (rule.accepts_previous_employer || !e.from_previous_employer)).count();
                            prop_assert!(usable >= rule.min_count as usize, "{}: {}", req.id, res.reason);
                            prop_assert!(res.counted_evidence.len() >= rule.min_count as usize);
                        }
                        Rule::YearsSinceQualification { years } => {
                            let q = facts.qualified_on.expect("met needs a qualification date");
                            prop_assert!(today >= add_years(q, *years));
                        }
                        Rule::ReflectiveStatement { min_words, max_words } => {
                            prop_assert!(facts.evidence.iter().any(|e| e.kind == EvidenceKind::ReflectiveStatement
                                && e.is_final() && e.date <= today
                                && e.word_count.is_some_and(|w| (*min_words..=*max_words).contains(&w))));
                        }
                    }
                }
                let mut drafts = facts.clone();
                drafts.evidence.iter_mut().for_each(|e| e.status = EvidenceStatus::Draft);
                let readiness = evaluate(&catalogue, t, &drafts, today);
                for (req, res) in reqs.iter().zip(&readiness.results) {
                    if !matches!(req.rule, Rule::YearsSinceQualification { .. }) {
                        prop_assert_ne!(res.status, RequirementStatus::Met, "{}", req.id);
                    }
                }
            }
        }
    }
}
