//! The reflective statement rule (PATH-ASYE-7, PATH-L3-8): the latest final
//! statement must have between the minimum and maximum words (counted by
//! [`crate::text::count_words`] when saved). A newer draft is mentioned.

use super::evidence::{EvidenceFact, EvidenceKind};
use super::format::{count_noun, format_count};
use super::readiness::{RequirementResult, RequirementStatus};
use super::rules::result;
use chrono::NaiveDate;

pub(super) fn judge_statement(
    min: u32,
    max: u32,
    evidence: &[EvidenceFact],
    today: NaiveDate,
) -> RequirementResult {
    let statements = || {
        evidence
            .iter()
            .filter(|e| e.kind == EvidenceKind::ReflectiveStatement && e.date <= today)
    };
    let latest_final = statements().filter(|e| e.is_final()).max_by_key(|e| e.date);
    let latest_draft = statements()
        .filter(|e| !e.is_final())
        .max_by_key(|e| e.date);
    let limits = format!(
        "{}–{} words",
        format_count(min.into()),
        format_count(max.into())
    );
    let describe = |words: Option<u32>| match words {
        None => (
            "word count not known; open and save it again".to_owned(),
            false,
        ),
        Some(w) if w < min => (
            format!(
                "{} — {} under the {} minimum",
                count_noun(w.into(), "word", "words"),
                format_count((min - w).into()),
                format_count(min.into())
            ),
            false,
        ),
        Some(w) if w > max => (
            format!(
                "{} — {} over the {} limit",
                count_noun(w.into(), "word", "words"),
                format_count((w - max).into()),
                format_count(max.into())
            ),
            false,
        ),
        Some(w) => (
            format!("{} ({limits})", count_noun(w.into(), "word", "words")),
            true,
        ),
    };
    let Some(statement) = latest_final else {
        let reason = match latest_draft {
            Some(draft) => format!(
                "No final statement yet; your draft is {}",
                describe(draft.word_count).0
            ),
            None => format!("No reflective statement yet ({limits})"),
        };
        return result(RequirementStatus::NotMet, reason);
    };
    let (text, ok) = describe(statement.word_count);
    let mut reason = format!("Statement is {text}");
    if let Some(draft) = latest_draft.filter(|d| d.date > statement.date) {
        reason.push_str(&format!(
            "; a newer draft is {}",
            describe(draft.word_count).0
        ));
    }
    let status = if ok {
        RequirementStatus::Met
    } else {
        RequirementStatus::NotMet
    };
    RequirementResult {
        counted_evidence: if ok { vec![statement.id] } else { Vec::new() },
        ..result(status, reason)
    }
}

#[cfg(test)]
mod tests {
    use super::super::evidence::EvidenceStatus::{Draft, Final};
    use super::super::rules::tests::{d, facts, judged, statement};
    use super::*;
    use uuid::Uuid;
    use RequirementStatus::{Met, NotMet};

    #[test]
    fn path_l3_8_statement_word_limits() {
        let today = d(2027, 2, 1);
        let cases = [
            (
                999,
                NotMet,
                "Statement is 999 words — 1 under the 1,000 minimum",
            ),
            (1000, Met, "Statement is 1,000 words (1,000–1,500 words)"),
            (1500, Met, "Statement is 1,500 words (1,000–1,500 words)"),
            (
                1501,
                NotMet,
                "Statement is 1,501 words — 1 over the 1,500 limit",
            ),
            (
                1612,
                NotMet,
                "Statement is 1,612 words — 112 over the 1,500 limit",
            ),
        ];
        for (words, status, reason) in cases {
            let r = judged(
                "PATH-L3-8",
                &facts(vec![statement(1, words, Final, d(2027, 1, 1))]),
                today,
            );
            assert_eq!((r.status, r.reason.as_str()), (status, reason));
        }
    }

    #[test]
    fn path_asye_7_draft_statement_does_not_count() {
        let draft = statement(1, 1200, Draft, d(2027, 1, 1));
        let r = judged("PATH-ASYE-7", &facts(vec![draft]), d(2027, 2, 1));
        assert_eq!(r.status, NotMet);
        assert_eq!(
            r.reason,
            "No final statement yet; your draft is 1,200 words (1,000–1,500 words)"
        );
        let r = judged("PATH-ASYE-7", &facts(vec![]), d(2027, 2, 1));
        assert_eq!(r.reason, "No reflective statement yet (1,000–1,500 words)");
    }

    #[test]
    fn path_l3_8_latest_final_statement_judged_and_newer_draft_mentioned() {
        let evidence = vec![
            statement(1, 1700, Final, d(2026, 6, 1)),
            statement(2, 1400, Final, d(2026, 9, 1)),
            statement(3, 1550, Draft, d(2026, 12, 1)),
        ];
        let r = judged("PATH-L3-8", &facts(evidence), d(2027, 2, 1));
        assert_eq!(r.status, Met);
        assert_eq!(r.counted_evidence, [Uuid::from_u128(2)]);
        assert_eq!(
            r.reason,
            "Statement is 1,400 words (1,000–1,500 words); a newer draft is 1,550 words — 50 over the 1,500 limit"
        );
    }

    #[test]
    fn path_l3_8_unknown_word_count_not_met() {
        let s = EvidenceFact {
            word_count: None,
            ..statement(1, 0, Final, d(2027, 1, 1))
        };
        assert_eq!(
            judged("PATH-L3-8", &facts(vec![s]), d(2027, 2, 1)).status,
            NotMet
        );
    }
}
