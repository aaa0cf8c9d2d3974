use crate::api::admin::import_people::ImportPeople;
use crate::ui::govuk::Panel;
use crate::ui::session::RequireUser;
use leptos::form::ActionForm;
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

/// The form and its report, shown without leaving the page.
#[island(lazy)]
pub fn ImportForm() -> impl IntoView {
    let import = ServerAction::<ImportPeople>::new();
    view! {
            <ActionForm action=import>
                <div class="govuk-form-group">
                    <label class="govuk-label" for="csv">"CSV"</label>
                    <textarea class="govuk-textarea" id="csv" name="csv" rows="12" spellcheck="false"></textarea>
                </div>
                <button type="submit" class="govuk-button">"Import"</button>
            </ActionForm>
            <div aria-live="polite" id="import-report">
                {move || import.value().get().map(|result| match result {
                    Ok(report) if report.problems.is_empty() => view! {
                        <Panel title=format!("{} people imported", report.imported) in_page=true/>
                    }.into_any(),
                    Ok(report) => view! {
                        <div class="govuk-error-summary" role="alert" tabindex="-1">
                            <h2 class="govuk-error-summary__title">"Nothing was imported"</h2>
                            <div class="govuk-error-summary__body">
                                <ul class="govuk-list govuk-error-summary__list">
                                    {report.problems.into_iter().map(|p| view! {
                                        <li>{format!("Row {} (after the header row), {}: {}", p.row, p.field, p.message)}</li>
                                    }).collect_view()}
                                </ul>
                            </div>
                        </div>
                    }.into_any(),
                    Err(error) => view! { <p class="govuk-error-message">{error.to_string()}</p> }.into_any(),
                })}
            </div>
    }
}
