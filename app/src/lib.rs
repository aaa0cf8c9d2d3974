//! Pathway: career progression and Achieving Permanence for children's social care.
//!
//! The rules, portfolio kinds and sync protocol are `pathway_core`'s; here are `api` the
//! server functions (thin adapters), `ui` the Leptos components, `offline` the browser's
//! drafts and sync. What the server keeps (database, sessions, authorization, audit) is
//! `pathway_store`'s, reached only from `api` (docs/architecture.md).

// deep view types (a page of form groups) need more than the default 128
#![recursion_limit = "256"]

pub mod api;
pub mod error;
#[cfg(feature = "hydrate")]
pub mod offline;
#[cfg(feature = "hydrate")]
pub mod pwa;
pub mod sync_ui;
pub mod ui;
