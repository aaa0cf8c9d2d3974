//! Evidence-count rules: at least `min_count` final items of the listed kinds
//! (e.g. PATH-L3-4, 4 learning or peer audits). Drafts, future-dated items,
//! previous-employer items a rule refuses and items outside a "recent" window
//! do not count, and each is mentioned in the reason.

use super::catalogue::{Applicability, EvidenceRule};
use super::evidence::WorkerFacts;
use super::format::{count_noun, format_count, format_date};
use super::readiness::{RequirementResult, RequirementStatus};
use super::rules::result;
use chrono::{Months, NaiveDate};

pub(super) fn judge_evidence(
    rule: &EvidenceRule,
    facts: &WorkerFacts,
    today: NaiveDate,
) -> RequirementResult {
    if rule.applies == Applicability::IfPe1Attended
        && facts.pe1_attended_on.is_none_or(|d| d > today)
    {
        return result(
            RequirementStatus::NotApplicable,
            "Not needed: only required once you have attended Practice Educator training (PE1)"
                .to_owned(),
        );
    }
    let oldest = rule.within_months.map(|m| {
        today
            .checked_sub_months(Months::new(m))
            .unwrap_or(NaiveDate::MIN)
    });
    let (mut drafts, mut future, mut previous, mut old) = (0u64, 0u64, 0u64, 0u64);
    let mut lapsed: Vec<NaiveDate> = Vec::new();
    let mut counted = Vec::new();
    for item in facts
        .evidence
        .iter()
        .filter(|e| rule.kinds.contains(&e.kind))
    {
        if !item.is_final() {
            drafts += 1;
        } else if item.date > today {
            future += 1;
        } else if item.from_previous_employer && !rule.accepts_previous_employer {
            previous += 1;
        } else if oldest.is_some_and(|oldest| item.date < oldest) {
            old += 1;
        } else if let Some(expired) = item.expires_on.filter(|expires| *expires < today) {
            lapsed.push(expired);
        } else {
            counted.push(item);
        }
    }
    let mut problems = Vec::new();
    let missing: Vec<&str> = rule
        .each_course
        .iter()
        .filter(|(code, _)| !counted.iter().any(|e| e.course.as_deref() == Some(code)))
        .map(|(_, label)| label.as_str())
        .collect();
    if !missing.is_empty() {
        problems.push(format!("still needed: {}", missing.join(", ")));
    }
    if let Some(months) = rule.over_months {
        let first = counted.iter().map(|e| e.date).min();
        let last = counted.iter().map(|e| e.date).max();
        let long_enough = first
            .zip(last)
            .and_then(|(first, last)| {
                first
                    .checked_add_months(Months::new(months))
                    .map(|end| end <= last)
            })
            .unwrap_or(false);
        if !long_enough {
            problems.push(format!(
                "they must span at least {} (first to last)",
                count_noun(months.into(), "month", "months")
            ));
        }
    }
    let training = rule.required_training.then(|| {
        let missing: Vec<&str> = facts
            .required_training
            .iter()
            .filter(|(code, _)| !counted.iter().any(|e| e.course.as_deref() == Some(code)))
            .map(|(_, title)| title.as_str())
            .collect();
        (facts.required_training.len(), missing)
    });
    let counted: Vec<_> = counted.into_iter().map(|e| e.id).collect();
    if let Some((total, missing)) = training {
        let (status, reason) = if total == 0 {
            (
                RequirementStatus::NotMet,
                "Learning and Development lists no core and development courses for your level yet"
                    .to_owned(),
            )
        } else if missing.is_empty() {
            (
                RequirementStatus::Met,
                format!(
                    "All {} core and development courses done",
                    format_count(total as u64)
                ),
            )
        } else {
            (
                RequirementStatus::NotMet,
                format!(
                    "{} of {} core and development courses done; still needed: {}",
                    format_count((total - missing.len()) as u64),
                    format_count(total as u64),
                    missing.join(", ")
                ),
            )
        };
        return RequirementResult {
            counted_evidence: counted,
            ..result(status, reason)
        };
    }
    let have = counted.len() as u64;
    let need = u64::from(rule.min_count);
    let last_lapse = lapsed.iter().max().copied();
    let mut reason = if need == 1 {
        match (have, last_lapse) {
            (0, Some(expired)) => format!(
                "Lapsed: your {} expired on {}",
                rule.singular,
                format_date(expired)
            ),
            (0, None) => format!("No final {} yet", rule.singular),
            (n, _) => format!("{} added", count_noun(n, &rule.singular, &rule.plural)),
        }
    } else if have <= need {
        format!(
            "{} of {} {}",
            format_count(have),
            format_count(need),
            rule.plural
        )
    } else {
        format!(
            "{} ({} needed)",
            count_noun(have, &rule.singular, &rule.plural),
            format_count(need)
        )
    };
    let notes = [
        (
            drafts,
            "more in draft (only final evidence counts)".to_owned(),
        ),
        (future, "dated after today".to_owned()),
        (
            previous,
            "from a previous employer, which cannot be used for this".to_owned(),
        ),
        (
            old,
            format!("older than {} months", rule.within_months.unwrap_or(0)),
        ),
        (
            if have > 0 { lapsed.len() as u64 } else { 0 },
            "lapsed (past its expiry date)".to_owned(),
        ),
    ];
    for (n, note) in notes.iter().filter(|(n, _)| *n > 0) {
        reason.push_str(&format!("; {} {note}", format_count(*n)));
    }
    for problem in &problems {
        reason.push_str(&format!("; {problem}"));
    }
    let status = if have >= need && problems.is_empty() {
        RequirementStatus::Met
    } else {
        RequirementStatus::NotMet
    };
    RequirementResult {
        counted_evidence: counted,
        ..result(status, reason)
    }
}

