//! The Achieving Permanence checklists as data (AP-ENTRY, AP-VERIFY,
//! AP-COMPLETE), worded as in "Achieving permanence: responsibilities of
//! managers/supervisors". Judged by [`super::permanence::evaluate_checklist`].

use serde::{Deserialize, Serialize};

/// How a checklist item is satisfied.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Check {
    /// The manager ticks it.
    ManagerConfirms,
    /// Worked out from the qualification date: strictly more than `years`.
    QualifiedMoreThanYears { years: u32 },
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChecklistItem {
    pub id: String,
    /// The heading the item sits under, as in the source text.
    pub section: String,
    pub text: String,
    pub check: Check,
}

/// Checklist text as `(section, items)`, numbered in order.
type Sections = [(&'static str, &'static [&'static str])];

const ENTRY: &Sections = &[
    (
        "Already evidences enhanced skill and confidence in",
        &[
            "Whole family assessment",
            "Direct work with children/young adults and families",
            "Preparation of analytical reports; ability to articulate defensible decision-making",
            "The practical skills required to prepare for and attend court",
        ],
    ),
    (
        "All candidates must be",
        &[
            "Qualified for more than two years",
            "Experienced in child and family social work",
            "Experienced in care proceedings, either directly, or through shadowing another worker \
             through a case",
            "Engaged in regular reflective supervision",
        ],
    ),
    (
        "Has a clear understanding of",
        &[
            "Child development",
            "The impact of trauma and neglect on children/young adults' well-being",
            "Attachment and resilience",
            "Child care and family law",
            "Anti-discriminatory and anti-oppressive social work practice",
        ],
    ),
];

const VERIFY: &Sections = &[
    (
        "I verify that the candidate",
        &[
            "Has/is working towards achieving a consistently high level of skill in child and \
             family social work",
            "Is consolidating all the requirements set out in the Knowledge and Skills Statement \
             for Approved Child and Family Practitioners",
            "Is engaged in complex and challenging practice",
            "Is prepared for and open to advanced learning",
        ],
    ),
    (
        "I have ensured that",
        &[
            "The participant can commit to and fulfil every aspect of the programme",
            "The participant has a clear sense of what they hope to achieve (personal learning \
             goals) and I agree with these",
            "The participant's workload will give them opportunities to put their learning into \
             practice",
            "The participant will have opportunities to demonstrate progress as they develop new \
             skills and knowledge",
            "A clear process is in place to manage any complaints or difficulties (selection, \
             attendance, participation, support, guidance and supervision, completion, assessment)",
        ],
    ),
];

const COMPLETE: &Sections = &[
    (
        "The participant has",
        &[
            "Participated in all four face to face workshops",
            "Actively engaged in online learning",
            "Produced evidence of the development of their knowledge and expertise throughout the \
             programme",
            "Produced evidence of enhanced skill in direct work with children/young adults, \
             parents, carers, and other professionals",
            "Created a practice portfolio that demonstrates the development achieved and the \
             impact of learning on practice",
        ],
    ),
    (
        "The practice portfolio includes",
        &[
            "Evidence of engagement in all aspects of learning throughout the programme",
            "Examples of reflective capacity and critical thinking",
            "Discussion of how their learning and development has influenced their practice",
            "A plan for continuing professional development at the end of the programme",
            "Self-evaluation and evaluation by children/young adults, parents and carers, \
             professional peers and colleagues from across the multidisciplinary network",
            "A \"policy and practice\" briefing paper on an area of special interest",
        ],
    ),
];

fn checklist(prefix: &str, sections: &Sections) -> Vec<ChecklistItem> {
    let items = sections
        .iter()
        .flat_map(|(section, texts)| texts.iter().map(move |text| (*section, *text)));
    (1..)
        .zip(items)
        .map(|(n, (section, text))| ChecklistItem {
            id: format!("{prefix}-{n}"),
            section: section.to_owned(),
            text: text.to_owned(),
            check: Check::ManagerConfirms,
        })
        .collect()
}

/// AP-ENTRY: what the manager must be confident of before nominating.
/// AP-ENTRY-5 ("qualified for more than two years") is worked out from the
/// qualification date.
pub fn entry_checklist() -> Vec<ChecklistItem> {
    let mut list = checklist("AP-ENTRY", ENTRY);
    for item in list.iter_mut().filter(|i| i.id == "AP-ENTRY-5") {
        item.check = Check::QualifiedMoreThanYears { years: 2 };
    }
    list
}

/// AP-VERIFY: the four statements the manager formally verifies, then what the
/// manager must ensure before the participant starts.
pub fn verification_statements() -> Vec<ChecklistItem> {
    checklist("AP-VERIFY", VERIFY)
}

/// AP-COMPLETE: what the manager checks before verifying completion in writing.
pub fn completion_checklist() -> Vec<ChecklistItem> {
    checklist("AP-COMPLETE", COMPLETE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ap_entry_thirteen_items_one_worked_out_from_dates() {
        let list = entry_checklist();
        assert_eq!(list.len(), 13);
        let computed: Vec<&str> = list
            .iter()
            .filter(|i| i.check != Check::ManagerConfirms)
            .map(|i| i.id.as_str())
            .collect();
        assert_eq!(computed, ["AP-ENTRY-5"]);
        assert_eq!(list[4].text, "Qualified for more than two years");
    }

    #[test]
    fn ap_verify_four_statements_and_five_assurances() {
        let list = verification_statements();
        assert_eq!(list.len(), 9);
        let statements = list
            .iter()
            .filter(|i| i.section == "I verify that the candidate");
        assert_eq!(statements.count(), 4);
        assert!(list.iter().all(|i| i.check == Check::ManagerConfirms));
        assert_eq!(list[8].id, "AP-VERIFY-9");
    }

    #[test]
    fn ap_complete_eleven_items_ending_with_briefing_paper() {
        let list = completion_checklist();
        assert_eq!(list.len(), 11);
        assert!(list[10].text.contains("briefing paper"));
    }
}
