//! The deadline checker in the browser (feature `hydrate`, issue 13): as the panel date is
//! typed, the answer below the form is drawn again from the same rules the server used
//! (PANEL-3, PANEL-4). A problem is shown for the date the form was sent with, not while a
//! new one is typed, so typing takes the server's message away.

use super::home::parse_answer;
use crate::ui::dom::{append, by_id, element, errors};
use leptos::wasm_bindgen::JsCast;
use pathway_core::date_input::DateParts;

fn value_of(id: &str) -> String {
    by_id(id)
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_default()
}

/// A box of the date changed: the answer for the date as it now stands.
pub fn typed() {
    let typed = DateParts {
        day: value_of("panel"),
        month: value_of("panel-month"),
        year: value_of("panel-year"),
    }
    .to_value();
    let Some(form) = by_id("deadline-form") else {
        return;
    };
    if form.get_attribute("data-sent").as_deref() != Some(typed.as_str()) {
        errors::clear(&form);
    }
    let Some(result) = by_id("deadline-result") else {
        return;
    };
    result.set_inner_html("");
    let Some(Ok(text)) = parse_answer(&typed) else {
        return;
    };
    let inset = element("div", "govuk-inset-text", None);
    for (label, value) in [
        ("Panel: ", text.panel),
        ("Papers must be submitted by ", text.papers_due),
        ("Papers circulated to the panel by ", text.circulation_due),
    ] {
        let line = element("p", "govuk-body", Some(label));
        append(&line, &element("strong", "", Some(&value)));
        append(&inset, &line);
    }
    append(&result, &inset);
}
