//! Evidence kinds named by the policy and the facts about a worker that the
//! rules read.

use super::level::Level;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Every kind of evidence the policy names (§6, §9, §10).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    Registration,
    ReflectiveStatement,
    LearningAudit,
    PeerAudit,
    /// Management oversight or supervision examples, in place of learning
    /// audits for management roles (§6(iii), §9).
    ManagementOversightExample,
    CpdActivity,
    StudentSupport,
    StudentFeedback,
    SafeguardingCompetence,
    /// A manager's written observation of practice.
    PracticeObservation,
    ObservedPracticeSummary,
    Probation,
    AsyeCompletion,
    MandatoryTraining,
    ThirdPartyFeedback,
    /// The team manager's endorsement (§7, DEC-3).
    ManagerEndorsement,
    PracticeSupervisorEndorsement,
    /// A statement left by a departing manager (DEC-4).
    DepartingManagerStatement,
    GroupSupervision,
    PracticeEducatorCourse,
    AsyeMentoring,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 21] = [
        EvidenceKind::Registration,
        EvidenceKind::ReflectiveStatement,
        EvidenceKind::LearningAudit,
        EvidenceKind::PeerAudit,
        EvidenceKind::ManagementOversightExample,
        EvidenceKind::CpdActivity,
        EvidenceKind::StudentSupport,
        EvidenceKind::StudentFeedback,
        EvidenceKind::SafeguardingCompetence,
        EvidenceKind::PracticeObservation,
        EvidenceKind::ObservedPracticeSummary,
        EvidenceKind::Probation,
        EvidenceKind::AsyeCompletion,
        EvidenceKind::MandatoryTraining,
        EvidenceKind::ThirdPartyFeedback,
        EvidenceKind::ManagerEndorsement,
        EvidenceKind::PracticeSupervisorEndorsement,
        EvidenceKind::DepartingManagerStatement,
        EvidenceKind::GroupSupervision,
        EvidenceKind::PracticeEducatorCourse,
        EvidenceKind::AsyeMentoring,
    ];

    /// A label for forms and lists.
    pub fn label(self) -> &'static str {
        match self {
            EvidenceKind::Registration => "Professional registration",
            EvidenceKind::ReflectiveStatement => "Reflective statement",
            EvidenceKind::LearningAudit => "Learning audit",
            EvidenceKind::PeerAudit => "Peer audit",
            EvidenceKind::ManagementOversightExample => {
                "Example of management oversight or supervision"
            }
            EvidenceKind::CpdActivity => "Continuous professional development (CPD)",
            EvidenceKind::StudentSupport => "Supporting the development of a student",
            EvidenceKind::StudentFeedback => "Feedback from a student you supervised",
            EvidenceKind::SafeguardingCompetence => "Safeguarding competence",
            EvidenceKind::PracticeObservation => "Manager's written observation of practice",
            EvidenceKind::ObservedPracticeSummary => "Written summary of observed practice",
            EvidenceKind::Probation => "Probation passed",
            EvidenceKind::AsyeCompletion => "ASYE programme completed",
            EvidenceKind::MandatoryTraining => "Mandatory training completed",
            EvidenceKind::ThirdPartyFeedback => {
                "Third-party feedback (students, partners, children, families)"
            }
            EvidenceKind::ManagerEndorsement => "Team manager's endorsement",
            EvidenceKind::PracticeSupervisorEndorsement => "Practice supervisor's endorsement",
            EvidenceKind::DepartingManagerStatement => "Statement from a previous manager",
            EvidenceKind::GroupSupervision => "Delivering group supervision",
            EvidenceKind::PracticeEducatorCourse => "Practice Educator course",
            EvidenceKind::AsyeMentoring => "Mentoring an ASYE worker",
        }
    }
}

