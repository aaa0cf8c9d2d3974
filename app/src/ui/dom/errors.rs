//! The GOV.UK error pattern drawn on server-rendered forms, as the server draws it
//! (`ui::govuk::errors`): "There is a problem" with a link to each field, and the message
//! beside the field with its form group and control marked.

use super::{all, append, by_id, element, set_class};
use leptos::wasm_bindgen::JsCast;
use pathway_core::portfolio::FieldError;
use web_sys::{Element, HtmlElement};

/// The controls that show a field's error, by tag.
const ERROR_CLASSES: [(&str, &str); 3] = [
    ("input", "govuk-input--error"),
    ("textarea", "govuk-textarea--error"),
    ("select", "govuk-select--error"),
];

/// Draws `errors` for `form`: the summary into `summary_root` (replacing what was there,
/// focused), the message beside each field (its first problem). With none, every error is
/// taken away.
pub fn show(form: &Element, summary_root: &str, errors: &[FieldError]) {
    clear(form);
    let Some(container) = by_id(summary_root) else {
        return;
    };
    container.set_inner_html("");
    if errors.is_empty() {
        return;
    }
    let mut marked: Vec<&str> = Vec::new();
    let items = errors
        .iter()
        .map(|error| {
            if !marked.contains(&error.field.as_str()) {
                marked.push(&error.field);
                mark(&error.field, &error.message);
            }
            let item = element("li", "", None);
            let link = element("a", "", Some(&error.message));
            let _ = link.set_attribute("href", &format!("#{}", error.field));
            append(&item, &link);
            item
        })
        .collect();
    let summary = summary("There is a problem", items);
    summary.set_id("error-summary");
    let _ = summary.set_attribute("data-module", "govuk-error-summary");
    append(&container, &summary);
    if let Ok(summary) = summary.dyn_into::<HtmlElement>() {
        let _ = summary.focus();
    }
}

/// A GOV.UK error summary (`role="alert"`, focusable) with its title and the list `items`
/// (each an `li`): the page's problems, or another refusal's (an import's rows).
pub fn summary(title: &str, items: Vec<Element>) -> Element {
    let summary = element("div", "govuk-error-summary", None);
    let _ = summary.set_attribute("role", "alert");
    let _ = summary.set_attribute("tabindex", "-1");
    append(
        &summary,
        &element("h2", "govuk-error-summary__title", Some(title)),
    );
    let body = element("div", "govuk-error-summary__body", None);
    let list = element("ul", "govuk-list govuk-error-summary__list", None);
    for item in &items {
        append(&list, item);
    }
    append(&body, &list);
    append(&summary, &body);
    summary
}

/// Takes away every field's error message and error state in `form`.
pub fn clear(form: &Element) {
    for message in all(form, "p.govuk-error-message[id$='-error']") {
        message.remove();
    }
    for group in all(form, ".govuk-form-group--error") {
        set_class(&group, "govuk-form-group--error", false);
    }
    for (tag, class) in ERROR_CLASSES {
        for control in all(form, &format!("{tag}.{class}")) {
            set_class(&control, class, false);
        }
    }
    for described in all(form, "[aria-describedby]") {
        let ids = described
            .get_attribute("aria-describedby")
            .unwrap_or_default();
        let kept: Vec<&str> = ids
            .split_whitespace()
            .filter(|id| !id.ends_with("-error"))
            .collect();
        let _ = if kept.is_empty() {
            described.remove_attribute("aria-describedby")
        } else {
            described.set_attribute("aria-describedby", &kept.join(" "))
        };
    }
}

/// The message beside field `field` (the element with that id): before its control (a
/// date's boxes, a set of radios), its form group and control marked, and named by the
/// control's description.
fn mark(field: &str, message: &str) {
    let Some(target) = by_id(field) else { return };
    let closest = |selector: &str| target.closest(selector).ok().flatten();
    let anchor = closest(".govuk-date-input")
        .or_else(|| closest(".govuk-radios"))
        .unwrap_or_else(|| target.clone());
    let Some(group) = anchor.closest(".govuk-form-group").ok().flatten() else {
        return;
    };
    set_class(&group, "govuk-form-group--error", true);
    let text = element("p", "govuk-error-message", None);
    text.set_id(&format!("{field}-error"));
    append(
        &text,
        &element("span", "govuk-visually-hidden", Some("Error: ")),
    );
    let _ = text.append_with_str_1(message);
    if let Some(parent) = anchor.parent_node() {
        let _ = parent.insert_before(&text, Some(&anchor));
    }
    // a radio is not marked (GOV.UK marks the group); a text box, list or date's boxes are
    let controls = if anchor == target {
        vec![target.clone()]
    } else {
        all(&anchor, "input.govuk-input")
    };
    for control in controls {
        let tag = control.tag_name().to_lowercase();
        if let Some((_, class)) = ERROR_CLASSES.iter().find(|(name, _)| *name == tag) {
            set_class(&control, class, true);
        }
    }
    // the fieldset describes a date or radios; the control itself anything else
    let described = closest("fieldset")
        .filter(|_| anchor != target)
        .unwrap_or(target);
    let ids = described
        .get_attribute("aria-describedby")
        .unwrap_or_default();
    let _ = described.set_attribute("aria-describedby", format!("{ids} {field}-error").trim());
}
