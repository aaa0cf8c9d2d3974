//! "Where you're signed in" (issue 17 item 7): every session of the person's, this one
//! marked, each with a button to end it, and one to end every other. Plain forms: they work
//! with JavaScript off, and the page downloads no code of its own.

use crate::api::auth::sessions::my_sessions;
use crate::ui::govuk::{Cell, Column, Loaded, NotificationBanner, Row, Table};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::identity::SessionView;

#[component]
pub fn SessionsPage() -> impl IntoView {
    let ended = use_query_map().with_untracked(|q| q.get("ended").is_some());
    let sessions = Resource::new_blocking(|| (), |_| my_sessions());
    view! {
        <Title text="Where you're signed in"/>
        <RequireUser>
            {ended.then(|| view! { <NotificationBanner id="sessions-ended" success=true heading="Signed out there."/> })}
            <h1 class="govuk-heading-xl">"Where you're signed in"</h1>
            <p class="govuk-body">"If you see a sign-in that is not yours, end it and change your password."</p>
            <Loaded resource=sessions view=sessions_table/>
            <form method="post" action="/api/auth/sign_out_everywhere_else">
                <button type="submit" class="govuk-button govuk-button--warning" data-module="govuk-button">"Sign out everywhere else"</button>
            </form>
        </RequireUser>
    }
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
