//! The GOV.UK page furniture: skip link, header with the service name, phase banner
//! and footer. Pathway is not a GOV.UK service, so there is no crown and no GOV.UK logotype.

use crate::ui::pages::dashboards;
use crate::ui::session::use_user;
use leptos::prelude::*;
use pathway_core::identity::Role;

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
                <Navigation/>
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

/// The header navigation for the roles the signed-in person holds, and sign in / out.
#[component]
fn Navigation() -> impl IntoView {
    let user = use_user();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await.ok().flatten() {
                    None => view! {
                        <nav aria-label="Account" class="govuk-header__navigation">
                            <ul class="govuk-header__navigation-list">
                                <li class="govuk-header__navigation-item">
                                    <a class="govuk-header__link" href="/sign-in">"Sign in"</a>
                                </li>
                            </ul>
                        </nav>
                    }.into_any(),
                    Some(user) => {
                        let mut links: Vec<(String, &'static str)> = dashboards(&user)
                            .into_iter()
                            .map(|(role, path)| (if role == Role::Administrator { "People".to_string() } else { role.label().to_string() }, path))
                            .collect();
                        if user.has(Role::Administrator) {
                            links.push(("Audit log".into(), "/admin/audit"));
                        }
                        links.push(("Change password".into(), "/account/password"));
                        view! {
                            <nav aria-label="Menu" class="govuk-header__navigation" id="role-navigation">
                                <ul class="govuk-header__navigation-list">
                                    {links.into_iter().map(|(label, href)| view! {
                                        <li class="govuk-header__navigation-item">
                                            <a class="govuk-header__link" href=href>{label}</a>
                                        </li>
                                    }).collect_view()}
                                    <li class="govuk-header__navigation-item">
                                        <form method="post" action="/api/auth/sign_out" class="app-sign-out" on:submit={
                                            let person = user.person_id.clone();
                                            move |ev| {
                                                // hydrated: send or keep what is only on this device first (issue 7)
                                                #[cfg(feature = "hydrate")]
                                                crate::offline::sign_out::intercept(ev, person.clone());
                                                #[cfg(not(feature = "hydrate"))]
                                                let _ = (ev, &person);
                                            }
                                        }>
                                            <span class="govuk-header__link" id="signed-in-as">{user.name.clone()}</span>
                                            " "
                                            <button type="submit" class="govuk-header__link app-link-button">"Sign out"</button>
                                        </form>
                                    </li>
                                </ul>
                            </nav>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}
