use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use pathway_core::identity::Role;

/// Bulk import from an HR export: all or nothing, with every problem listed by row and field.
#[component]
pub fn AdminImport() -> impl IntoView {
    view! {
        <Title text="Import staff"/>
        <RequireUser role=Role::Administrator>
            <h1 class="govuk-heading-xl">"Import staff from a spreadsheet"</h1>
            <p class="govuk-body">
                "Paste the CSV export from HR, with a header row. Nothing is imported unless every row is right; "
                "each problem is listed by row and column."
            </p>
            <ImportForm/>
        </RequireUser>
    }
}

/// The form, drawn by the server; in the browser the report is shown below it without
/// leaving the page (`script`).
#[component]
fn ImportForm() -> impl IntoView {
    view! {
        <ImportScript>
            <form method="post" action="/api/admin/import_people" id="import-form">
                <div class="govuk-form-group">
                    <label class="govuk-label" for="csv">"CSV"</label>
                    <textarea class="govuk-textarea" id="csv" name="csv" rows="12" spellcheck="false"></textarea>
                </div>
                <button type="submit" class="govuk-button">"Import"</button>
            </form>
            <div aria-live="polite" id="import-report"></div>
        </ImportScript>
    }
}

#[island(lazy)]
pub fn ImportScript(children: Children) -> impl IntoView {
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        #[cfg(feature = "hydrate")]
        super::script::import(ev);
        #[cfg(not(feature = "hydrate"))]
        let _ = ev;
    };
    view! { <div on:submit=on_submit>{children()}</div> }
}
