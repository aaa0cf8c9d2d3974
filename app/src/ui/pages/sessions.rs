//! "Where you're signed in" (issue 17 item 7): every session of the person's, this one
//! marked, each with a button to end it, and one to end every other; then the browsers they
//! have signed in on, which of them are set up for offline drafting, and a button to forget
//! one. Plain forms: they work with JavaScript off. The one exception is setting this device
//! up for offline drafting (`offline_set_up`), which only the page's script can do.

use super::offline_set_up::OfflineSetUp;
use crate::api::auth::sessions::{my_devices, my_sessions};
use crate::ui::govuk::{
    posted_errors, Cell, Column, ErrorSummary, Loaded, NotificationBanner, Row, Table,
};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::identity::{DeviceView, SessionView};

#[component]
pub fn SessionsPage() -> impl IntoView {
    let query = use_query_map();
    let ended = query.with_untracked(|q| q.get("ended").is_some());
    let forgotten = query.with_untracked(|q| q.get("forgotten").is_some());
    let set_up = query
        .with_untracked(|q| q.get("set_up"))
        .unwrap_or_default();
    // where a sign-in that asked for offline drafting was going, resolved as a sign-in
    // resolves it: only a path on this site
    let next = query
        .with_untracked(|q| q.get("next"))
        .map(|next| on_this_site(&next));
    let errors = Signal::stored(posted_errors("password"));
    let asked = set_up == "ask";
    let onward = next.clone().unwrap_or_default();
    let devices_section = move |list: Vec<DeviceView>| {
        // the set-up form, for this device when it is not set up yet
        let here = list
            .iter()
            .any(|device| device.current && device.offline_since.is_none());
        let next = onward.clone();
        view! {
            {devices_table(list)}
            {here.then(|| view! { <OfflineSetUp errors asked next/> })}
        }
    };
    let sessions = Resource::new_blocking(|| (), |_| my_sessions());
    let devices = Resource::new_blocking(|| (), |_| my_devices());
    view! {
        <Title text="Where you're signed in"/>
        <RequireUser>
            {ended.then(|| view! { <NotificationBanner id="sessions-ended" success=true heading="Signed out there."/> })}
            {forgotten.then(|| view! { <NotificationBanner id="device-forgotten" success=true heading="That device is forgotten."/> })}
            <ErrorSummary errors=errors/>
            {set_up_banner(&set_up, next.as_deref())}
            <h1 class="govuk-heading-xl">"Where you're signed in"</h1>
            <p class="govuk-body">"If you see a sign-in that is not yours, end it and change your password."</p>
            <Loaded resource=sessions view=sessions_table/>
            <form method="post" action="/api/auth/sign_out_everywhere_else">
                <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">"Sign out everywhere else"</button>
            </form>
            <h2 class="govuk-heading-l">"Your devices"</h2>
            <p class="govuk-body">"The browsers you have signed in on. Forget one you no longer use, or one that is lost: it stops unlocking your drafts without a connection the next time it is online, and a new key keeps drafts on your other devices."</p>
            <Loaded resource=devices view=devices_section.clone()/>
        </RequireUser>
    }
}

/// After setting this device up (or failing to), with a way on to where the person was
/// going when a sign-in brought them here.
/// `next` as a sign-in resolves it (the page is drawn on the server only).
fn on_this_site(next: &str) -> String {
    #[cfg(feature = "ssr")]
    return crate::api::auth::safe_next(Some(next));
    #[cfg(not(feature = "ssr"))]
    next.to_owned()
}

fn set_up_banner(set_up: &str, next: Option<&str>) -> Option<impl IntoView> {
    let (success, heading) = match set_up {
        "done" => (true, "This device is set up for offline drafting."),
        "failed" => (false, "This device could not be set up: its browser did not keep the key. Your drafts are safe. Try again, or free some space on the device."),
        _ => return None,
    };
    let onward = next.map(str::to_owned);
    Some(view! {
        <NotificationBanner id="set-up-result" success heading>
            {onward.map(|href| view! { <p class="govuk-body"><a class="govuk-notification-banner__link" href=href>"Continue"</a></p> })}
        </NotificationBanner>
    })
}

fn sessions_table(list: Vec<SessionView>) -> impl IntoView {
    let columns = vec![
        Column::text("Browser"),
        Column::text("From"),
        Column::text("Signed in (UTC)"),
        Column::text("Last used (UTC)"),
        Column::text("Sign out"),
    ];
    view! {
        <Table id="sessions" caption="Your sessions" columns>
            {list.into_iter().map(|session| view! {
                <Row>
                    <Cell>{session.browser}</Cell>
                    <Cell>{session.ip}</Cell>
                    <Cell>{session.started}</Cell>
                    <Cell>{session.last_used}</Cell>
                    <Cell>{if session.current {
                        view! { <strong class="govuk-tag">"This device"</strong> }.into_any()
                    } else {
                        view! {
                            <form method="post" action="/api/auth/end_session">
                                <input type="hidden" name="session" value=session.id/>
                                <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">"Sign out"</button>
                            </form>
                        }.into_any()
                    }}</Cell>
                </Row>
            }).collect_view()}
        </Table>
    }
}

fn devices_table(list: Vec<DeviceView>) -> impl IntoView {
    let columns = vec![
        Column::text("Browser"),
        Column::text("First used (UTC)"),
        Column::text("Last sign-in (UTC)"),
        Column::text("Drafts offline"),
        Column::text("Forget"),
    ];
    view! {
        <Table id="devices" caption="Your devices" columns>
            {list.into_iter().map(|device| view! {
                <Row>
                    <Cell>{device.browser}{device.current.then(|| view! { " " <strong class="govuk-tag">"This device"</strong> })}</Cell>
                    <Cell>{device.first_used}</Cell>
                    <Cell>{device.last_sign_in}</Cell>
                    <Cell>{match device.offline_since {
                        Some(since) => format!("Set up {since}"),
                        None => "Not set up".to_owned(),
                    }}</Cell>
                    <Cell>
                        <form method="post" action="/api/auth/forget_device">
                            <input type="hidden" name="device" value=device.id/>
                            <button type="submit" class="govuk-button govuk-button--secondary govuk-!-margin-bottom-0">"Forget"</button>
                        </form>
                    </Cell>
                </Row>
            }).collect_view()}
        </Table>
    }
}
