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
    /// Its progress as recorded in supervision, newest first (DEC-2: monitored in
    /// supervision).
    pub progress: Vec<ProgressView>,
}

/// One supervision's word on one action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProgressView {
    /// "1 December 2026"
    pub held_on: String,
    /// "Under way"
    pub progress: String,
    pub note: String,
    pub recorded_by: String,
}

/// The worker's answer to a development plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub agreed: bool,
    pub comment: String,
    pub answered_on: String,
    /// The service manager's response to a disagreement (DEC-5), once given.
    pub response: Option<ChallengeResponseView>,
}

/// The service manager's response to a worker's challenge (DEC-5).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChallengeResponseView {
    pub by: String,
    pub on: String,
    /// Upheld: the team manager looks again; not upheld: the decision stands.
    pub upheld: bool,
    pub comment: String,
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
    /// The caller is the service manager over the worker's team: they respond to the
    /// worker's challenge (DEC-5).
    pub may_respond: bool,
    /// The caller is the worker's team manager or practice supervisor: they record the
    /// current plan's progress in supervision.
    pub may_supervise: bool,
    /// The observations a decision may cite.
    pub observations: Vec<ObservationChoice>,
    /// Newest first.
    pub decisions: Vec<DecisionView>,
}

/// What the caller typed into the page's forms that a plain post had refused (JavaScript
/// off), to show again beside the errors.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TypedForms {
    pub decision: Option<crate::decisions::form::DecisionForm>,
    pub supervision: Option<crate::decisions::supervision::SupervisionForm>,
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
