//! The browser half of offline drafting and sync (feature `hydrate`; docs/sync.md): drafts
//! kept as the worker types and the outbox of changes (`drafts`, the only place
//! gloo-storage is used), and the sync runner with the status the worker sees (`runner`).
//! Everything here runs after hydration, from Effects and event handlers, never while
//! rendering.

pub mod drafts;
pub mod runner;

pub use runner::{attach_editor, queue_save, saved_online};
