//! The confirmation panel: the end of a transaction ("Application submitted"), or a figure
//! the page is about (the CPD days left), under the page's own heading.

use leptos::prelude::*;

#[component]
pub fn Panel(
    #[prop(into)] title: String,
    #[prop(into, optional)] id: Option<String>,
    /// Under the page's `h1`: the title is an `h2`.
    #[prop(optional)]
    in_page: bool,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let title = if in_page {
        view! { <h2 class="govuk-panel__title">{title}</h2> }.into_any()
    } else {
        view! { <h1 class="govuk-panel__title">{title}</h1> }.into_any()
    };
    view! {
        <div class="govuk-panel govuk-panel--confirmation" id=id>
            {title}
            {children.map(|children| view! { <div class="govuk-panel__body">{children()}</div> })}
        </div>
    }
    .into_any()
}
