//! The privacy notice: what personal data Pathway holds, why and for how long. Every period
//! it states is one the code keeps (sessions: `store::auth::sessions`; failed sign-ins:
//! `store::auth::throttle`; drafts on a device: `docs/security.md`).

use crate::ui::govuk::{Cell, Column, Row, Table};
use leptos::prelude::*;
use leptos_meta::Title;

/// What is held, why, and for how long: one row each.
const HELD: [(&str, &str, &str); 9] = [
    (
        "Your name, work email address, team, roles, level and its history, and qualification date",
        "To give you the right pathway, show you to the people who supervise or manage you, and pay you from the right date",
        "While you work for the department, then as its records retention schedule says for personnel records",
    ),
    (
        "Your password, kept only as a one-way hash that cannot be turned back into the password",
        "To check it is you when you sign in",
        "Until you change it or your account is removed",
    ),
    (
        "Your portfolio: evidence, reflective statements, CPD records, and observations or endorsements your managers add",
        "To show your progress against the pathway and for the Progression Panel to decide",
        "While you work for the department, then as its records retention schedule says for training and development records",
    ),
    (
        "Who supervises and manages you",
        "To decide who may see your portfolio",
        "As long as your portfolio",
    ),
    (
        "Your signed-in sessions: when they started, the internet address and the browser they came from",
        "To keep you signed in, and to let you (on the \"Where you're signed in\" page) and the department spot and end a session that is not yours",
        "Until you sign out, and no longer than 12 hours after you signed in",
    ),
    (
        "Counts of recent attempts to sign in, for each account and each internet address, kept under a one-way code rather than the email or address itself",
        "To stop people guessing passwords",
        "24 hours",
    ),
    (
        "If you use two-step sign-in: the key your authenticator app shares with Pathway, and your recovery codes kept only as one-way codes",
        "To check the code you enter after your password",
        "Until you turn two-step sign-in off or an administrator resets it",
    ),
    (
        "The browsers you have signed in on: a random code stored in the browser, and when it was last used",
        "So that someone guessing your password elsewhere cannot lock you out of the devices you use",
        "400 days after you last signed in on that browser",
    ),
    (
        "A log of changes: who changed what record, when, and from which internet address",
        "To show who did what, for accountability and investigating problems",
        "As the department's retention schedule says for audit records",
    ),
];

#[component]
pub fn PrivacyNotice() -> impl IntoView {
    view! {
        <Title text="Privacy notice"/>
        <h1 class="govuk-heading-l">"Privacy notice"</h1>
        <p class="govuk-body">
            "Pathway is run by your employing department, which is the data controller for the "
            "personal data it holds. This notice explains what Pathway holds about you, why, and for how long."
        </p>

        <h2 class="govuk-heading-m">"What Pathway holds"</h2>
        <Table caption="Personal data held and how long it is kept" columns=vec![
            Column::text("What"), Column::text("Why"), Column::text("How long"),
        ]>
            {HELD.iter().map(|(what, why, how_long)| view! {
                <Row><Cell>{*what}</Cell><Cell>{*why}</Cell><Cell>{*how_long}</Cell></Row>
            }).collect_view()}
        </Table>

        <h2 class="govuk-heading-m">"On your device"</h2>
        <p class="govuk-body">
            "Evidence you type without a connection is kept on your device until it reaches Pathway. "
            "It is encrypted there with a key that only your password or a signed-in session of yours "
            "can open. When you sign out and everything has reached Pathway, it is removed from the device."
        </p>
        <p class="govuk-body">
            "If a sign-in is refused, the email address you typed is kept in the browser tab for a "
            "moment so the sign-in page can show it again, and removed as soon as it has. Your password "
            "is never kept."
        </p>

        <h2 class="govuk-heading-m">"Children and families"</h2>
        <p class="govuk-body">
            "Your evidence describes your practice, not the people you work with. Do not record names, "
            "dates of birth, addresses or other details that could identify a child or family: the "
            "editor warns you when text looks as if it might."
        </p>

        <h2 class="govuk-heading-m">"Why the department may use your data"</h2>
        <p class="govuk-body">
            "The department uses this data to run your employment and its statutory duties for the "
            "professional development of social workers (UK GDPR Article 6(1)(b) and (e)). It is not "
            "used for marketing, not sold, and not sent outside the department, except that Progression "
            "Panel members see the portfolios on their panel's agenda."
        </p>

        <h2 class="govuk-heading-m">"Your rights"</h2>
        <p class="govuk-body">
            "You can ask to see the data Pathway holds about you, to have it corrected, and in some cases "
            "to have it deleted or its use restricted. Contact your department's data protection officer. "
            "If you are unhappy with how your data is used, you can complain to the Information Commissioner's Office (ICO)."
        </p>
    }
}
