//! What each kind of evidence records (the fields a panel needs), who may add it, and the
//! codes stored in the database. The form and the validation are both driven by [`spec`].

use crate::domain::{EvidenceKind, Level};

/// The storage code of a kind: its serde name, `"learning_audit"`.
pub fn kind_code(kind: EvidenceKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

pub fn kind_from_code(code: &str) -> Option<EvidenceKind> {
    serde_json::from_value(serde_json::Value::String(code.to_owned())).ok()
}

/// The storage code of a level in `level_history.level`.
pub fn level_from_code(code: &str) -> Option<Level> {
    match code {
        "asye" => Some(Level::Asye),
        "social_worker_2" => Some(Level::SocialWorker2),
        "social_worker_3" => Some(Level::SocialWorker3),
        "senior_practitioner" => Some(Level::SeniorPractitioner),
        "team_manager" => Some(Level::TeamManager),
        _ => None,
    }
}

/// The storage code of a level (the inverse of [`level_from_code`]).
pub fn level_code(level: Level) -> &'static str {
    match level {
        Level::Asye => "asye",
        Level::SocialWorker2 => "social_worker_2",
        Level::SocialWorker3 => "social_worker_3",
        Level::SeniorPractitioner => "senior_practitioner",
        Level::TeamManager => "team_manager",
    }
}

/// Who may add a kind of evidence to a worker's portfolio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Author {
    /// The worker themselves.
    Worker,
    /// The worker, or their practice supervisor or team manager (observations).
    WorkerOrManager,
    /// Their practice supervisor or team manager only; the worker may add one only when it
    /// comes from a previous employer (policy §6(ii): "manager observations will all be
    /// accepted").
    ManagerOrPreviousEmployer,
    /// The worker's line manager (their team manager) only: passing probation is confirmed
    /// by them, never declared by the worker (policy §6(i)).
    LineManager,
    /// Learning and Development only: completing the ASYE programme is confirmed by L&D,
    /// never declared by the worker (policy §6(i)).
    LearningAndDevelopment,
    /// Their practice supervisor or team manager, never the worker: a departing manager's
    /// statement for the portfolio (DEC-4).
    ManagerOnly,
    /// Recorded elsewhere (managers' decisions, DEC-1 to DEC-3), never through this editor.
    NotHere,
}

