//! The worker portfolio pages (issue 5): "My pathway" with the readiness task list, one
//! evidence item, the evidence editor, the CPD log and the versions to choose between
//! after offline edits clashed (issue 6). Every form posts to its server
//! function, so the pages work with JavaScript off; hydrated, the editor checks the form in
//! the browser with the same validation first and counts words while typing.

mod conflicts;
mod cpd;
mod editor;
mod evidence;
mod pathway;

pub use conflicts::ConflictsPage;
pub use cpd::CpdLogPage;
pub use editor::EvidenceEditor;
pub use evidence::EvidencePage;
pub use pathway::MyPathway;

use leptos::prelude::*;
use pathway_core::domain::EvidenceStatus;
use pathway_core::portfolio::identifying::find_identifying;
use pathway_core::portfolio::FieldError;

/// The GOV.UK error summary for several problems, each linking to its field.
#[component]
fn ErrorList(#[prop(into)] errors: Signal<Vec<FieldError>>) -> impl IntoView {
    move || {
        let errors = errors.get();
        (!errors.is_empty()).then(|| {
            view! {
                <div class="govuk-error-summary" data-module="govuk-error-summary" role="alert" tabindex="-1" id="error-summary">
                    <h2 class="govuk-error-summary__title">"There is a problem"</h2>
                    <div class="govuk-error-summary__body">
                        <ul class="govuk-list govuk-error-summary__list">
                            {errors.into_iter().map(|e| view! {
                                <li><a href=format!("#{}", e.field)>{e.message}</a></li>
                            }).collect_view()}
                        </ul>
                    </div>
                </div>
            }
        })
    }
}

#[component]
fn StatusTag(status: EvidenceStatus) -> impl IntoView {
    match status {
        EvidenceStatus::Final => {
            view! { <strong class="govuk-tag govuk-tag--green">"Final"</strong> }
        }
        EvidenceStatus::Draft => {
            view! { <strong class="govuk-tag govuk-tag--grey">"Draft"</strong> }
        }
    }
}

/// The reminder to anonymise (never blocks saving).
#[component]
fn IdentifyingWarning(#[prop(into)] text: Signal<String>) -> impl IntoView {
    move || {
        let found = find_identifying(&text.get());
        (!found.is_empty()).then(|| view! {
            <div class="govuk-warning-text" id="identifying-warning">
                <span class="govuk-warning-text__icon" aria-hidden="true">"!"</span>
                <div class="govuk-warning-text__text">
                    <span class="govuk-visually-hidden">"Warning"</span>
                    "Check this text does not identify a child or family. You can still save it."
                    <ul class="govuk-list govuk-list--bullet">
                        {found.into_iter().map(|kind| view! { <li>{kind.message()}</li> }).collect_view()}
                    </ul>
                </div>
            </div>
        })
    }
}
