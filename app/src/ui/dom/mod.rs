//! Small helpers for the islands that work on server-rendered markup rather than drawing
//! it (feature `hydrate`, issue 13): finding, making and marking elements, and moving focus.
//! The GOV.UK error pattern drawn the same way is in `errors`; sending a form with the
//! browser's fetch in `fetch`.

pub mod errors;
pub mod fetch;

use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::Element;

pub fn by_id(id: &str) -> Option<Element> {
    document().get_element_by_id(id)
}

/// Every element under `root` that matches `selector`, in document order.
pub fn all(root: &Element, selector: &str) -> Vec<Element> {
    root.query_selector_all(selector)
        .map(|list| {
            (0..list.length())
                .filter_map(|i| list.item(i)?.dyn_into::<Element>().ok())
                .collect()
        })
        .unwrap_or_default()
}

/// A new element with its classes and, if given, its text.
pub fn element(tag: &str, class: &str, text: Option<&str>) -> Element {
    let element = document()
        .create_element(tag)
        .expect("the document creates elements");
    if !class.is_empty() {
        element.set_class_name(class);
    }
    if text.is_some() {
        element.set_text_content(text);
    }
    element
}

pub fn append(parent: &Element, child: &Element) {
    let _ = parent.append_child(child);
}

pub fn set_class(element: &Element, class: &str, on: bool) {
    let list = element.class_list();
    let _ = if on {
        list.add_1(class)
    } else {
        list.remove_1(class)
    };
}

/// Sets or removes a boolean attribute (`disabled`, `hidden`).
pub fn set_flag(element: &Element, name: &str, on: bool) {
    let _ = if on {
        element.set_attribute(name, "")
    } else {
        element.remove_attribute(name)
    };
}

/// One press at a time: the buttons under `root` matching `selector` are disabled while
/// what they started is on its way.
pub fn disable_all(root: &Element, selector: &str, on: bool) {
    for button in all(root, selector) {
        set_flag(&button, "disabled", on);
    }
}

/// Shows or hides the server-drawn element with this id.
pub fn show_id(id: &str, shown: bool) {
    if let Some(element) = by_id(id) {
        set_flag(&element, "hidden", !shown);
    }
}

/// Moves keyboard focus to the element once it is drawn (an error summary, a banner).
pub fn focus(id: &'static str) {
    request_animation_frame(move || {
        if let Some(element) = by_id(id).and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = element.focus();
        }
    });
}
