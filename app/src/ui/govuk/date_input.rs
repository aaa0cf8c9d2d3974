//! The GOV.UK date input: day, month and year as three boxes with numeric keypads, in a
//! fieldset whose legend is the question. The browser's date picker is not used: it shows
//! each browser's own format and is hard to use with a screen reader. The three fields post
//! as `name[day]`, `name[month]`, `name[year]`; `pathway_core::date_input` joins them.

use super::errors::ErrorMessage;
use super::form_group::group_class;
use leptos::prelude::*;
use pathway_core::date_input::DateParts;

/// `id` is the day box's id (the error summary links there); the month and year boxes are
/// `{id}-month` and `{id}-year`. `value` is the form value ("2026-03-07", or as typed).
#[component]
pub fn DateInput(
    #[prop(into)] id: String,
    #[prop(into, optional)] name: Option<String>,
    #[prop(into)] legend: String,
    #[prop(into, optional)] hint: MaybeProp<String>,
    #[prop(into, optional)] value: String,
    #[prop(into, optional)] error: MaybeProp<String>,
) -> impl IntoView {
    let name = name.unwrap_or_else(|| id.clone());
    let parts = DateParts::from_value(&value);
    let hint = hint
        .get_untracked()
        .unwrap_or_else(|| "For example, 27 3 2026".to_owned());
    let hint_id = format!("{id}-hint");
    let described = {
        let (hint_id, id) = (hint_id.clone(), id.clone());
        move || match error.get() {
            Some(_) => format!("{hint_id} {id}-error"),
            None => hint_id.clone(),
        }
    };
    let item = {
        let (id, name) = (id.clone(), name.clone());
        move |part: &'static str, label: &'static str, width: &'static str, value: String| {
            let box_id = if part == "day" {
                id.clone()
            } else {
                format!("{id}-{part}")
            };
            view! {
                <div class="govuk-date-input__item">
                    <div class="govuk-form-group">
                        <label class="govuk-label govuk-date-input__label" for=box_id.clone()>{label}</label>
                        <input class=move || {
                                let base = format!("govuk-input govuk-date-input__input {width}");
                                if error.get().is_some() { format!("{base} govuk-input--error") } else { base }
                            }
                            id=box_id name=format!("{name}[{part}]") type="text" inputmode="numeric"
                            value=value/>
                    </div>
                </div>
            }
        }
    };
    let (day, month, year) = (parts.day, parts.month, parts.year);
    view! {
        <div class=group_class(error)>
            <fieldset class="govuk-fieldset" role="group" aria-describedby=described>
                <legend class="govuk-fieldset__legend govuk-fieldset__legend--s">{legend}</legend>
                <div class="govuk-hint" id=hint_id.clone()>{hint}</div>
                <ErrorMessage id=id.clone() error/>
                <div class="govuk-date-input">
                    {item("day", "Day", "govuk-input--width-2", day)}
                    {item("month", "Month", "govuk-input--width-2", month)}
                    {item("year", "Year", "govuk-input--width-4", year)}
                </div>
            </fieldset>
        </div>
    }
    .into_any()
}
