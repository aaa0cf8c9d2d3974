//! Sign out, with a check of what is only on this device (issue 7). The header's Sign out
//! button comes here when something would be left behind; the page sends what it can, lists
//! the rest and lets the worker choose. Without JavaScript nothing is kept on the device, so
//! the page is a plain sign-out button.

use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use pathway_core::sync::LeftHere;

#[component]
pub fn SignOutPage() -> impl IntoView {
    view! {
        <Title text="Sign out"/>
        <RequireUser>
            <SignOutForSignedIn/>
        </RequireUser>
    }
}

#[component]
fn SignOutForSignedIn() -> impl IntoView {
    let person = crate::ui::session::use_user()
        .get_untracked()
        .and_then(|user| user.ok().flatten())
        .map(|user| user.person_id.to_string())
        .unwrap_or_default();
    view! { <SignOutCheck person/> }
}

/// The check, in the browser, of what is only on this device, and the choice it leads to.
#[island(lazy)]
pub fn SignOutCheck(person: String) -> impl IntoView {
    // None until the browser has looked (and always on the server).
    let left = RwSignal::new(None::<LeftHere>);
    let busy = RwSignal::new(false);
    // a StoredValue, so the handlers below are Copy
    let person = StoredValue::new(person);
    #[cfg(feature = "hydrate")]
    let check = move || {
        busy.set(true);
        leptos::task::spawn_local(async move {
            let who = person.get_value();
            left.set(Some(crate::offline::sign_out::sync_and_check(&who).await));
            busy.set(false);
        });
    };
    #[cfg(feature = "hydrate")]
    Effect::new(move |_| check());
    let retry = move |_| {
        #[cfg(feature = "hydrate")]
        check();
    };
    let leave = move |keep: bool| {
        #[cfg(feature = "hydrate")]
        {
            busy.set(true);
            leptos::task::spawn_local(async move {
                crate::offline::sign_out::sign_out(&person.get_value(), !keep).await;
            });
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (keep, person);
    };
    view! {
        <h1 class="govuk-heading-xl">"Sign out"</h1>
        {move || match left.get() {
            None => view! {
                <form method="post" action="/api/auth/sign_out" id="plain-sign-out">
                    <p class="govuk-body">"Checking whether anything is only on this device…"</p>
                    <button type="submit" class="govuk-button">"Sign out"</button>
                </form>
            }.into_any(),
            Some(found) if found.is_empty() => {
                view! {
                    <p class="govuk-body" id="all-saved">"Everything you wrote is saved to Pathway. Signing out removes your drafts and keys from this device."</p>
                    <button type="button" class="govuk-button" id="sign-out-now" disabled=move || busy.get()
                        on:click=move |_| leave(false)>"Sign out"</button>
                }.into_any()
            }
            Some(found) => {
                view! {
                    <div class="govuk-warning-text" id="unsynced-warning">
                        <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                        <strong class="govuk-warning-text__text">
                            <span class="govuk-visually-hidden">"Warning"</span>
                            "Some of your work is only on this device. It has not reached Pathway."
                        </strong>
                    </div>
                    <ul class="govuk-list govuk-list--bullet" id="left-here">
                        {(found.waiting > 0).then(|| view! { <li>{plural(found.waiting, "change waiting", "changes waiting")}" to be sent"</li> })}
                        {(found.attention > 0).then(|| view! { <li>{plural(found.attention, "change", "changes")}" that Pathway did not accept (open your portfolio to see why)"</li> })}
                        {found.drafts.iter().map(|(title, href)| view! {
                            <li><a class="govuk-link" href=href.clone()>{title.clone()}</a>" — a draft not complete enough to send"</li>
                        }).collect_view()}
                        {found.locked.then(|| view! { <li>"drafts that could not be unlocked on this device"</li> })}
                    </ul>
                    <p class="govuk-body">"If you sign out now, they stay on this device, locked: only your password opens them."</p>
                    <div class="govuk-button-group">
                        <button type="button" class="govuk-button" id="sync-again" disabled=move || busy.get()
                            on:click=retry>"Try to send them again"</button>
                        <button type="button" class="govuk-button govuk-button--warning" id="sign-out-keep"
                            disabled=move || busy.get() on:click=move |_| leave(true)>"Sign out and keep them on this device"</button>
                    </div>
                }.into_any()
            }
        }}
    }
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}
