//! A fixed battery of rules-engine questions whose answers are written one per line.
//! The native test and the wasm32 test (frontend/tests/domain_equivalence.rs) both compare
//! the answers with `domain-answers.txt`, so a worker's tablet offline and the panel's
//! server online are proven to agree.

use app::domain::*;
use chrono::{Days, NaiveDate, TimeZone, Utc};
use uuid::Uuid;

pub const GOLDEN: &str = include_str!("domain-answers.txt");

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn report() -> String {
    let mut lines = Vec::new();
    let catalogue = seed_catalogue();
    let today = date(2027, 1, 10);
    // readiness: every level, every qualification length, a growing portfolio
    for (level_index, level) in [Level::Asye, Level::SocialWorker2, Level::SocialWorker3]
        .into_iter()
        .enumerate()
    {
        for months in [6u32, 24, 25, 61] {
            for size in (0..EvidenceKind::ALL.len()).step_by(2) {
                let evidence = (0..=size)
                    .map(|i| {
                        let kind =
                            EvidenceKind::ALL[(i * 7 + level_index) % EvidenceKind::ALL.len()];
                        let status = if i % 5 == 4 {
                            EvidenceStatus::Draft
                        } else {
                            EvidenceStatus::Final
                        };
                        let mut fact = EvidenceFact::new(
                            Uuid::from_u128(i as u128 + 1),
                            kind,
                            today - Days::new(i as u64 * 9),
                            status,
                        );
                        if kind == EvidenceKind::ReflectiveStatement {
                            fact.word_count = Some(990 + (i as u32 * 97) % 600);
                        }
                        if kind == EvidenceKind::CpdActivity {
                            fact.cpd_days = Some(0.5 * i as f64);
                        }
                        fact
                    })
                    .collect();
                let facts = WorkerFacts {
                    level,
                    qualified_on: today.checked_sub_months(chrono::Months::new(months)),
                    pe1_attended_on: (size % 3 == 0).then(|| date(2025, 5, 1)),
                    evidence,
                };
                for transition in [
                    Transition::PathAsye,
                    Transition::PathL3,
                    Transition::PathMgmt,
                ] {
                    let readiness = evaluate(&catalogue, transition, &facts, today);
                    let answers: Vec<String> = readiness
                        .results
                        .iter()
                        .map(|r| format!("{}={:?}:{}", r.id, r.status, r.reason))
                        .collect();
                    lines.push(format!(
                        "{level:?} {months}m {size} {transition:?} ready={} {}",
                        readiness.is_ready(),
                        answers.join(" | ")
                    ));
                }
                lines.push(format!(
                    "cpd {size}: {:?}",
                    cpd_allowance(&facts.evidence, LeaveYear::default(), 3.0, today)
                ));
            }
        }
    }
    // word counts
    for text in [
        "",
        "one",
        "well-being matters",
        "A 2-year-old, seen 3 times — at home.",
        "# Heading\n\n* item *one*\n* [link text](https://example.org)\n\n> quote",
        "  spaced\t\tout \n words ",
        "1. first\n2. second",
        "co-operative ... -- ! ?",
        "émigré naïve café",
    ] {
        lines.push(format!("words {text:?} = {}", count_words(text)));
    }
    // panel deadlines across clock changes, 2026–2028
    let mut day = date(2026, 1, 1);
    while day < date(2029, 1, 1) {
        let due = deadlines(day);
        lines.push(format!(
            "panel {day} due {} circ {}",
            format_london(due.submission_deadline),
            format_london(due.circulation_due)
        ));
        let probe = Utc.from_utc_datetime(&due.submission_deadline.naive_utc());
        lines.push(format!(
            "on-time {day} {} {}",
            is_on_time(day, probe),
            is_on_time(day, probe + chrono::TimeDelta::seconds(1))
        ));
        day = day + Days::new(5);
    }
    lines.join("\n") + "\n"
}
