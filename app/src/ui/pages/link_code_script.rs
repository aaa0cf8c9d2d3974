//! The set-password page in the browser (feature `hydrate`, issue 17 item 8): the code from
//! the link's fragment goes into the form, and out of the address bar and the tab's history.
//! It is kept in this tab's session storage until the tab closes, so a refused password
//! (the page comes back with its error and no fragment) does not lose it.

use crate::ui::dom::{by_id, show_id};
use gloo_storage::{SessionStorage, Storage};
use leptos::wasm_bindgen::{JsCast, JsValue};

const KEY: &str = "pathway:set-password-code";

pub fn fill() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let from_link = location
        .hash()
        .ok()
        .map(|hash| hash.trim_start_matches('#').to_owned())
        .filter(|code| !code.is_empty());
    if let Some(code) = &from_link {
        // kept only if storage works; the form below is filled either way
        let _ = SessionStorage::set(KEY, code);
        let without_code = format!(
            "{}{}",
            location.pathname().unwrap_or_default(),
            location.search().unwrap_or_default()
        );
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&without_code));
        }
    }
    let Some(code) = from_link.or_else(|| SessionStorage::get::<String>(KEY).ok()) else {
        return;
    };
    if let Some(input) = by_id("token").and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value(&code);
        show_id("link-code", false);
    }
}
