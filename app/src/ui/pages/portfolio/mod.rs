//! The worker portfolio pages (issue 5): "My pathway" with the readiness task list, one
//! evidence item, the evidence editor, the CPD log and the versions to choose between
//! after offline edits clashed (issue 6). Every form posts to its server
//! function, so the pages work with JavaScript off; hydrated, the editor checks the form in
//! the browser with the same validation first and counts words while typing.

mod conflicts;
mod cpd;
mod editor;
#[cfg(feature = "hydrate")]
mod editor_script;
mod evidence;
mod pathway;

pub use conflicts::ConflictsPage;
pub use cpd::CpdLogPage;
pub use editor::EvidenceEditor;
pub use evidence::EvidencePage;
pub use pathway::MyPathway;

use crate::ui::govuk::{Tag, TagColour};
use leptos::prelude::*;
use pathway_core::domain::EvidenceStatus;
use pathway_core::portfolio::identifying::find_identifying;

#[component]
fn StatusTag(status: EvidenceStatus) -> impl IntoView {
    match status {
        EvidenceStatus::Final => view! { <Tag colour=TagColour::Green text="Final"/> },
        EvidenceStatus::Draft => view! { <Tag colour=TagColour::Grey text="Draft"/> },
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
