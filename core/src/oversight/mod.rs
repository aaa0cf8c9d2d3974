//! The managers' and the secretariat's lists of workers (issue 14 item 2): one row per
//! worker with where they stand on the pathway and on DEC-1, sorted, filtered and paged on
//! the server so a dashboard sends one page whatever the size of the organisation.

pub mod arrange;

use crate::identity::Role;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The roles that oversee workers and so have a list of them.
pub const OVERSEERS: [Role; 3] = [
    Role::PracticeSupervisor,
    Role::TeamManager,
    Role::ServiceManager,
];

pub use arrange::{arrange, roll_up, Show, Sort, WorkerQuery, PAGE_SIZE};

/// One worker on a dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerRow {
    pub id: String,
    pub name: String,
    pub team: Option<String>,
    /// How the viewer relates to them ("Team manager"); none on the secretariat's list.
    pub relation: Option<String>,
    /// "Level 2 Social Worker"
    pub level: String,
    /// The level they work towards, if there is one.
    pub next_step: Option<String>,
    /// Requirements met, of those that apply (filled for the page shown only).
    pub met: u32,
    pub of: u32,
    pub ready: bool,
    pub eligible_from: Option<NaiveDate>,
    /// DEC-1 in words: "Eligible since 3 June 2026 with no decision recorded".
    pub decision: String,
    pub standing: Standing,
    /// DEC-1 flag: eligible with no decision, or the plan has run out.
    pub flagged: bool,
    /// For a flagged worker: days since they became eligible or their plan ended.
    pub waiting_days: Option<i64>,
    pub last_decision_on: Option<NaiveDate>,
}

/// Where a worker stands on their manager's decision, for filtering.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// No manager decision at this level (ASYE is decided by the practice supervisor at
    /// its own pace, Team Manager posts are applied for).
    NotRequired,
    NotEligible,
    NeedsDecision,
    NotYet,
    Endorsed,
}

/// One team on a service manager's dashboard: DEC-1 flags rolled up.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamRollup {
    pub team: String,
    pub workers: u32,
    pub flagged: u32,
    pub longest_wait_days: Option<i64>,
}

/// One page of a list, with what it was asked for (to draw the controls).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerList {
    pub rows: Vec<WorkerRow>,
    /// Rows matching the filter, on every page.
    pub total: u32,
    /// Flagged workers in the whole list, whatever the filter.
    pub flagged: u32,
    pub page: u32,
    pub pages: u32,
    pub sort: Sort,
    pub show: Show,
    pub team: Option<String>,
    /// Every team in the list, flags rolled up (the filter's choices too).
    pub teams: Vec<TeamRollup>,
}

/// One ASYE worker on Learning and Development's dashboard (policy §6(i): L&D confirms
/// that the ASYE programme is completed).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsyeRow {
    pub id: String,
    pub name: String,
    pub team: Option<String>,
    pub qualified_on: Option<NaiveDate>,
    /// The date of the programme's completion, once L&D has confirmed it (PATH-ASYE-3).
    pub completed_on: Option<NaiveDate>,
}

/// One page of the ASYE workers, by name.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AsyeCohort {
    pub rows: Vec<AsyeRow>,
    pub total: u32,
    pub page: u32,
    pub pages: u32,
}
