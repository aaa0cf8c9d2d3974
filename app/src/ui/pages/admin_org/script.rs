//! The two administrator forms that answer with something to show, in the browser (feature
//! `hydrate`, issue 13): each is sent with fetch and its answer drawn below it, on the
//! server's markup, without leaving the page.

use crate::ui::dom::fetch::{form_body, list_of, number_of, post, refusal, text_of, UNREACHABLE};
use crate::ui::dom::{append, by_id, disable_all, element, errors};
use leptos::ev::SubmitEvent;
use leptos::wasm_bindgen::{JsCast, JsValue};
use web_sys::{Element, HtmlFormElement};

/// Sends the submitted form to `url` and draws its answer into `#{answer_root}` with `draw`;
/// a refusal or an unreachable Pathway as an error message there. When the form cannot be
/// read, the plain post goes ahead.
fn send(
    ev: SubmitEvent,
    url: &'static str,
    answer_root: &'static str,
    draw: fn(&Element, JsValue),
) {
    let Some(form) = ev
        .target()
        .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let Some(body) = form_body(&form) else {
        return;
    };
    ev.prevent_default();
    disable_all(&form, "button[type=submit]", true);
    leptos::task::spawn_local(async move {
        let answer = post(url, &body).await;
        disable_all(&form, "button[type=submit]", false);
        let Some(root) = by_id(answer_root) else {
            return;
        };
        root.set_inner_html("");
        match answer {
            Some(Ok(value)) => draw(&root, value),
            Some(Err(text)) => error(&root, &refusal(&text).to_string()),
            None => error(&root, UNREACHABLE),
        }
    });
}

fn error(root: &Element, message: &str) {
    append(root, &element("p", "govuk-error-message", Some(message)));
}

/// The CSV import: how many were imported, or every problem by row and field (nothing is
/// imported then).
pub fn import(ev: SubmitEvent) {
    send(
        ev,
        "/api/admin/import_people",
        "import-report",
        |root, report| {
            let problems = list_of(&report, "problems");
            if problems.is_empty() {
                let panel = element("div", "govuk-panel govuk-panel--confirmation", None);
                let imported = number_of(&report, "imported");
                append(
                    &panel,
                    &element(
                        "h2",
                        "govuk-panel__title",
                        Some(&format!("{imported} people imported")),
                    ),
                );
                append(root, &panel);
                return;
            }
            let items = problems
                .iter()
                .map(|problem| {
                    let line = format!(
                        "Row {} (after the header row), {}: {}",
                        number_of(problem, "row"),
                        text_of(problem, "field"),
                        text_of(problem, "message")
                    );
                    element("li", "", Some(&line))
                })
                .collect();
            let summary = errors::summary("Nothing was imported", items);
            append(root, &summary);
        },
    );
}

/// The one-time set-password link, to send to the person.
pub fn set_password_link(ev: SubmitEvent) {
    send(
        ev,
        "/api/admin/set_password_link",
        "set-password-link",
        |root, path| {
            let inset = element(
                "div",
                "govuk-inset-text",
                Some("Send this link to the person: "),
            );
            // the whole address, ready to paste into an email
            let origin = web_sys::window()
                .and_then(|w| w.location().origin().ok())
                .unwrap_or_default();
            let link = format!("{origin}{}", path.as_string().unwrap_or_default());
            append(&inset, &element("code", "", Some(&link)));
            append(root, &inset);
        },
    );
}