#[cfg(test)]
mod tests {
    use super::super::catalogue::Rule;
    use super::super::evidence::EvidenceKind::*;
    use super::super::evidence::EvidenceStatus::{Draft, Final};
    use super::super::evidence::{EvidenceFact, WorkerFacts};
    use super::super::rules::tests::{d, facts, item, judged, judged_in};
    use super::super::seed::seed_catalogue;
    use super::*;
    use RequirementStatus::{Met, NotApplicable, NotMet};

    /// PATH-ASYE-2, PATH-L3-2, PATH-MGMT-2 (issue 11): a registration whose expiry date has
    /// passed no longer meets the requirement, and the task list says it has lapsed.
    #[test]
    fn path_l3_2_lapsed_registration_is_not_met() {
        let registration = |n: u128, expires: NaiveDate| EvidenceFact {
            expires_on: Some(expires),
            ..item(n, Registration, Final)
        };
        for id in ["PATH-L3-2", "PATH-MGMT-2", "PATH-ASYE-2"] {
            // valid on its last day
            let r = judged(
                id,
                &facts(vec![registration(1, d(2026, 11, 30))]),
                d(2026, 11, 30),
            );
            assert_eq!(r.status, Met, "{id}");
            // lapsed the day after
            let r = judged(
                id,
                &facts(vec![registration(1, d(2026, 11, 30))]),
                d(2026, 12, 1),
            );
            assert_eq!(r.status, NotMet, "{id}");
            assert_eq!(
                r.reason, "Lapsed: your registration record expired on 30 November 2026",
                "{id}"
            );
            // a renewed registration meets it again, and the old one is mentioned
            let r = judged(
                id,
                &facts(vec![
                    registration(1, d(2026, 11, 30)),
                    registration(2, d(2028, 11, 30)),
                ]),
                d(2026, 12, 1),
            );
            assert_eq!(r.status, Met, "{id}");
            assert_eq!(
                r.reason, "1 registration record added; 1 lapsed (past its expiry date)",
                "{id}"
            );
        }
    }

