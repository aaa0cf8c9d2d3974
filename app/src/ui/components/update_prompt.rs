//! "A new version of Pathway is available": a GOV.UK notification banner shown when a newer
//! service worker is installed and waiting (docs/pwa.md). The server renders only the empty
//! live region, so hydration always matches; the banner appears after hydration.

use crate::ui::govuk::NotificationBanner;
use leptos::prelude::*;

#[island]
pub fn UpdatePrompt() -> impl IntoView {
    let available = RwSignal::new(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        crate::pwa::register(move || available.set(true));
    });
    let reload = move |_| {
        #[cfg(feature = "hydrate")]
        crate::pwa::apply_update();
    };
    view! {
        <div id="update-prompt" aria-live="polite">
            <Show when=move || available.get()>
                <NotificationBanner id="update-available" title="Update available"
                    heading="A new version of Pathway is available.">
                    <button type="button" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" on:click=reload>
                        "Reload to update"
                    </button>
                </NotificationBanner>
            </Show>
        </div>
    }
}