/// The portfolio contents listed in policy §9 (PORTFOLIO), in policy order.
pub const PORTFOLIO_KINDS: [EvidenceKind; 10] = [
    EvidenceKind::Registration,
    EvidenceKind::ReflectiveStatement,
    EvidenceKind::LearningAudit,
    EvidenceKind::CpdActivity,
    EvidenceKind::StudentSupport,
    EvidenceKind::SafeguardingCompetence,
    EvidenceKind::PracticeObservation,
    EvidenceKind::ManagerEndorsement,
    EvidenceKind::ObservedPracticeSummary,
    EvidenceKind::ThirdPartyFeedback,
];

/// Only `Final` evidence can meet a requirement; drafts are mentioned in reasons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceStatus {
    Draft,
    Final,
}

/// What the rules need to know about one evidence item (never its text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceFact {
    pub id: Uuid,
    pub kind: EvidenceKind,
    /// The date the evidence relates to (observation date, audit date, ...).
    pub date: NaiveDate,
    pub status: EvidenceStatus,
    /// Brought from a previous employer (policy §6(ii), §7).
    #[serde(default)]
    pub from_previous_employer: bool,
    /// Reflective statements: the word count from [`crate::text::count_words`].
    #[serde(default)]
    pub word_count: Option<u32>,
    /// Days of the additional CPD allowance (CPD-2) this item used, in
    /// hundredths of a day; formal training leaves it `None`.
    #[serde(default)]
    pub cpd_centidays: Option<super::cpd::Centidays>,
    /// When the evidence stops being valid (a registration's expiry date): from the day
    /// after, it no longer meets a requirement (PATH-ASYE-2, PATH-L3-2, PATH-MGMT-2).
    #[serde(default)]
    pub expires_on: Option<NaiveDate>,
    /// Which course or stage this is, where a rule needs to tell them apart: a Practice
    /// Educator course's stage (`"pe1"`, `"pe2"`, PATH-MGMT-5).
    #[serde(default)]
    pub course: Option<String>,
}

impl EvidenceFact {
    /// An item with no previous-employer flag, word count or CPD days.
    pub fn new(id: Uuid, kind: EvidenceKind, date: NaiveDate, status: EvidenceStatus) -> Self {
        EvidenceFact {
            id,
            kind,
            date,
            status,
            from_previous_employer: false,
            word_count: None,
            cpd_centidays: None,
            expires_on: None,
            course: None,
        }
    }

    pub fn is_final(&self) -> bool {
        self.status == EvidenceStatus::Final
    }
}

/// Everything readiness is judged on, gathered by the server (or the offline
/// store in the browser).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WorkerFacts {
    pub level: Level,
    /// The date the worker qualified as a social worker.
    pub qualified_on: Option<NaiveDate>,
    /// When the worker attended Practice Educator training (PE1), if ever.
    pub pe1_attended_on: Option<NaiveDate>,
    pub evidence: Vec<EvidenceFact>,
    /// The core and development courses (code, title) Learning & Development's list in
    /// force expects at the worker's level (PATH-MGMT-3); empty when no list is published.
    #[serde(default)]
    pub required_training: Vec<(String, String)>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_kinds_are_distinct_and_labelled() {
        let mut kinds = EvidenceKind::ALL.to_vec();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds.len(), EvidenceKind::ALL.len());
        assert!(EvidenceKind::ALL.iter().all(|k| !k.label().is_empty()));
    }

    #[test]
    fn evidence_fact_round_trips_through_json_with_defaults() {
        let json = r#"{"id":"00000000-0000-0000-0000-000000000001","kind":"learning_audit",
            "date":"2026-01-10","status":"final"}"#;
        let fact: EvidenceFact = serde_json::from_str(json).expect("parse");
        assert_eq!(fact.kind, EvidenceKind::LearningAudit);
        assert!(fact.is_final() && !fact.from_previous_employer);
        let again: EvidenceFact =
            serde_json::from_str(&serde_json::to_string(&fact).expect("write")).expect("read");
        assert_eq!(again, fact);
    }
}
