//! The signals the browser's sync runner (`offline`) writes and the pages' sync status
//! (`ui::components::sync_status`) reads. Here, beside both, so neither imports the other
//! for it; on the server they stay at their starting values (nothing is known there).

use leptos::prelude::*;
use pathway_core::sync::status::{Held, SyncStatusText};

/// The signals the sync runner writes and the status shows.
#[derive(Clone, Copy)]
pub struct SyncUi {
    pub status: RwSignal<SyncStatusText>,
    pub unsynced: RwSignal<usize>,
    pub conflicts: RwSignal<usize>,
    pub storage_error: RwSignal<Option<String>>,
    /// Drafts only on this device that are not waiting to be sent, with why.
    pub held: RwSignal<Vec<Held>>,
    /// Opens a held draft in place (the offline app); `None`: follow its link.
    pub open: RwSignal<Option<Callback<String>>>,
    /// A save was kept on this device because Pathway could not be reached (the confirmation).
    pub saved_here: RwSignal<bool>,
    /// A draft from this device was put back into the form.
    pub restored: RwSignal<bool>,
    pub running: RwSignal<bool>,
    /// Called on every keystroke in the editor (the browser saves a draft, debounced).
    pub typed: RwSignal<Option<Callback<()>>>,
    /// Sync on demand.
    pub sync: RwSignal<Option<Callback<()>>>,
}

impl SyncUi {
    pub fn new() -> Self {
        Self {
            status: RwSignal::new(SyncStatusText::Unknown),
            unsynced: RwSignal::new(0),
            conflicts: RwSignal::new(0),
            storage_error: RwSignal::new(None),
            held: RwSignal::new(Vec::new()),
            open: RwSignal::new(None),
            saved_here: RwSignal::new(false),
            restored: RwSignal::new(false),
            running: RwSignal::new(false),
            typed: RwSignal::new(None),
            sync: RwSignal::new(None),
        }
    }
}

impl Default for SyncUi {
    fn default() -> Self {
        Self::new()
    }
}
