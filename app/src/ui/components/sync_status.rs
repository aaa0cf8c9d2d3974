//! What the worker sees of offline sync (issue 6): "All changes saved to Pathway",
//! "N changes only on this device", "Offline", "Sync failed — retrying", changes that need
//! attention with the server's reason, and a storage-full warning. Drawn here as markup with
//! every part hidden (the server knows nothing of the device); the browser fills it in from
//! the sync runner's signals (`sync_status_script`), so no view code for it ships in the
//! page's WASM (issue 13).

use leptos::prelude::*;
use pathway_core::sync::status::SIGN_OUT_PENDING;

#[component]
pub fn SyncStatus() -> impl IntoView {
    view! {
        <div class="govuk-body-s" id="sync-status-panel">
            // the line, and when it applies "Sign in again" or "Sync now", written by the script
            <p class="govuk-body-s" id="sync-status" role="status" aria-live="polite"></p>
            <div class="govuk-notification-banner govuk-notification-banner--success" role="status"
                aria-labelledby="saved-on-device-title" id="saved-on-device" hidden=true>
                <div class="govuk-notification-banner__header">
                    <h2 class="govuk-notification-banner__title" id="saved-on-device-title">"Saved on this device"</h2>
                </div>
                <div class="govuk-notification-banner__content">
                    <p class="govuk-notification-banner__heading">"Your changes are saved on this device. They will be sent to Pathway when you are back online."</p>
                </div>
            </div>
            <div id="sync-held-part" hidden=true>
                <div class="govuk-warning-text" id="sync-held">
                    <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                    <strong class="govuk-warning-text__text">
                        <span class="govuk-visually-hidden">"Warning"</span>
                        "Not sent to Pathway: kept only on this device until you change them"
                    </strong>
                </div>
                <ul class="govuk-list govuk-list--bullet" id="sync-held-list"></ul>
            </div>
            <div class="govuk-inset-text" id="draft-restored" hidden=true>"Your draft from this device has been put back. It is not saved to Pathway until you save it."</div>
            // a storage-full warning (`#storage-error`) is added here by the script when needed:
            // an error summary waiting hidden would still be one to assistive technology's
            // searches and to the page's own error summary
            <div id="storage-error-root"></div>
            <div class="govuk-warning-text" id="sync-conflicts" hidden=true><strong class="govuk-warning-text__text">
                "Some of your changes were also made somewhere else. Both versions are kept on Pathway. "
                <a class="govuk-link" href="/portfolio/conflicts">"Choose which version to keep"</a>
            </strong></div>
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