    /// PATH-MGMT-3 (issue 11): "all the core and development training" is every course on
    /// L&D's list for the worker's level, each on a final CPD record; one CPD record of
    /// anything is no longer enough, and the reason names what is missing.
    #[test]
    fn path_mgmt_3_needs_every_listed_course() {
        let done = |n: u128, code: &str| EvidenceFact {
            course: Some(code.to_owned()),
            ..item(n, CpdActivity, Final)
        };
        let today = d(2027, 2, 1);
        let listed = vec![
            (
                "CORE-01".to_owned(),
                "Child protection procedures".to_owned(),
            ),
            ("DEV-02".to_owned(), "Court skills".to_owned()),
        ];
        let worker = |evidence| WorkerFacts {
            required_training: listed.clone(),
            ..facts(evidence)
        };
        let r = judged(
            "PATH-MGMT-3",
            &worker(vec![item(1, CpdActivity, Final)]),
            today,
        );
        assert_eq!(r.status, NotMet);
        assert_eq!(
            r.reason,
            "0 of 2 core and development courses done; still needed: Child protection procedures, Court skills"
        );
        let r = judged("PATH-MGMT-3", &worker(vec![done(1, "CORE-01")]), today);
        assert_eq!(
            (r.status, r.reason.as_str()),
            (
                NotMet,
                "1 of 2 core and development courses done; still needed: Court skills"
            )
        );
        let r = judged(
            "PATH-MGMT-3",
            &worker(vec![done(1, "CORE-01"), done(2, "DEV-02")]),
            today,
        );
        assert_eq!(
            (r.status, r.reason.as_str()),
            (Met, "All 2 core and development courses done")
        );
        // a draft record of a course does not count
        let draft = EvidenceFact {
            status: Draft,
            ..done(2, "DEV-02")
        };
        assert_eq!(
            judged(
                "PATH-MGMT-3",
                &worker(vec![done(1, "CORE-01"), draft]),
                today
            )
            .status,
            NotMet
        );
        // no list published: not met, and it says why
        let r = judged("PATH-MGMT-3", &facts(vec![done(1, "CORE-01")]), today);
        assert_eq!(r.status, NotMet);
        assert!(
            r.reason.contains("lists no core and development courses"),
            "{}",
            r.reason
        );
    }

    /// PATH-MGMT-5 (issue 11): "the Practice Educator courses" means both stages; two
    /// PE1 records are not enough.
    #[test]
    fn path_mgmt_5_needs_both_practice_educator_stages() {
        let course = |n: u128, stage: &str| EvidenceFact {
            course: Some(stage.to_owned()),
            ..item(n, PracticeEducatorCourse, Final)
        };
        let today = d(2027, 2, 1);
        let r = judged(
            "PATH-MGMT-5",
            &facts(vec![course(1, "pe1"), course(2, "pe1")]),
            today,
        );
        assert_eq!(r.status, NotMet);
        assert_eq!(
            r.reason,
            "2 of 2 Practice Educator course records; still needed: Practice Educator stage 2 (PE2)"
        );
        let r = judged(
            "PATH-MGMT-5",
            &facts(vec![course(1, "pe1"), course(2, "pe2")]),
            today,
        );
        assert_eq!(
            (r.status, r.reason.as_str()),
            (Met, "2 of 2 Practice Educator course records")
        );
    }

    /// PATH-MGMT-10 (issue 11): "sustained delivery" is 3 group supervision records spanning
    /// at least 6 months, not one record.
    #[test]
    fn path_mgmt_10_group_supervision_must_be_sustained() {
        let session = |n: u128, date: NaiveDate| EvidenceFact {
            date,
            ..item(n, GroupSupervision, Final)
        };
        let today = d(2027, 2, 1);
        let r = judged(
            "PATH-MGMT-10",
            &facts(vec![session(1, d(2026, 9, 1))]),
            today,
        );
        assert_eq!(r.status, NotMet);
        let short = vec![
            session(1, d(2026, 6, 1)),
            session(2, d(2026, 8, 1)),
            session(3, d(2026, 11, 30)),
        ];
        let r = judged("PATH-MGMT-10", &facts(short), today);
        assert_eq!(r.status, NotMet);
        assert_eq!(
            r.reason,
            "3 of 3 group supervision records; they must span at least 6 months (first to last)"
        );
        let sustained = vec![
            session(1, d(2026, 6, 1)),
            session(2, d(2026, 8, 1)),
            session(3, d(2026, 12, 1)),
        ];
        assert_eq!(judged("PATH-MGMT-10", &facts(sustained), today).status, Met);
    }

