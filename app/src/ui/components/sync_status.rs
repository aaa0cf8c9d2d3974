//! What the worker sees of offline sync (issue 6): "All changes saved to Pathway",
//! "N changes only on this device", "Offline", "Sync failed — retrying", changes that need
//! attention with the server's reason, and a storage-full warning. Rendered empty on the
//! server and at hydration (nothing from browser storage is read while rendering); the
//! browser's `offline` module fills it in afterwards.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncStatusText {
    /// Not known yet (server render, before hydration).
    Unknown,
    AllSaved,
    OnlyHere(usize),
    /// Offline, with this many changes only on this device.
    Offline(usize),
    Failed,
    /// The server no longer knows this session (it expired, or was ended elsewhere): the
    /// changes wait on the device until the worker signs in again.
    SignedOut,
}

impl SyncStatusText {
    pub fn text(self) -> String {
        match self {
            Self::Unknown => String::new(),
            Self::AllSaved => "All changes saved to Pathway".into(),
            Self::OnlyHere(1) => "1 change only on this device".into(),
            Self::OnlyHere(n) => format!("{n} changes only on this device"),
            Self::Offline(0) => "Offline".into(),
            Self::Offline(n) => format!("Offline — {}", Self::OnlyHere(n).text()),
            Self::Failed => "Sync failed — retrying".into(),
            Self::SignedOut => "Signed out of Pathway".into(),
        }
    }

    /// The status line: a failed sync also says how much waits on the device, so the worker
    /// knows their text is kept while Pathway cannot be reached.
    pub fn line(self, unsynced: usize) -> String {
        match self {
            Self::Failed | Self::SignedOut if unsynced > 0 => {
                format!("{} — {}", self.text(), Self::OnlyHere(unsynced).text())
            }
            _ => self.text(),
        }
    }
}

/// The signals the sync runner writes and the status shows.
#[derive(Clone, Copy)]
pub struct SyncUi {
    pub status: RwSignal<SyncStatusText>,
    pub unsynced: RwSignal<usize>,
    /// (title, reason) of changes the server rejected, kept on the device.
    pub attention: RwSignal<Vec<(String, String)>>,
    pub conflicts: RwSignal<usize>,
    pub storage_error: RwSignal<Option<String>>,
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
            attention: RwSignal::new(Vec::new()),
            conflicts: RwSignal::new(0),
            storage_error: RwSignal::new(None),
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

#[component]
pub fn SyncStatus(ui: SyncUi) -> impl IntoView {
    view! {
        <div class="govuk-body-s" id="sync-status-panel">
            <p class="govuk-body-s" id="sync-status" role="status" aria-live="polite">
                {move || ui.status.get().line(ui.unsynced.get())}
                {move || (ui.status.get() == SyncStatusText::SignedOut).then(|| view! {
                    ". " <a class="govuk-link" id="sign-in-again" href=sign_in_again()>"Sign in again to send your changes"</a>
                })}
                {move || ui.sync.get().filter(|_| ui.unsynced.get() > 0).map(|sync| view! {
                    " " <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        id="sync-now" on:click=move |_| sync.run(())>"Sync now"</button>
                })}
            </p>
            {move || ui.restored.get().then(|| view! {
                <div class="govuk-inset-text" id="draft-restored">"Your draft from this device has been put back. It is not saved to Pathway until you save it."</div>
            })}
            {move || ui.storage_error.get().map(|message| view! {
                <div class="govuk-error-summary" role="alert" id="storage-error"><p class="govuk-body">{message}</p></div>
            })}
            {move || (ui.conflicts.get() > 0).then(|| view! {
                <div class="govuk-warning-text" id="sync-conflicts"><strong class="govuk-warning-text__text">
                    "Some of your changes were also made somewhere else. Both versions are kept on Pathway. "
                    <a class="govuk-link" href="/portfolio/conflicts">"Choose which version to keep"</a>
                </strong></div>
            })}
            {move || {
                let attention = ui.attention.get();
                (!attention.is_empty()).then(|| view! {
                    <div class="govuk-warning-text" id="sync-attention">
                        <strong class="govuk-warning-text__text">"Needs attention: these changes are kept on this device and were not saved to Pathway"</strong>
                        <ul class="govuk-list">
                            {attention.into_iter().map(|(title, reason)| view! { <li>{title}": "{reason}</li> }).collect_view()}
                        </ul>
                    </div>
                })
            }}
        </div>
    }
}

/// The sign-in page, coming back here afterwards. Only ever shown in the browser (the status
/// is unknown while the server renders), so the location is the window's.
fn sign_in_again() -> String {
    let location = window().location();
    let here = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    format!(
        "/sign-in?next={}",
        crate::ui::session::encode_component(&here)
    )
}

#[cfg(test)]
mod tests {
    use super::SyncStatusText;

    #[test]
    fn the_status_line_says_what_waits_on_the_device() {
        assert_eq!(
            SyncStatusText::OnlyHere(3).line(3),
            "3 changes only on this device"
        );
        assert_eq!(
            SyncStatusText::Offline(1).line(1),
            "Offline — 1 change only on this device"
        );
        assert_eq!(
            SyncStatusText::Failed.line(2),
            "Sync failed — retrying — 2 changes only on this device"
        );
        assert_eq!(SyncStatusText::Failed.line(0), "Sync failed — retrying");
        assert_eq!(
            SyncStatusText::SignedOut.line(1),
            "Signed out of Pathway — 1 change only on this device"
        );
        assert_eq!(
            SyncStatusText::AllSaved.line(0),
            "All changes saved to Pathway"
        );
    }
}
