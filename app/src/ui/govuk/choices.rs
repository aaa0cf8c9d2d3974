//! GOV.UK radios and the textarea, each in its form group with its error.

use super::errors::ErrorMessage;
use super::form_group::{described_by, group_class};
use leptos::prelude::*;

/// Radios in a fieldset. `id` is the first radio's (the error summary links there); the
/// others are `{id}-{value}`. `options` are (value, label); `checked` the value chosen.
#[component]
pub fn Radios(
    #[prop(into)] id: String,
    #[prop(into)] name: String,
    #[prop(into)] legend: String,
    /// A GOV.UK legend size: `govuk-fieldset__legend--m` (the default) or `--s`.
    #[prop(optional)]
    legend_size: &'static str,
    options: Vec<(&'static str, &'static str)>,
    #[prop(into, optional)] checked: String,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(into)] error: MaybeProp<String>,
    /// The small radios, for a form of several questions.
    #[prop(optional)]
    small: bool,
) -> impl IntoView {
    let legend_size = if legend_size.is_empty() {
        "govuk-fieldset__legend--m"
    } else {
        legend_size
    };
    let radios_class = if small {
        "govuk-radios govuk-radios--small"
    } else {
        "govuk-radios"
    };
    let described = described_by(&id, hint.is_some(), error);
    let hint_id = format!("{id}-hint");
    let items = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label))| {
            let input_id = if i == 0 {
                id.clone()
            } else {
                format!("{id}-{value}")
            };
            view! {
                <div class="govuk-radios__item">
                    <input class="govuk-radios__input" id=input_id.clone() name=name.clone() type="radio"
                        value=value checked=checked == value/>
                    <label class="govuk-label govuk-radios__label" for=input_id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <div class=group_class(error)>
            <fieldset class="govuk-fieldset" aria-describedby=described>
                <legend class=format!("govuk-fieldset__legend {legend_size}")>{legend}</legend>
                {hint.map(|hint| view! { <div class="govuk-hint" id=hint_id>{hint}</div> })}
                <ErrorMessage id=id.clone() error/>
                <div class=radios_class data-module="govuk-radios">{items}</div>
            </fieldset>
        </div>
    }
}

/// A textarea with its label, hint and error. `name` defaults to `id`.
#[component]
pub fn TextArea(
    #[prop(into)] id: String,
    #[prop(into, optional)] name: Option<String>,
    #[prop(into)] label: String,
    #[prop(into, optional)] value: String,
    #[prop(into, optional)] hint: Option<String>,
    #[prop(into)] error: MaybeProp<String>,
) -> impl IntoView {
    let name = name.unwrap_or_else(|| id.clone());
    let described = described_by(&id, hint.is_some(), error);
    let hint_id = format!("{id}-hint");
    view! {
        <div class=group_class(error)>
            <label class="govuk-label govuk-label--s" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <div class="govuk-hint" id=hint_id>{hint}</div> })}
            <ErrorMessage id=id.clone() error/>
            <textarea class=move || if error.get().is_some() { "govuk-textarea govuk-textarea--error" } else { "govuk-textarea" }
                id=id name=name rows="6" aria-describedby=described>{value}</textarea>
        </div>
    }
}
