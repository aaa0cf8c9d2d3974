//! "A new version of Pathway is available": a GOV.UK notification banner shown when a newer
//! service worker is installed and waiting (docs/pwa.md). The server renders only the empty
//! live region, so hydration always matches; the banner appears after hydration.

use leptos::prelude::*;

#[component]
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
                <div class="govuk-notification-banner" role="region" aria-labelledby="update-available-title" data-module="govuk-notification-banner" id="update-available">
                    <div class="govuk-notification-banner__header">
                        <h2 class="govuk-notification-banner__title" id="update-available-title">"Update available"</h2>
                    </div>
                    <div class="govuk-notification-banner__content">
                        <p class="govuk-notification-banner__heading">"A new version of Pathway is available."</p>
                        <button type="button" class="govuk-button govuk-!-margin-bottom-0" data-module="govuk-button" on:click=reload>
                            "Reload to update"
                        </button>
                    </div>
                </div>
            </Show>
        </div>
    }
}