    #[test]
    fn path_l3_4_audit_counts() {
        let audits = |n: u128| {
            (0..n).map(|i| item(i, if i % 2 == 0 { LearningAudit } else { PeerAudit }, Final))
        };
        let cases = [
            (3, NotMet, "3 of 4 learning or peer audits"),
            (4, Met, "4 of 4 learning or peer audits"),
            (5, Met, "5 learning or peer audits (4 needed)"),
        ];
        for (n, status, reason) in cases {
            let r = judged("PATH-L3-4", &facts(audits(n).collect()), d(2027, 2, 1));
            assert_eq!(
                (r.status, r.reason.as_str()),
                (status, reason),
                "{n} audits"
            );
            assert_eq!(r.counted_evidence.len() as u128, n);
        }
    }

    #[test]
    fn path_l3_4_drafts_do_not_count_and_are_mentioned() {
        let mut evidence: Vec<_> = (0..3).map(|i| item(i, LearningAudit, Final)).collect();
        evidence.push(item(9, LearningAudit, Draft));
        let r = judged("PATH-L3-4", &facts(evidence), d(2027, 2, 1));
        assert_eq!(r.status, NotMet);
        assert_eq!(
            r.reason,
            "3 of 4 learning or peer audits; 1 more in draft (only final evidence counts)"
        );
    }

    #[test]
    fn path_l3_4_future_dated_and_other_kinds_do_not_count() {
        let mut evidence: Vec<_> = (0..3).map(|i| item(i, LearningAudit, Final)).collect();
        evidence.push(EvidenceFact {
            date: d(2027, 3, 1),
            ..item(7, PeerAudit, Final)
        });
        evidence.push(item(8, ManagementOversightExample, Final));
        let r = judged("PATH-L3-4", &facts(evidence), d(2027, 2, 1));
        assert_eq!(r.status, NotMet);
        assert_eq!(
            r.reason,
            "3 of 4 learning or peer audits; 1 dated after today"
        );
    }

    #[test]
    fn path_l3_2_previous_employer_evidence_accepted() {
        let reg = EvidenceFact {
            from_previous_employer: true,
            ..item(1, Registration, Final)
        };
        let r = judged("PATH-L3-2", &facts(vec![reg]), d(2027, 2, 1));
        assert_eq!(
            (r.status, r.reason.as_str()),
            (Met, "1 registration record added")
        );
    }

    #[test]
    fn path_l3_9_previous_employer_endorsement_not_accepted() {
        let old = EvidenceFact {
            from_previous_employer: true,
            ..item(1, ManagerEndorsement, Final)
        };
        let r = judged("PATH-L3-9", &facts(vec![old]), d(2027, 2, 1));
        assert_eq!(r.status, NotMet);
        assert_eq!(
            r.reason,
            "No final team manager endorsement yet; 1 from a previous employer, which cannot be used for this"
        );
    }

    #[test]
    fn path_l3_6_student_support_only_after_pe1() {
        let today = d(2027, 2, 1);
        let cases = [
            (None, NotApplicable),
            (Some(d(2027, 3, 1)), NotApplicable),
            (Some(d(2026, 6, 1)), NotMet),
        ];
        for (pe1, status) in cases {
            let worker = WorkerFacts {
                pe1_attended_on: pe1,
                ..facts(vec![])
            };
            assert_eq!(
                judged("PATH-L3-6", &worker, today).status,
                status,
                "{pe1:?}"
            );
        }
        let worker = WorkerFacts {
            pe1_attended_on: Some(d(2026, 6, 1)),
            ..facts(vec![item(1, StudentSupport, Final)])
        };
        assert_eq!(judged("PATH-L3-6", &worker, today).status, Met);
    }

    #[test]
    fn recent_window_from_catalogue_data_excludes_old_items() {
        let mut catalogue = seed_catalogue();
        for t in &mut catalogue.transitions {
            for r in &mut t.requirements {
                if let Rule::Evidence(rule) = &mut r.rule {
                    rule.within_months = Some(12);
                }
            }
        }
        let old = EvidenceFact {
            date: d(2025, 1, 31),
            ..item(1, LearningAudit, Final)
        };
        let edge = EvidenceFact {
            date: d(2025, 2, 1),
            ..item(2, LearningAudit, Final)
        };
        let r = judged_in(
            &catalogue,
            "PATH-MGMT-8",
            &facts(vec![old, edge]),
            d(2026, 2, 1),
        );
        assert_eq!(
            r.reason,
            "1 of 4 learning audits or management oversight examples; 1 older than 12 months"
        );
    }
}
