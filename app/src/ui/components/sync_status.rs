//! What the worker sees of offline sync (issue 6): "All changes saved to Pathway",
//! "N changes only on this device", "Offline", "Sync failed — retrying", changes that need
//! attention with the server's reason, and a storage-full warning. Rendered empty on the
//! server and at hydration (nothing from browser storage is read while rendering); the
//! browser's `offline` module fills it in afterwards.

use crate::sync_ui::SyncUi;
use leptos::prelude::*;
use pathway_core::sync::status::{SyncStatusText, SIGN_OUT_PENDING};

#[component]
pub fn SyncStatus(ui: SyncUi) -> impl IntoView {
    view! {
        <div class="govuk-body-s" id="sync-status-panel">
            <p class="govuk-body-s" id="sync-status" role="status" aria-live="polite">
                {move || ui.status.get().line(ui.unsynced.get())}
                {move || (ui.status.get() == SyncStatusText::SignedOut).then(|| view! {
                    ". " <a class="govuk-link" id="sign-in-again" href=sign_in_again()>"Sign in again to send your changes"</a>
                })}
                // offline a sync cannot work, so it is not offered
                {move || ui.sync.get().filter(|_| ui.unsynced.get() > 0 && !matches!(ui.status.get(), SyncStatusText::Offline(_))).map(|sync| view! {
                    " " <button type="button" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0"
                        id="sync-now" on:click=move |_| sync.run(())>"Sync now"</button>
                })}
            </p>
            {move || ui.saved_here.get().then(|| view! {
                <div class="govuk-notification-banner govuk-notification-banner--success" role="status"
                    aria-labelledby="saved-on-device-title" id="saved-on-device">
                    <div class="govuk-notification-banner__header">
                        <h2 class="govuk-notification-banner__title" id="saved-on-device-title">"Saved on this device"</h2>
                    </div>
                    <div class="govuk-notification-banner__content">
                        <p class="govuk-notification-banner__heading">"Your changes are saved on this device. They will be sent to Pathway when you are back online."</p>
                    </div>
                </div>
            })}
            {move || {
                let held = ui.held.get();
                (!held.is_empty()).then(|| view! {
                    <div class="govuk-warning-text" id="sync-held">
                        <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                        <strong class="govuk-warning-text__text">
                            <span class="govuk-visually-hidden">"Warning"</span>
                            "Not sent to Pathway: kept only on this device until you change them"
                        </strong>
                    </div>
                    <ul class="govuk-list govuk-list--bullet" id="sync-held-list">
                        {held.into_iter().map(|held| {
                            let id = held.id.clone();
                            view! {
                                <li>
                                    <a class="govuk-link" href=held.href on:click=move |ev| {
                                        if let Some(open) = ui.open.get_untracked() {
                                            ev.prevent_default();
                                            open.run(id.clone());
                                        }
                                    }>{held.title}</a>
                                    ": "{held.reasons.join(". ")}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                })
            }}
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
        </div>
    }
}

/// Shown instead of the page while a sign-out made offline waits for Pathway (issue 20): the
/// browser hides the page and the header's name, shows this and sends the sign-out first
/// (`offline::sign_out::gate`). Hidden (and inert) on the server and when nothing is pending.
#[island]
pub fn SignOutPending() -> impl IntoView {
    #[cfg(feature = "hydrate")]
    Effect::new(|_| crate::offline::sign_out::gate());
    view! {
        <div class="govuk-main-wrapper" id="sign-out-pending" hidden=true>
            <h1 class="govuk-heading-xl">"Signing out"</h1>
            <p class="govuk-body">{SIGN_OUT_PENDING}</p>
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
        pathway_core::text::url::encode_component(&here)
    )
}
