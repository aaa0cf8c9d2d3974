//! The first catalogue version, transcribed from the Social Work Career
//! Progression Policy & Pathway (SMT sign-off October 2019).
//!
//! Where DOMAIN.md and the policy text differ, the text was followed:
//! - PATH-MGMT-8 counts learning audits or management oversight examples
//!   (policy §6(iii)); peer audits are named only for PATH-L3.
//! - "Recent" audits (§6(iii), §9) has no period in the policy, so no
//!   `within_months` limit is seeded; a later version can add one.
//! - Evidence from a previous employer is accepted where the policy allows it
//!   (§6(ii), §7: "Workers coming from other Local Authorities can use evidence
//!   from their previous post"): for PATH-L3 and PATH-MGMT except the team
//!   manager endorsement (PATH-L3-9, from the current manager), and for
//!   registration only in PATH-ASYE (the ASYE year is spent with this employer).
//! - PATH-MGMT-1 "between 3 – 5 years" is read as at least 3 years since
//!   qualifying; 5 is typical, not a ceiling.
//! - PATH-MGMT-3 "all the core and development training" is every course
//!   Learning & Development's list in force expects at the worker's level
//!   (`domain::training`), each on a final CPD record naming it.
//! - PATH-MGMT-5 "the Practice Educator courses" (plural) needs both stages,
//!   PE1 and PE2, each recorded on a Practice Educator course record.
//! - PATH-MGMT-10 "sustained delivery of group supervision" needs at least 3
//!   group supervision records spanning at least 6 months, first to last: the
//!   text names no period, so this version names one; a later version can
//!   change it.
//!
//! Version `2019-10.2` (issue 11) is the same policy read more exactly than
//! `2019-10` (PATH-MGMT-5, PATH-MGMT-10); both are in force from the same day,
//! and the one stored later wins (see `server::db::catalogues`).

use super::catalogue::{
    Applicability, Catalogue, EvidenceRule, Requirement, Rule, TransitionRequirements,
};
use super::evidence::EvidenceKind::{self, *};
use super::level::Transition;
use chrono::NaiveDate;

/// The version string of [`seed_catalogue`].
pub const SEED_VERSION: &str = "2019-10.2";

/// The catalogue seeded from the policy text, in force from 1 October 2019.
pub fn seed_catalogue() -> Catalogue {
    Catalogue {
        version: SEED_VERSION.to_owned(),
        // The policy was signed off in October 2019; the day is not given.
        effective_from: NaiveDate::from_ymd_opt(2019, 10, 1).unwrap_or(NaiveDate::MIN),
        cpd_additional_days_per_year: 3.0,
        transitions: vec![path_asye(), path_l3(), path_mgmt()],
    }
}

const ASYE: &str = "Policy §6(i)";
const L3: &str = "Policy §6(ii)";
const MGMT: &str = "Policy §6(iii)";

// The three tables below are data: one requirement per line, so rustfmt is
// told to leave them alone. `one(id, title, source, kind, noun, previous
// employer evidence accepted)`.

#[rustfmt::skip]
fn path_asye() -> TransitionRequirements {
    TransitionRequirements {
        transition: Transition::PathAsye,
        manager_decision_required: false,
        requirements: vec![
            one("PATH-ASYE-1", "Probation passed", ASYE, Probation, "probation outcome", false),
            one("PATH-ASYE-2", "Professional registration", ASYE, Registration, "registration record", true),
            one("PATH-ASYE-3", "ASYE programme completed", ASYE, AsyeCompletion, "ASYE completion record", false),
            one("PATH-ASYE-4", "All mandatory training completed", ASYE, MandatoryTraining, "mandatory training record", false),
            one("PATH-ASYE-5", "Safeguarding competency", ASYE, SafeguardingCompetence, "safeguarding competence record", false),
            one("PATH-ASYE-6", "Practice supervisor endorsement", ASYE, PracticeSupervisorEndorsement, "practice supervisor endorsement", false),
            statement("PATH-ASYE-7", ASYE),
        ],
    }
}

#[rustfmt::skip]
fn path_l3() -> TransitionRequirements {
    let mut student = one("PATH-L3-6", "Evidence of supporting a student", L3, StudentSupport, "student support record", true);
    if let Rule::Evidence(rule) = &mut student.rule {
        rule.applies = Applicability::IfPe1Attended;
    }
    TransitionRequirements {
        transition: Transition::PathL3,
        manager_decision_required: true,
        requirements: vec![
            years("PATH-L3-1", "At least 2 years' post-qualifying experience", L3, 2),
            one("PATH-L3-2", "Professional registration", L3, Registration, "registration record", true),
            one("PATH-L3-3", "Manager's written observations of practice", L3, PracticeObservation, "written practice observation", true),
            many("PATH-L3-4", "Evidence from 4 learning or peer audits", L3, &[LearningAudit, PeerAudit], 4,
                ("learning or peer audit", "learning or peer audits")),
            one("PATH-L3-5", "Continuous professional development", L3, CpdActivity, "CPD record", true),
            student,
            one("PATH-L3-7", "Safeguarding competence", L3, SafeguardingCompetence, "safeguarding competence record", true),
            statement("PATH-L3-8", L3),
            one("PATH-L3-9", "Team manager endorsement", "Policy §7", ManagerEndorsement, "team manager endorsement", false),
        ],
    }
}

