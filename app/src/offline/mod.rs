//! The browser half of offline drafting and sync (feature `hydrate`; docs/sync.md,
//! docs/security.md): drafts kept as the worker types and the outbox of changes, encrypted at
//! rest (`drafts`), the keys that open them (`vault`, over WebCrypto in `crypto`; these two
//! and `drafts` are the only users of gloo-storage), the sync runner with the status the
//! worker sees (`runner`), and the offline app the service worker's shell mounts (`shell`).
//! Everything here runs after hydration, from Effects and event handlers, never while
//! rendering.

pub mod crypto;
pub mod drafts;
pub mod editor;
pub mod runner;
pub mod shell;
pub mod sign_out;
pub mod vault;

pub use runner::{
    attach_editor, cannot_reach, current_form, has_pending, queue_save, save_here, saved_online,
    sync_now,
};
