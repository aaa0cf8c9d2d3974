//! How each kind of [`Rule`] is judged, with plain-English reasons: the time
//! rule here, evidence counts in [`super::evidence_rule`], reflective
//! statements in [`super::statement_rule`]. Tests are named after the seeded
//! rule ids they exercise.

use super::catalogue::Rule;
use super::evidence::WorkerFacts;
use super::evidence_rule::judge_evidence;
use super::format::{add_years, count_noun, format_date};
use super::readiness::{RequirementResult, RequirementStatus};
use super::statement_rule::judge_statement;
use chrono::NaiveDate;

pub(super) fn result(status: RequirementStatus, reason: String) -> RequirementResult {
    RequirementResult {
        id: String::new(),
        title: String::new(),
        status,
        reason,
        eligible_from: None,
        counted_evidence: Vec::new(),
    }
}

pub(super) fn judge(rule: &Rule, facts: &WorkerFacts, today: NaiveDate) -> RequirementResult {
    match rule {
        Rule::Evidence(rule) => judge_evidence(rule, facts, today),
        Rule::YearsSinceQualification { years } => judge_years(*years, facts.qualified_on, today),
        Rule::ReflectiveStatement {
            min_words,
            max_words,
        } => judge_statement(*min_words, *max_words, &facts.evidence, today),
    }
}

fn judge_years(years: u32, qualified_on: Option<NaiveDate>, today: NaiveDate) -> RequirementResult {
    let Some(qualified) = qualified_on else {
        return result(
            RequirementStatus::NotMet,
            "Your qualification date is not recorded".to_owned(),
        );
    };
    let from = add_years(qualified, years);
    let since = format!(
        "{} after qualifying on {}",
        count_noun(years.into(), "year", "years"),
        format_date(qualified)
    );
    let (status, reason) = if today >= from {
        (
            RequirementStatus::Met,
            format!("Eligible since {} ({since})", format_date(from)),
        )
    } else {
        (
            RequirementStatus::NotMet,
            format!("Eligible from {} ({since})", format_date(from)),
        )
    };
    RequirementResult {
        eligible_from: Some(from),
        ..result(status, reason)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::super::catalogue::Catalogue;
    use super::super::evidence::{EvidenceFact, EvidenceKind, EvidenceStatus, WorkerFacts};
    use super::super::level::{Level, Transition};
    use super::super::readiness::{evaluate, RequirementResult};
    use super::super::seed::seed_catalogue;
    use super::*;
    use uuid::Uuid;

    pub(crate) fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid test date")
    }

    pub(crate) fn item(n: u128, kind: EvidenceKind, status: EvidenceStatus) -> EvidenceFact {
        EvidenceFact::new(Uuid::from_u128(n), kind, d(2026, 1, 5), status)
    }

    pub(crate) fn statement(
        n: u128,
        words: u32,
        status: EvidenceStatus,
        date: NaiveDate,
    ) -> EvidenceFact {
        EvidenceFact {
            word_count: Some(words),
            date,
            ..item(n, EvidenceKind::ReflectiveStatement, status)
        }
    }

    pub(crate) fn facts(evidence: Vec<EvidenceFact>) -> WorkerFacts {
        WorkerFacts {
            level: Level::SocialWorker2,
            qualified_on: Some(d(2025, 1, 10)),
            pe1_attended_on: None,
            evidence,
            required_training: Vec::new(),
        }
    }

    /// The result for requirement `id` of the seeded catalogue.
    pub(crate) fn judged_in(
        catalogue: &Catalogue,
        id: &str,
        facts: &WorkerFacts,
        today: NaiveDate,
    ) -> RequirementResult {
        Transition::ALL
            .iter()
            .flat_map(|t| evaluate(catalogue, *t, facts, today).results)
            .find(|r| r.id == id)
            .expect("requirement id in catalogue")
    }

    pub(crate) fn judged(id: &str, facts: &WorkerFacts, today: NaiveDate) -> RequirementResult {
        judged_in(&seed_catalogue(), id, facts, today)
    }

    use RequirementStatus::{Met, NotMet};

    #[test]
    fn path_l3_1_day_before_second_anniversary_not_met() {
        let r = judged("PATH-L3-1", &facts(vec![]), d(2027, 1, 9));
        assert_eq!(r.status, NotMet);
        assert_eq!(r.eligible_from, Some(d(2027, 1, 10)));
        assert_eq!(
            r.reason,
            "Eligible from 10 January 2027 (2 years after qualifying on 10 January 2025)"
        );
    }

    #[test]
    fn path_l3_1_on_second_anniversary_met() {
        let r = judged("PATH-L3-1", &facts(vec![]), d(2027, 1, 10));
        assert_eq!(r.status, Met);
        assert_eq!(
            r.reason,
            "Eligible since 10 January 2027 (2 years after qualifying on 10 January 2025)"
        );
    }

    #[test]
    fn path_l3_1_qualified_on_29_february_eligible_from_1_march() {
        let worker = WorkerFacts {
            qualified_on: Some(d(2024, 2, 29)),
            ..facts(vec![])
        };
        for (today, status) in [(d(2026, 2, 28), NotMet), (d(2026, 3, 1), Met)] {
            let r = judged("PATH-L3-1", &worker, today);
            assert_eq!(
                (r.status, r.eligible_from),
                (status, Some(d(2026, 3, 1))),
                "{today}"
            );
        }
    }

    #[test]
    fn path_l3_1_without_qualification_date_not_met() {
        let worker = WorkerFacts {
            qualified_on: None,
            ..facts(vec![])
        };
        let r = judged("PATH-L3-1", &worker, d(2030, 1, 1));
        assert_eq!((r.status, r.eligible_from), (NotMet, None));
    }

    #[test]
    fn path_mgmt_1_day_before_and_on_third_anniversary() {
        for (today, status) in [(d(2028, 1, 9), NotMet), (d(2028, 1, 10), Met)] {
            assert_eq!(
                judged("PATH-MGMT-1", &facts(vec![]), today).status,
                status,
                "{today}"
            );
        }
    }
}
