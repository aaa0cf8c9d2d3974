//! Pathway's rules engine: pure types and rules shared by the server and the
//! browser (so a worker's tablet shows offline the same readiness the panel
//! sees online). No I/O, no clock reads (callers pass `today` / instants),
//! no Leptos, no sqlx; compiles for wasm32.
//!
//! Rule ids, the policy section each comes from and the reading taken where the
//! text leaves room are in `docs/rules.md` (see also [`seed`]).
//!
//! | concept | module |
//! |---|---|
//! | levels, transitions PATH-ASYE / PATH-L3 / PATH-MGMT | [`level`] |
//! | evidence kinds and worker facts, PORTFOLIO | [`evidence`] |
//! | requirement catalogue as versioned data | [`catalogue`], [`seed`] |
//! | readiness evaluation and reasons | [`readiness`], [`rules`], [`evidence_rule`], [`statement_rule`] |
//! | reflective statement word count | `crate::text::words` (re-exported) |
//! | PANEL-3 / PANEL-4 deadlines (Europe/London) | [`panel_dates`] |
//! | PANEL-6 / PANEL-7 pay effective dates | [`pay`] |
//! | CPD-2 additional days | [`cpd`] |
//! | L&D core and development courses (PATH-MGMT-3) | [`training`] |
//! | AP-ENTRY / AP-VERIFY / AP-COMPLETE | [`permanence`], [`ap_checklists`] |
//! | DEC-1 / DEC-2 manager decisions | [`decision_state`](mod@decision_state), [`decisions`] |
//! | dates, numbers and anniversaries in reasons | [`format`](mod@format) |

pub mod ap_checklists;
pub mod catalogue;
pub mod cpd;
pub mod decision_state;
pub mod decisions;
pub mod evidence;
pub mod evidence_rule;
pub mod format;
pub mod level;
pub mod panel_dates;
pub mod pay;
pub mod permanence;
pub mod readiness;
pub mod rules;
pub mod seed;
pub mod statement_rule;
pub mod training;

pub use crate::text::count_words;
pub use catalogue::{
    in_force, Applicability, Catalogue, EvidenceRule, Requirement, Rule, TransitionRequirements,
};
pub use cpd::{cpd_allowance, Centidays, CpdAllowance, LeaveYear};
pub use decision_state::{decision_state, DecisionState};
pub use decisions::{
    validate_decision, DecisionOutcome, DecisionProblem, DevelopmentAction, ManagerDecision,
};
pub use evidence::{EvidenceFact, EvidenceKind, EvidenceStatus, WorkerFacts, PORTFOLIO_KINDS};
pub use format::{add_years, format_count, format_date};
pub use level::{Level, Transition};
pub use panel_dates::{
    circulation_due, deadlines, format_london, is_on_time, london_date, submission_deadline,
    PanelDeadlines,
};
pub use pay::{pay_effective_date, HearingOutcome, NotConsidered, PanelHearing, PayEffective};
pub use permanence::{
    all_met, completion_checklist, entry_checklist, evaluate_checklist, verification_statements,
    Check, ChecklistItem,
};
pub use readiness::{evaluate, Readiness, RequirementResult, RequirementStatus};
pub use seed::{seed_catalogue, SEED_VERSION};
pub use training::{training_in_force, Course, CourseKind, TrainingList};
