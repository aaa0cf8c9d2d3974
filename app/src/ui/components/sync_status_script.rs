//! The sync status in the browser (feature `hydrate`, issue 13): fills in the markup
//! `SyncStatus` drew from the sync runner's signals, for the evidence editor and the offline
//! app alike. DOM updates rather than a Leptos view, so the editor's first download carries
//! no view code for it.

use crate::sync_ui::SyncUi;
use crate::ui::dom::{append, by_id, element, show_id};
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use pathway_core::sync::status::{Held, SyncStatusText};
use web_sys::Element;

/// Keeps the status drawn while the signals change, and answers its buttons and links.
/// Call where the markup is (or is about to be) on the page; it stops with its owner.
pub fn paint(ui: SyncUi) {
    // the line is a live region: written again only when what it says changes
    let drawn = StoredValue::new(None);
    Effect::new(move |_| {
        let status = ui.status.get();
        let unsynced = ui.unsynced.get();
        // offline a sync cannot work, so it is not offered
        let offer_sync = ui.sync.with(Option::is_some)
            && unsynced > 0
            && !matches!(status, SyncStatusText::Offline(_));
        let line = Some((status, unsynced, offer_sync));
        if drawn.get_value() != line {
            draw_line(status, unsynced, offer_sync);
            drawn.set_value(line);
        }
        show_id("saved-on-device", ui.saved_here.get());
        ui.held.with(|held| draw_held(held));
        show_id("draft-restored", ui.restored.get());
        ui.storage_error
            .with(|error| draw_storage_error(error.as_deref()));
        show_id("sync-conflicts", ui.conflicts.get() > 0);
    });
    // one listener for the panel's buttons and links, which are drawn and redrawn above
    let handle = window_event_listener(leptos::ev::click, move |ev| {
        let Some(target) = ev
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
        else {
            return;
        };
        if target.closest("#sync-now").ok().flatten().is_some() {
            if let Some(sync) = ui.sync.get_untracked() {
                sync.run(());
            }
            return;
        }
        let held = target.closest("[data-held-id]").ok().flatten();
        if let (Some(link), Some(open)) = (held, ui.open.get_untracked()) {
            // the offline app opens a held draft in place; elsewhere its link is followed
            ev.prevent_default();
            open.run(link.get_attribute("data-held-id").unwrap_or_default());
        }
    });
    on_cleanup(move || handle.remove());
}

/// The status line, with "Sign in again" when the session has gone and "Sync now" when a
/// sync could help.
fn draw_line(status: SyncStatusText, unsynced: usize, offer_sync: bool) {
    let Some(line) = by_id("sync-status") else {
        return;
    };
    line.set_text_content(Some(&status.line(unsynced)));
    if status == SyncStatusText::SignedOut {
        let _ = line.append_with_str_1(". ");
        let link = element(
            "a",
            "govuk-link",
            Some("Sign in again to send your changes"),
        );
        link.set_id("sign-in-again");
        let _ = link.set_attribute("href", &sign_in_again());
        append(&line, &link);
    }
    if offer_sync {
        let _ = line.append_with_str_1(" ");
        let button = element(
            "button",
            "govuk-button govuk-button--secondary govuk-!-margin-bottom-0",
            Some("Sync now"),
        );
        button.set_id("sync-now");
        let _ = button.set_attribute("type", "button");
        append(&line, &button);
    }
}

/// The drafts kept here that are not sent, each with why.
fn draw_held(held: &[Held]) {
    show_id("sync-held-part", !held.is_empty());
    let Some(list) = by_id("sync-held-list") else {
        return;
    };
    list.set_inner_html("");
    for item in held {
        let row = element("li", "", None);
        let link = element("a", "govuk-link", Some(&item.title));
        let _ = link.set_attribute("href", &item.href);
        let _ = link.set_attribute("data-held-id", &item.id);
        append(&row, &link);
        let _ = row.append_with_str_1(&format!(": {}", item.reasons.join(". ")));
        append(&list, &row);
    }
}

/// The warning that the device could not keep the latest text, while it applies.
fn draw_storage_error(message: Option<&str>) {
    let Some(root) = by_id("storage-error-root") else {
        return;
    };
    match (message, by_id("storage-error")) {
        (None, Some(shown)) => shown.remove(),
        (Some(message), Some(shown)) => {
            if let Some(text) = shown.first_element_child() {
                text.set_text_content(Some(message));
            }
        }
        (Some(message), None) => {
            let summary = element("div", "govuk-error-summary", None);
            summary.set_id("storage-error");
            let _ = summary.set_attribute("role", "alert");
            append(&summary, &element("p", "govuk-body", Some(message)));
            append(&root, &summary);
        }
        (None, None) => {}
    }
}

/// The sign-in page, coming back here afterwards.
fn sign_in_again() -> String {
    let location = window().location();
    let here = format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    format!(
        "/sign-in?next={}",
        pathway_core::text::url::encode_component(&here)
    )
}
