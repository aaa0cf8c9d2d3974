//! The sign-out page in the browser (feature `hydrate`, issue 13): sends what it can, then
//! shows the state the server drew that applies, listing what is left only on this device,
//! and handles the choice. The page's code holds no view code of its own.

use crate::ui::dom::{append, by_id, disable_all, element, show_id};
use leptos::wasm_bindgen::JsCast;
use pathway_core::sync::LeftHere;

fn person() -> String {
    by_id("plain-sign-out")
        .and_then(|form| form.get_attribute("data-person"))
        .unwrap_or_default()
}

/// One press at a time: every choice is disabled while one is on its way.
fn busy(on: bool) {
    let Some(root) = by_id("main-content") else {
        return;
    };
    disable_all(&root, "#sign-out-now, #sync-again, #sign-out-keep", on);
}

/// Sends what waits, then shows what is left (or that everything is saved).
pub fn check() {
    busy(true);
    leptos::task::spawn_local(async move {
        let found = crate::offline::sign_out::sync_and_check(&person()).await;
        show(&found);
        busy(false);
    });
}

fn show(found: &LeftHere) {
    show_id("plain-sign-out", false);
    show_id("sign-out-all-saved", found.is_empty());
    show_id("sign-out-left-here", !found.is_empty());
    let Some(list) = by_id("left-here") else {
        return;
    };
    list.set_inner_html("");
    let item = |text: String| {
        let line = element("li", "", Some(&text));
        append(&list, &line);
        line
    };
    if found.waiting > 0 {
        item(format!(
            "{} to be sent",
            plural(found.waiting, "change waiting", "changes waiting")
        ));
    }
    if found.attention > 0 {
        item(format!(
            "{} that Pathway did not accept (open your portfolio to see why)",
            plural(found.attention, "change", "changes")
        ));
    }
    for (title, href) in &found.drafts {
        let line = item(String::new());
        let link = element("a", "govuk-link", Some(title));
        let _ = link.set_attribute("href", href);
        append(&line, &link);
        let _ = line.append_with_str_1(" — a draft not complete enough to send");
    }
    if found.locked {
        item("drafts that could not be unlocked on this device".to_owned());
    }
}

/// A press of one of the choices.
pub fn clicked(ev: leptos::ev::MouseEvent) {
    let id = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("button").ok().flatten())
        .map(|button| button.id())
        .unwrap_or_default();
    let keep = match id.as_str() {
        "sign-out-now" => false,
        "sign-out-keep" => true,
        "sync-again" => return check(),
        _ => return,
    };
    busy(true);
    leptos::task::spawn_local(async move {
        crate::offline::sign_out::sign_out(&person(), !keep).await;
    });
}

fn plural(count: usize, one: &str, many: &str) -> String {
    if count == 1 {
        format!("1 {one}")
    } else {
        format!("{count} {many}")
    }
}
