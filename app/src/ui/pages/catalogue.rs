//! The requirement catalogue as the policy's owners read it: each version, and for each
//! transition every requirement with where it comes from and what satisfies it.

use crate::api::catalogue::list::list_catalogues;
use crate::ui::govuk::{Loaded, SummaryList, SummaryRow};
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use pathway_core::domain::format::format_date;
use pathway_core::domain::{Applicability, Catalogue, Rule};

#[component]
pub fn CataloguePage() -> impl IntoView {
    let catalogues = Resource::new_blocking(|| (), |_| list_catalogues());
    view! {
        <Title text="Requirement catalogue"/>
        <RequireUser>
            <h1 class="govuk-heading-xl">"Requirement catalogue"</h1>
            <p class="govuk-body">
                "What each step of the pathway asks for, as set by the policy. A revised policy is a new version; "
                "each application is judged under the version in force when it was made."
            </p>
            <Loaded resource=catalogues view=versions/>
        </RequireUser>
    }
}

/// The newest version first.
fn versions(list: Vec<Catalogue>) -> impl IntoView {
    list.into_iter()
        .rev()
        .map(|catalogue| view! { <CatalogueVersion catalogue/> })
        .collect_view()
}

#[component]
fn CatalogueVersion(catalogue: Catalogue) -> impl IntoView {
    view! {
        <h2 class="govuk-heading-l">{format!("Version {}", catalogue.version)}</h2>
        <p class="govuk-body">
            {format!("In force from {}. Additional CPD days a year (CPD-2): {}.", format_date(catalogue.effective_from), catalogue.cpd_additional_days_per_year)}
        </p>
        {catalogue.transitions.into_iter().map(|transition| view! {
            <h3 class="govuk-heading-m">{format!("{} ({})", transition.transition.title(), transition.transition.id())}</h3>
            <SummaryList>
                {transition.requirements.into_iter().map(|requirement| view! {
                    <SummaryRow key=format!("{} {}", requirement.id, requirement.title)>
                        <p class="govuk-body">{describe(&requirement.rule)}</p>
                        <p class="govuk-body-s">{format!("Source: {}", requirement.source)}</p>
                    </SummaryRow>
                }).collect_view()}
            </SummaryList>
        }).collect_view()}
    }
}

/// What satisfies a rule, in words.
fn describe(rule: &Rule) -> String {
    match rule {
        Rule::Evidence(evidence) => {
            let noun = if evidence.min_count == 1 {
                &evidence.singular
            } else {
                &evidence.plural
            };
            let kinds: Vec<&str> = evidence.kinds.iter().map(|k| k.label()).collect();
            let mut text = format!(
                "At least {} {noun} ({})",
                evidence.min_count,
                kinds.join(", ")
            );
            if evidence.applies == Applicability::IfPe1Attended {
                text.push_str("; only after Practice Educator training (PE1)");
            }
            if evidence.accepts_previous_employer {
                text.push_str("; evidence from a previous employer counts");
            }
            if let Some(months) = evidence.within_months {
                text.push_str(&format!("; from the last {months} months"));
            }
            if !evidence.each_course.is_empty() {
                let courses: Vec<&str> = evidence
                    .each_course
                    .iter()
                    .map(|(_, label)| label.as_str())
                    .collect();
                text.push_str(&format!("; each of: {}", courses.join(", ")));
            }
            if let Some(months) = evidence.over_months {
                text.push_str(&format!("; spanning at least {months} months"));
            }
            text
        }
        Rule::YearsSinceQualification { years } => {
            format!("At least {years} years since qualifying")
        }
        Rule::ReflectiveStatement {
            min_words,
            max_words,
        } => {
            format!("A reflective statement of {min_words} to {max_words} words")
        }
    }
}
