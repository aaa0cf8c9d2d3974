//! The offline sync protocol's endpoints (docs/sync.md). Pinned URLs and JSON bodies, so a
//! device running an older cached app keeps working. A worker syncs their own portfolio.

pub mod conflicts;
pub mod conflicts_page;
pub mod pull;
pub mod push;
pub mod resolve;
pub mod resolve_form;
