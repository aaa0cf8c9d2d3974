//! A fixed battery of rules-engine questions whose answers are written one per line.
//! The native test and the wasm32 test (frontend/tests/domain_equivalence.rs) both compare
//! the answers with `domain-answers.txt`, so a worker's tablet offline and the panel's
//! server online are proven to agree.

use chrono::{Days, NaiveDate, TimeZone, Utc};
use pathway_core::domain::*;
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
                        if kind == EvidenceKind::Registration {
                            // some lapsed before `today` (PATH-L3-2), some still valid
                            fact.expires_on =
                                Some(today - Days::new(30) + Days::new(i as u64 * 20));
                        }
                        if kind == EvidenceKind::PracticeEducatorCourse {
                            fact.course = Some(if i % 2 == 0 { "pe1" } else { "pe2" }.to_owned());
                        }
                        if kind == EvidenceKind::CpdActivity {
                            fact.cpd_centidays = Some(Centidays(50 * i as u32));
                            fact.course =
                                Some(if i % 3 == 0 { "CORE-01" } else { "DEV-01" }.to_owned());
                        }
                        fact
                    })
                    .collect();
                let facts = WorkerFacts {
                    level,
                    qualified_on: today.checked_sub_months(chrono::Months::new(months)),
                    pe1_attended_on: (size % 3 == 0).then(|| date(2025, 5, 1)),
                    evidence,
                    // PATH-MGMT-3: L&D's list for half the portfolios
                    required_training: if size % 4 == 0 {
                        vec![
                            (
                                "CORE-01".to_owned(),
                                "Child protection procedures".to_owned(),
                            ),
                            ("DEV-01".to_owned(), "Court skills".to_owned()),
                        ]
                    } else {
                        Vec::new()
                    },
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
                    cpd_allowance(&facts.evidence, LeaveYear::default(), Centidays(300), today)
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
        "Tom & Jerry — word—word **bold**text [a link](https://example.org/x) `code`",
        "- [x] done\n- *a **b** c*\n  continued _line_\n\n3) three",
        "2019. That year ![img](p.png) [unclosed (x) *** __ _a_b_",
    ] {
        lines.push(format!("words {text:?} = {}", count_words(text)));
    }
    // the same counts on deeply nested text (issue 11: used to recurse per bracket)
    for body in [
        "[".repeat(15_000) + &"]".repeat(15_000),
        "*_".repeat(15_000),
        "[a](".repeat(7_500),
        "**a ".repeat(7_500),
    ] {
        lines.push(format!(
            "words nested {} = {}",
            &body[..8],
            count_words(&body)
        ));
    }
    // CPD-2 in hundredths: fifteen fifths of a day are exactly the allowance
    let fifths: Vec<EvidenceFact> = (0..15u32)
        .map(|i| {
            let mut fact = EvidenceFact::new(
                Uuid::from_u128(u128::from(i) + 1),
                EvidenceKind::CpdActivity,
                date(2026, 5, 1 + i),
                EvidenceStatus::Final,
            );
            fact.cpd_centidays = Some(Centidays(20));
            fact
        })
        .collect();
    for extra in [0u32, 1, 20] {
        let mut facts = fifths.clone();
        facts[0].cpd_centidays = Some(Centidays(20 + extra));
        lines.push(format!(
            "cpd fifths +{extra}: {:?}",
            cpd_allowance(
                &facts,
                LeaveYear::default(),
                Centidays(300),
                date(2026, 9, 1)
            )
        ));
    }
    // PANEL-7: approved at the next panel, or at a later one
    let schedule = [
        date(2026, 4, 15),
        date(2026, 7, 15),
        date(2026, 10, 14),
        date(2026, 12, 9),
    ];
    let ill = || HearingOutcome::NotConsidered(NotConsidered::GoodReason("Illness".into()));
    let hearing = |panel: NaiveDate, outcome: HearingOutcome| PanelHearing {
        panel_date: panel,
        submitted_at: Utc
            .from_utc_datetime(&(panel - Days::new(14)).and_hms_opt(9, 0, 0).expect("time")),
        outcome,
    };
    for (first, approved) in [(0usize, 1usize), (0, 2), (1, 2), (1, 3), (2, 3)] {
        let hearings = [
            hearing(schedule[first], ill()),
            hearing(schedule[approved], HearingOutcome::Progress),
        ];
        lines.push(format!(
            "pay {first}->{approved}: {:?}",
            pay_effective_date(&hearings, &schedule)
        ));
    }
    // "today" is the UK date: the hour either side of midnight around both clock changes
    for (y, m, d) in [
        (2026, 3, 28),
        (2026, 3, 29),
        (2026, 6, 14),
        (2026, 10, 25),
        (2026, 12, 31),
    ] {
        for hour in [22, 23] {
            let at = Utc
                .with_ymd_and_hms(y, m, d, hour, 30, 0)
                .single()
                .expect("instant");
            lines.push(format!("london {at} = {}", london_date(at)));
        }
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
