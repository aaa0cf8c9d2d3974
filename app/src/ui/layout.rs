//! The GOV.UK page furniture: skip link, header with the service name, phase banner
//! and footer. Pathway is not a GOV.UK service, so there is no crown and no GOV.UK logotype.

use leptos::prelude::*;

#[component]
pub fn SkipLink() -> impl IntoView {
    view! {
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">
            "Skip to main content"
        </a>
    }
}

#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="govuk-header" role="banner">
            <div class="govuk-header__container govuk-width-container">
                <div class="govuk-header__content">
                    <a href="/" class="govuk-header__link govuk-header__service-name app-header__service-name">
                        "Pathway"
                    </a>
                </div>
            </div>
        </header>
    }
}

#[component]
pub fn PhaseBanner() -> impl IntoView {
    view! {
        <div class="govuk-phase-banner">
            <p class="govuk-phase-banner__content">
                <strong class="govuk-tag govuk-phase-banner__content__tag">"Beta"</strong>
                <span class="govuk-phase-banner__text">
                    "This is a new service. Tell the Practice Excellence team how it can be improved."
                </span>
            </p>
        </div>
    }
}

#[component]
pub fn Footer() -> impl IntoView {
    view! {
        <footer class="govuk-footer" role="contentinfo">
            <div class="govuk-width-container">
                <div class="govuk-footer__meta">
                    <div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
                        <h2 class="govuk-visually-hidden">"Support links"</h2>
                        <p class="govuk-body-s">
                            "Pathway supports the Social Work Career Progression Policy and the Achieving Permanence programme. "
                            "Do not record names or other identifying details of children and families."
                        </p>
                    </div>
                </div>
            </div>
        </footer>
    }
}