#[rustfmt::skip]
fn path_mgmt() -> TransitionRequirements {
    TransitionRequirements {
        transition: Transition::PathMgmt,
        manager_decision_required: false,
        requirements: vec![
            years("PATH-MGMT-1", "3 to 5 years as a social worker (at least 3)", MGMT, 3),
            one("PATH-MGMT-2", "Professional registration", MGMT, Registration, "registration record", true),
            all_training(),
            one("PATH-MGMT-4", "Mentored ASYE workers", MGMT, AsyeMentoring, "ASYE mentoring record", true),
            pe_courses(),
            one("PATH-MGMT-6", "Feedback from students supervised", MGMT, StudentFeedback, "student feedback record", true),
            one("PATH-MGMT-7", "Managers' written observations", MGMT, PracticeObservation, "written practice observation", true),
            many("PATH-MGMT-8", "4 recent learning audits (or management oversight examples)", MGMT,
                &[LearningAudit, ManagementOversightExample], 4,
                ("learning audit or management oversight example", "learning audits or management oversight examples")),
            one("PATH-MGMT-9", "Safeguarding competence", MGMT, SafeguardingCompetence, "safeguarding competence record", true),
            sustained_group_supervision(),
        ],
    }
}

/// The Practice Educator stages PATH-MGMT-5 needs, as recorded on a course record.
pub const PE_STAGES: [(&str, &str); 2] = [
    ("pe1", "Practice Educator stage 1 (PE1)"),
    ("pe2", "Practice Educator stage 2 (PE2)"),
];

fn pe_courses() -> Requirement {
    let mut r = many(
        "PATH-MGMT-5",
        "Practice Educator courses completed (PE1 and PE2)",
        MGMT,
        &[PracticeEducatorCourse],
        2,
        (
            "Practice Educator course record",
            "Practice Educator course records",
        ),
    );
    if let Rule::Evidence(rule) = &mut r.rule {
        rule.each_course = PE_STAGES
            .iter()
            .map(|(code, label)| ((*code).to_owned(), (*label).to_owned()))
            .collect();
    }
    r
}

fn all_training() -> Requirement {
    let mut r = one(
        "PATH-MGMT-3",
        "CPD: all core and development training",
        MGMT,
        CpdActivity,
        "CPD record",
        true,
    );
    if let Rule::Evidence(rule) = &mut r.rule {
        rule.required_training = true;
    }
    r
}

fn sustained_group_supervision() -> Requirement {
    let mut r = many(
        "PATH-MGMT-10",
        "Sustained delivery of group supervision (over 6 months or more)",
        MGMT,
        &[GroupSupervision],
        3,
        ("group supervision record", "group supervision records"),
    );
    if let Rule::Evidence(rule) = &mut r.rule {
        rule.over_months = Some(6);
    }
    r
}

fn one(
    id: &str,
    title: &str,
    source: &str,
    kind: EvidenceKind,
    noun: &str,
    previous: bool,
) -> Requirement {
    let plural = format!("{noun}s");
    let mut r = many(id, title, source, &[kind], 1, (noun, &plural));
    if let Rule::Evidence(rule) = &mut r.rule {
        rule.accepts_previous_employer = previous;
    }
    r
}

fn many(
    id: &str,
    title: &str,
    source: &str,
    kinds: &[EvidenceKind],
    min_count: u32,
    nouns: (&str, &str),
) -> Requirement {
    Requirement {
        id: id.to_owned(),
        title: title.to_owned(),
        source: source.to_owned(),
        rule: Rule::Evidence(EvidenceRule {
            kinds: kinds.to_vec(),
            min_count,
            singular: nouns.0.to_owned(),
            plural: nouns.1.to_owned(),
            applies: Applicability::Always,
            accepts_previous_employer: true,
            within_months: None,
            each_course: Vec::new(),
            over_months: None,
            required_training: false,
        }),
    }
}

fn years(id: &str, title: &str, source: &str, years: u32) -> Requirement {
    Requirement {
        id: id.to_owned(),
        title: title.to_owned(),
        source: source.to_owned(),
        rule: Rule::YearsSinceQualification { years },
    }
}

fn statement(id: &str, source: &str) -> Requirement {
    Requirement {
        id: id.to_owned(),
        title: "Reflective statement of 1,000 to 1,500 words".to_owned(),
        source: source.to_owned(),
        rule: Rule::ReflectiveStatement {
            min_words: 1000,
            max_words: 1500,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn seed_catalogue_is_valid_and_complete() {
        let c = seed_catalogue();
        assert_eq!(c.validate(), Ok(()));
        let count = |t| c.transition(t).map(|t| t.requirements.len());
        assert_eq!(count(Transition::PathAsye), Some(7));
        assert_eq!(count(Transition::PathL3), Some(9));
        assert_eq!(count(Transition::PathMgmt), Some(10));
    }

    #[test]
    fn path_l3_4_needs_four_learning_or_peer_audits() {
        let c = seed_catalogue();
        let l3 = c.transition(Transition::PathL3).expect("PATH-L3");
        let audits = l3
            .requirements
            .iter()
            .find(|r| r.id == "PATH-L3-4")
            .expect("PATH-L3-4");
        let Rule::Evidence(rule) = &audits.rule else {
            panic!("evidence rule")
        };
        assert_eq!(rule.min_count, 4);
        assert_eq!(rule.kinds, [LearningAudit, PeerAudit]);
    }

    #[test]
    fn path_l3_6_applies_only_after_pe1() {
        let c = seed_catalogue();
        let l3 = c.transition(Transition::PathL3).expect("PATH-L3");
        let student = l3
            .requirements
            .iter()
            .find(|r| r.id == "PATH-L3-6")
            .expect("PATH-L3-6");
        assert!(
            matches!(&student.rule, Rule::Evidence(r) if r.applies == Applicability::IfPe1Attended)
        );
    }
}
