//! The summary list: facts about one thing, a key and its value per row.

use leptos::prelude::*;

#[component]
pub fn SummaryList(
    #[prop(into, optional)] id: Option<String>,
    children: Children,
) -> impl IntoView {
    view! { <dl class="govuk-summary-list" id=id>{children()}</dl> }
}

#[component]
pub fn SummaryRow(
    #[prop(into)] key: String,
    /// An id for the value, where a link or a test needs one.
    #[prop(into, optional)]
    value_id: Option<String>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="govuk-summary-list__row">
            <dt class="govuk-summary-list__key">{key}</dt>
            <dd class="govuk-summary-list__value" id=value_id>{children()}</dd>
        </div>
    }
    .into_any()
}
