//! Email not yet sent (issue 14 item 6): what administrators see of the outbox. Every notice
//! is also an email, written in the same step as the notice and sent by the server in the
//! background; what no mail server has accepted yet waits here, and is tried again.

use crate::api::admin::unsent_mail::unsent_mail;
use crate::ui::govuk::{Cell, Column, Loaded, Pagination, Row, Table};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;
use pathway_core::identity::Role;
use pathway_core::outbox::UnsentMailPage;

#[component]
pub fn AdminUnsentMail() -> impl IntoView {
    let query = use_query_map();
    let page = move || query.read().get("page").and_then(|p| p.parse::<u32>().ok());
    let mail = Resource::new_blocking(page, unsent_mail);
    view! {
        <Title text="Email not yet sent"/>
        <RequireUser role=Role::Administrator>
            <h1 class="govuk-heading-xl">"Email not yet sent"</h1>
            <p class="govuk-body">
                "Every notice in Pathway is also emailed to the person it is for: a one-line reason and a link, never anyone's evidence. "
                "Email a mail server has not accepted yet waits here and is tried again, less often each time (at most an hour apart); nothing is dropped."
            </p>
            <p class="govuk-body">
                "If nothing here has been tried, this server has no mail server to send through: whoever runs Pathway sets PATHWAY_SMTP_URL (the README's “Email” section)."
            </p>
            <Loaded resource=mail view=unsent_table id="unsent-mail"/>
        </RequireUser>
    }
}

fn unsent_table(list: UnsentMailPage) -> impl IntoView {
    if list.total == 0 {
        return view! { <p class="govuk-body" id="unsent-count">"All email has been sent."</p> }
            .into_any();
    }
    let columns = vec![
        Column::text("To"),
        Column::text("Subject"),
        Column::text("Written"),
        Column::numeric("Attempts"),
        Column::text("Last problem"),
        Column::text("Next try"),
    ];
    let count = match list.total {
        1 => "1 email not yet sent".to_owned(),
        n => format!("{n} emails not yet sent"),
    };
    view! {
        <p class="govuk-body" id="unsent-count">{count}</p>
        <Table id="unsent-mail-list" columns>
            {list.rows.into_iter().map(|mail| view! {
                <Row>
                    <Cell>{mail.to_name}<br/><span class="govuk-body-s">{mail.to_address}</span></Cell>
                    <Cell>{mail.subject}</Cell>
                    <Cell>{mail.queued}</Cell>
                    <Cell numeric=true>{mail.attempts}</Cell>
                    <Cell>{mail.last_error.unwrap_or_else(|| "Not tried yet".to_owned())}</Cell>
                    <Cell>{mail.next_attempt}</Cell>
                </Row>
            }).collect_view()}
        </Table>
        <Pagination current=list.page pages=list.pages href=|page| format!("/admin/email?page={page}")/>
    }
    .into_any()
}
