//! The worker portfolio (issue 5): readiness, evidence of every kind, the editor and the
//! CPD log. Reading needs `ensure_can_view_practice`; writing is the worker's own evidence,
//! or observations by their practice supervisor or team manager.

pub mod cpd_log;
pub mod editor;
pub mod get_evidence;
pub mod list_evidence;
pub mod pathway;
pub mod save_evidence;
