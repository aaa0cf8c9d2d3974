//! What the portfolio server functions answer: records shaped for the pages, with dates
//! already formatted on the server.

use super::form::EvidenceForm;
use crate::domain::{CpdAllowance, EvidenceKind, EvidenceStatus, RequirementStatus};
use crate::ids::{EvidenceId, PersonId};
use serde::{Deserialize, Serialize};

/// One evidence item in a list (never its text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceSummary {
    pub id: EvidenceId,
    pub person_id: PersonId,
    pub kind: EvidenceKind,
    pub title: String,
    /// "YYYY-MM-DD"
    pub date: String,
    /// "10 January 2027"
    pub date_text: String,
    pub status: EvidenceStatus,
    pub previous_employer: bool,
    /// Who added it; the worker sees when a manager added something (issue 5 item 7).
    pub added_by: String,
    pub added_by_someone_else: bool,
    pub word_count: Option<u32>,
    pub version: i64,
}

/// One evidence item with its text and fields, as a permitted viewer reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvidenceView {
    pub summary: EvidenceSummary,
    pub person_name: String,
    pub body: String,
    /// (label, value) of the kind's own fields, values as shown to people.
    pub details: Vec<(String, String)>,
    pub updated_text: String,
    pub can_edit: bool,
}

/// One row of the readiness task list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Task {
    /// Requirement id, e.g. "PATH-L3-4".
    pub id: String,
    pub title: String,
    pub status: RequirementStatus,
    pub reason: String,
    /// Where the title links: the evidence that satisfies it, or "add evidence".
    pub href: Option<String>,
}

/// The "My pathway" page.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PathwayView {
    pub person_id: PersonId,
    pub person_name: String,
    pub is_self: bool,
    pub level_title: Option<String>,
    /// "PATH-L3"
    pub transition_id: Option<String>,
    /// "Level 2 Social Worker to Level 3 Social Worker"
    pub transition_title: Option<String>,
    /// "7 of 9 requirements met"
    pub summary: String,
    pub ready: bool,
    /// "You can apply from 10 January 2027" / "You have been able to apply since ..."
    pub eligibility: Option<String>,
    pub catalogue_version: String,
    pub tasks: Vec<Task>,
    pub can_add_observation: bool,
    /// CPD-2 summary for this leave year.
    pub cpd_summary: String,
    pub evidence: Vec<EvidenceSummary>,
}

/// The editor page's starting point.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EditorState {
    pub form: EvidenceForm,
    /// The server's date, "YYYY-MM-DD", for validation in the browser.
    pub today: String,
    pub person_name: String,
    pub is_self: bool,
    pub is_new: bool,
    /// Reflective statement word limits (PATH-ASYE-7, PATH-L3-8).
    pub min_words: u32,
    pub max_words: u32,
    /// The form holds what was typed before a failed save (JavaScript off).
    pub restored: bool,
    /// Learning & Development's courses in force, (code, "title (Core training)"), for a
    /// CPD record's course select (PATH-MGMT-3).
    #[serde(default)]
    pub courses: Vec<(String, String)>,
}

/// What a successful save answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    pub id: EvidenceId,
    pub person_id: PersonId,
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CpdEntry {
    pub id: EvidenceId,
    pub date: String,
    pub date_text: String,
    pub title: String,
    pub cpd_type: String,
    pub cpd_type_label: String,
    /// "3 hours", "1.5 days"
    pub duration_text: String,
    /// Days of the CPD-2 allowance used, if it counts towards it.
    pub allowance_days: Option<crate::domain::Centidays>,
    pub status: EvidenceStatus,
    pub previous_employer: bool,
}

/// The CPD log for one leave year (CPD-1, CPD-2).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CpdLog {
    pub person_id: PersonId,
    pub person_name: String,
    /// Leave years with entries (first calendar year of each), newest first, always
    /// including the current one.
    pub years: Vec<(i32, String)>,
    pub year: i32,
    pub year_label: String,
    pub cpd_type: Option<String>,
    pub entries: Vec<CpdEntry>,
    /// "4 activities: 12 hours and 2.5 days"
    pub totals: String,
    pub allowance: CpdAllowance,
}
