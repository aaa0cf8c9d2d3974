//! The form group: a label, an optional hint, the error message and the input, marked as in
//! error when its field has a problem.

use super::errors::ErrorMessage;
use leptos::prelude::*;

/// `govuk-form-group`, with `--error` while `error` holds a message.
pub fn group_class(error: MaybeProp<String>) -> impl Fn() -> &'static str + Send + Sync {
    move || {
        if error.get().is_some() {
            "govuk-form-group govuk-form-group--error"
        } else {
            "govuk-form-group"
        }
    }
}

/// The ids a field's `aria-describedby` names: its hint and its error message.
pub fn described_by(
    id: &str,
    has_hint: bool,
    error: MaybeProp<String>,
) -> impl Fn() -> Option<String> + Send + Sync {
    let id = id.to_owned();
    move || {
        let mut ids = Vec::new();
        if has_hint {
            ids.push(format!("{id}-hint"));
        }
        if error.get().is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A text input in its form group. `name` defaults to `id`; `width` is a GOV.UK width
/// class such as `govuk-input--width-10` or `govuk-!-width-two-thirds`.
#[component]
pub fn TextInput(
    #[prop(into)] id: String,
    #[prop(into, optional)] name: Option<String>,
    #[prop(into)] label: String,
    #[prop(into, optional)] hint: MaybeProp<String>,
    #[prop(into, optional)] value: String,
    #[prop(into, optional)] error: MaybeProp<String>,
    #[prop(optional)] width: &'static str,
    /// "text" unless given ("email", "password").
    #[prop(optional)]
    input_type: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    /// For numbers: the decimal keypad on phones.
    #[prop(optional)]
    decimal: bool,
) -> impl IntoView {
    let name = name.unwrap_or_else(|| id.clone());
    let class = if width.is_empty() {
        "govuk-input".to_owned()
    } else {
        format!("govuk-input {width}")
    };
    let input_type = if input_type.is_empty() {
        "text"
    } else {
        input_type
    };
    // emails and passwords are not words: no spelling suggestions
    let spellcheck = matches!(input_type, "email" | "password").then_some("false");
    let autocomplete = if autocomplete.is_empty() {
        "off"
    } else {
        autocomplete
    };
    let hint = hint.get_untracked();
    let described = described_by(&id, hint.is_some(), error);
    view! {
        <div class=group_class(error)>
            <label class="govuk-label" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <div class="govuk-hint" id=format!("{id}-hint")>{hint}</div> })}
            <ErrorMessage id=id.clone() error/>
            <input class=move || if error.get().is_some() { format!("{class} govuk-input--error") } else { class.clone() }
                id=id name=name type=input_type value=value autocomplete=autocomplete
                spellcheck=spellcheck inputmode=decimal.then_some("decimal")
                aria-describedby=described/>
        </div>
    }
    .into_any()
}