/// How one kind-specific field is entered and checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Input {
    Text {
        max: usize,
    },
    /// "YYYY-MM-DD"; `not_future` refuses dates after today.
    Date {
        not_future: bool,
    },
    Choice(&'static [(&'static str, &'static str)]),
    /// A positive number with at most two decimals (hours or days).
    Number,
    /// A course code from Learning & Development's list in force (PATH-MGMT-3), offered as
    /// a select; a code no longer on the list is kept as typed and simply does not count.
    Course,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FieldSpec {
    /// The key in `EvidenceForm::details` and the element id.
    pub name: &'static str,
    pub label: &'static str,
    pub hint: &'static str,
    pub required: bool,
    pub input: Input,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KindSpec {
    pub kind: EvidenceKind,
    pub author: Author,
    pub date_label: &'static str,
    pub body_label: &'static str,
    pub body_hint: &'static str,
    pub body_required: bool,
    pub fields: &'static [FieldSpec],
}

/// CPD-1: the kinds of CPD evidence the policy names (§10).
pub const CPD_TYPES: &[(&str, &str)] = &[
    ("core_training", "Core training course"),
    ("development_training", "Development training course"),
    ("secondment", "Secondment"),
    ("work_with_students", "Work with students"),
    ("observation", "Observation"),
    ("delivering_training", "Delivering training"),
    (
        "learning_resources",
        "Learning resources (Community Care Inform, Research in Practice)",
    ),
    ("team_learning", "Team learning session"),
    ("signs_of_safety", "Signs of Safety group supervision"),
    (
        "reading_or_shadowing",
        "Reading, shadowing or portfolio preparation",
    ),
];

pub const YES_NO: &[(&str, &str)] = &[("yes", "Yes"), ("no", "No")];
pub const DURATION_UNITS: &[(&str, &str)] = &[("hours", "Hours"), ("days", "Days")];
/// A working day (7.5 hours, in hundredths of an hour) for converting CPD hours into days
/// of the CPD-2 allowance.
pub const HOURS_PER_DAY_IN_HUNDREDTHS: u32 = 750;

const PE_STATUS: &[(&str, &str)] = &[
    ("none", "Not started Practice Educator training"),
    ("pe1", "Practice Educator stage 1 (PE1)"),
    ("pe2", "Practice Educator stage 2 (PE2)"),
];
const SAFEGUARDING_SOURCES: &[(&str, &str)] = &[
    ("supervision", "Supervision"),
    ("pdr", "Performance and development review (PDR)"),
];
const FEEDBACK_FROM: &[(&str, &str)] = &[
    ("student", "A student"),
    ("partner_agency", "A partner agency"),
    ("child", "A child or young person"),
    ("family", "A family member or carer"),
];

const fn text(name: &'static str, label: &'static str, hint: &'static str) -> FieldSpec {
    FieldSpec {
        name,
        label,
        hint,
        required: true,
        input: Input::Text { max: 200 },
    }
}

const fn choice(
    name: &'static str,
    label: &'static str,
    options: &'static [(&'static str, &'static str)],
) -> FieldSpec {
    FieldSpec {
        name,
        label,
        hint: "",
        required: true,
        input: Input::Choice(options),
    }
}

const REGISTRATION: &[FieldSpec] = &[
    text("register", "Register", "For example, Social Work England"),
    text(
        "registration_number",
        "Registration number",
        "For example, SW123456",
    ),
    FieldSpec {
        name: "expires_on",
        label: "Registration expiry date",
        hint: "For example, 2027-11-30",
        required: true,
        input: Input::Date { not_future: false },
    },
];
const AUDIT: &[FieldSpec] = &[
    text(
        "audit_type",
        "Type of audit",
        "For example, case file audit or themed audit",
    ),
    text(
        "case_reference",
        "Anonymised case reference",
        "Use your team's anonymised reference, never a name or a case number from the case record",
    ),
];
const CPD: &[FieldSpec] = &[
    choice("cpd_type", "Type of CPD", CPD_TYPES),
    FieldSpec {
        name: "duration",
        label: "How long it took",
        hint: "A number, for example 3 or 1.5",
        required: true,
        input: Input::Number,
    },
    choice("duration_unit", "Hours or days", DURATION_UNITS),
    choice(
        "counts_towards_allowance",
        "Does this use your 3 additional CPD days?",
        YES_NO,
    ),
    FieldSpec {
        name: "course",
        label: "Which course on Learning and Development's list",
        hint: "Core and development training only. PATH-MGMT-3 looks for every course on the list for your level",
        required: false,
        input: Input::Course,
    },
];
const STUDENT: &[FieldSpec] = &[
    text(
        "student",
        "Student",
        "Initials or an anonymised reference only",
    ),
    text(
        "placement",
        "Placement",
        "For example, final-year placement, 100 days",
    ),
    choice("pe_status", "Your Practice Educator status", PE_STATUS),
];
const SAFEGUARDING: &[FieldSpec] = &[choice(
    "source",
    "Where was this competence evidenced?",
    SAFEGUARDING_SOURCES,
)];
const OBSERVATION: &[FieldSpec] = &[
    text("observer", "Observer", "The name and role of who observed"),
    text(
        "setting",
        "Setting",
        "For example, home visit or child protection conference",
    ),
];
const PE_COURSE: &[FieldSpec] = &[choice(
    "stage",
    "Which Practice Educator course",
    &crate::domain::seed::PE_STAGES,
)];
const FEEDBACK: &[FieldSpec] = &[choice(
    "feedback_from",
    "Who gave the feedback?",
    FEEDBACK_FROM,
)];

/// What the editor asks for each kind.
pub fn spec(kind: EvidenceKind) -> KindSpec {
    use EvidenceKind::*;
    let base = KindSpec {
        kind,
        author: Author::Worker,
        date_label: "Date",
        body_label: "Description",
        body_hint: "",
        body_required: true,
        fields: &[],
    };
    match kind {
        Registration => KindSpec {
            date_label: "Date you checked your registration",
            body_label: "Notes (optional)",
            body_required: false,
            fields: REGISTRATION,
            ..base
        },
        ReflectiveStatement => KindSpec {
            date_label: "Date written",
            body_label: "Reflective statement",
            body_hint:
                "Reflect on your practice and learning. Use paragraphs, lists and *emphasis*.",
            ..base
        },
        LearningAudit | PeerAudit | ManagementOversightExample => KindSpec {
            date_label: "Date of the audit",
            body_label: "What the audit shows about complexity and risk",
            fields: AUDIT,
            ..base
        },
        CpdActivity => KindSpec {
            date_label: "Date of the activity",
            body_label: "Your reflection",
            body_hint: "What you learned and how it has changed your practice",
            fields: CPD,
            ..base
        },
        StudentSupport => KindSpec {
            date_label: "Date the placement ended (or today)",
            body_label: "Feedback and what you did to support the student",
            fields: STUDENT,
            ..base
        },
        SafeguardingCompetence => KindSpec {
            date_label: "Date of the supervision or PDR",
            body_label: "Summary",
            fields: SAFEGUARDING,
            ..base
        },
        PracticeObservation => KindSpec {
            author: Author::ManagerOrPreviousEmployer,
            date_label: "Date observed",
            body_label: "Written observation of practice",
            fields: OBSERVATION,
            ..base
        },
        ObservedPracticeSummary => KindSpec {
            author: Author::WorkerOrManager,
            date_label: "Date observed",
            body_label: "Written summary of observed practice",
            fields: OBSERVATION,
            ..base
        },
        Probation => KindSpec {
            author: Author::LineManager,
            date_label: "Date probation was passed",
            body_label: "Details",
            body_hint: "For example, the date of the probation review and its outcome letter",
            ..base
        },
        AsyeCompletion => KindSpec {
            author: Author::LearningAndDevelopment,
            date_label: "Date the programme was completed",
            body_label: "Details",
            body_hint: "For example, the cohort and the final assessment's date",
            ..base
        },
        MandatoryTraining => KindSpec {
            date_label: "Date completed",
            body_label: "Details",
            body_hint: "For example, the courses completed or the outcome letter's date",
            ..base
        },
        ThirdPartyFeedback | StudentFeedback => KindSpec {
            date_label: "Date of the feedback",
            body_label: "Summary of the feedback",
            fields: FEEDBACK,
            ..base
        },
        ManagerEndorsement | PracticeSupervisorEndorsement => KindSpec {
            author: Author::NotHere,
            ..base
        },
        DepartingManagerStatement => KindSpec {
            author: Author::ManagerOnly,
            date_label: "Date of the statement",
            body_label: "Your statement",
            body_hint: "For the manager who follows you (DEC-4): the practice you have seen and where the worker stands. It stays in the portfolio after you leave this role.",
            ..base
        },
        PracticeEducatorCourse => KindSpec {
            date_label: "Date completed",
            body_label: "Details",
            body_hint: "For example, the provider and what the course covered",
            fields: PE_COURSE,
            ..base
        },
        GroupSupervision => KindSpec {
            date_label: "Date of the group supervision",
            body_label: "What the group discussed and how you led it",
            body_hint: "Record each session: PATH-MGMT-10 looks for sessions over 6 months or more",
            ..base
        },
        AsyeMentoring => base,
    }
}

/// The kinds a worker can pick from "Add evidence", in the order the policy lists them.
pub fn addable_kinds() -> Vec<EvidenceKind> {
    EvidenceKind::ALL
        .into_iter()
        .filter(|k| {
            !matches!(
                spec(*k).author,
                Author::NotHere
                    | Author::LineManager
                    | Author::LearningAndDevelopment
                    | Author::ManagerOnly
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_code_that_round_trips() {
        for kind in EvidenceKind::ALL {
            let code = kind_code(kind);
            assert!(!code.is_empty());
            assert_eq!(kind_from_code(&code), Some(kind));
        }
        assert_eq!(kind_code(EvidenceKind::LearningAudit), "learning_audit");
        assert_eq!(kind_from_code("nonsense"), None);
    }

    #[test]
    fn endorsements_are_not_added_through_the_editor() {
        // PATH-L3-9 / PATH-ASYE-6: a worker must never endorse themselves.
        assert!(!addable_kinds().contains(&EvidenceKind::ManagerEndorsement));
        assert!(!addable_kinds().contains(&EvidenceKind::PracticeSupervisorEndorsement));
        assert!(addable_kinds().contains(&EvidenceKind::LearningAudit));
    }

    #[test]
    fn path_asye_1_and_3_are_confirmed_by_others_never_declared_by_the_worker() {
        // policy §6(i): probation by the line manager, the ASYE programme by L&D
        assert_eq!(spec(EvidenceKind::Probation).author, Author::LineManager);
        assert_eq!(
            spec(EvidenceKind::AsyeCompletion).author,
            Author::LearningAndDevelopment
        );
        assert!(!addable_kinds().contains(&EvidenceKind::Probation));
        assert!(!addable_kinds().contains(&EvidenceKind::AsyeCompletion));
    }

    #[test]
    fn dec_4_a_departing_managers_statement_is_written_by_the_manager_never_the_worker() {
        let statement = spec(EvidenceKind::DepartingManagerStatement);
        assert_eq!(statement.author, Author::ManagerOnly);
        assert_eq!(statement.body_label, "Your statement");
        assert!(!addable_kinds().contains(&EvidenceKind::DepartingManagerStatement));
    }
}
