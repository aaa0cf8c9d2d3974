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

/// The header: the service name, and who is signed in with their "Sign out" at the right
/// (GOV.UK's header holds a department's logo; Pathway has none, so its own name stands
/// there). The menu of pages below it is the GOV.UK service navigation.
#[component]
pub fn Header() -> impl IntoView {
    view! {
        <header class="govuk-header" role="banner">
            <div class="govuk-header__container govuk-width-container app-header__container">
                <div class="govuk-header__logo app-header__logo">
                    <a href="/" class="govuk-header__link govuk-header__service-name app-header__service-name">
                        "Pathway"
                    </a>
                </div>
                <Account/>
            </div>
        </header>
        <ServiceNavigation/>
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
                        <ul class="govuk-footer__inline-list">
                            <li class="govuk-footer__inline-list-item">
                                <a class="govuk-footer__link" href="/accessibility">"Accessibility statement"</a>
                            </li>
                            <li class="govuk-footer__inline-list-item">
                                <a class="govuk-footer__link" href="/privacy">"Privacy notice"</a>
                            </li>
                        </ul>
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

/// Who is signed in and "Sign out", or "Sign in" for a visitor.
#[component]
fn Account() -> impl IntoView {
    let user = use_user();
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await.ok().flatten() {
                    None => view! {
                        <div class="app-header__account">
                            <a class="govuk-header__link" href="/sign-in">"Sign in"</a>
                        </div>
                    }.into_any(),
                    Some(user) => view! {
                        <SignOutButton>
                            <span class="app-header__name" id="signed-in-as"
                                data-person=user.person_id.to_string()>{user.name.clone()}</span>
                        </SignOutButton>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Who is signed in (`children`, rendered by the server) and their "Sign out": a plain post
/// with JavaScript off; in the browser it first sends or keeps what is only on this device
/// (issue 7). No props: every page loads this island, and props would bring the JSON reader
/// (and its float formatting) into the code every page downloads.
#[island]
pub fn SignOutButton(children: Children) -> impl IntoView {
    view! {
        <form method="post" action="/api/auth/sign_out" class="app-header__account app-sign-out"
            on:submit=move |ev| {
                #[cfg(feature = "hydrate")]
                if let Some(person) = document()
                    .get_element_by_id("signed-in-as")
                    .and_then(|name| name.get_attribute("data-person"))
                {
                    crate::offline::sign_out::intercept(ev, person);
                }
                #[cfg(not(feature = "hydrate"))]
                let _ = ev;
            }>
            {children()}
            <button type="submit" class="govuk-header__link app-link-button">"Sign out"</button>
        </form>
    }
}

/// The pages the signed-in person's roles open, as GOV.UK service navigation; the current
/// page's item is marked for sight and for screen readers.
#[component]
fn ServiceNavigation() -> impl IntoView {
    let user = use_user();
    // made here, outside the Suspend: a server function called after an `.await` inside it
    // no longer finds the request's context (the database handle)
    let unread = Resource::new_blocking(|| (), |_| crate::api::decisions::unread_notices());
    let here = leptos_router::hooks::use_location().pathname;
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                let user = user.await.ok().flatten()?;
                let mut links: Vec<(String, &'static str)> = dashboards(&user)
                    .into_iter()
                    .map(|(role, path)| (if role == Role::Administrator { "People".to_string() } else { role.label().to_string() }, path))
                    .collect();
                if user.has(Role::Administrator) {
                    links.push(("Audit log".into(), "/admin/audit"));
                }
                let unread = unread.await.unwrap_or(0);
                links.push((if unread > 0 { format!("Notices ({unread} new)") } else { "Notices".into() }, "/notices"));
                links.push(("Change password".into(), "/account/password"));
                let current = here.get_untracked();
                Some(view! {
                    <section aria-label="Service menu" class="govuk-service-navigation">
                        <div class="govuk-width-container">
                            <div class="govuk-service-navigation__container">
                                <nav aria-label="Menu" class="govuk-service-navigation__wrapper" id="role-navigation">
                                    <ul class="govuk-service-navigation__list">
                                        {links.into_iter().map(|(label, href)| {
                                            let active = current == href;
                                            view! {
                                                <li class="govuk-service-navigation__item"
                                                    class:govuk-service-navigation__item--active=active>
                                                    <a class="govuk-service-navigation__link" href=href
                                                        aria-current=active.then_some("page")>{label}</a>
                                                </li>
                                            }
                                        }).collect_view()}
                                    </ul>
                                </nav>
                            </div>
                        </div>
                    </section>
                })
            })}
        </Suspense>
    }
}
