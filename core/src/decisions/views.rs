//! What the decisions page and the notices list show (issue 14), shaped on the server.

use crate::domain::DecisionOutcome;
use serde::{Deserialize, Serialize};

/// A direct observation of practice in the worker's portfolio, to cite (DEC-3) or as cited.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ObservationChoice {
    pub id: String,
    pub title: String,
    /// "7 March 2026"
    pub observed_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionView {
    pub description: String,
    pub due_on: String,
}

/// The worker's answer to a development plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub agreed: bool,
    pub comment: String,
    pub answered_on: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionView {
    pub id: String,
    pub outcome: DecisionOutcome,
    /// "Level 2 to Level 3"
    pub step: String,
    pub decided_by: String,
    pub decided_on: String,
    /// "Endorsed", or why not yet.
    pub reason: String,
    /// The portfolio's endorsement item, for an endorsement.
    pub endorsement_id: Option<String>,
    pub observations: Vec<ObservationChoice>,
    pub actions: Vec<ActionView>,
    pub answer: Option<AnswerView>,
}

/// One worker's decisions page, as the caller may see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DecisionsPage {
    pub worker_id: String,
    pub worker_name: String,
    /// The step a decision is about now ("Level 2 to Level 3"), if any is made by a manager.
    pub step: Option<String>,
    /// Where the worker stands on DEC-1, in words.
    pub state: String,
    /// The caller may record a decision now (the worker's team manager, or practice
    /// supervisor for ASYE).
    pub may_decide: bool,
    /// The caller is the worker: they answer a plan.
    pub is_worker: bool,
    /// The observations a decision may cite.
    pub observations: Vec<ObservationChoice>,
    /// Newest first.
    pub decisions: Vec<DecisionView>,
}

/// One in-app notice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeView {
    pub id: String,
    pub subject: String,
    pub link: String,
    /// "7 December 2026, 14:05" (UK time)
    pub sent: String,
    pub unread: bool,
}
