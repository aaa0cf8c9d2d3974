//! The offline set-up form's network half (feature `hydrate`): the password goes to
//! `vault/set_up_offline` with the browser's fetch; with the pepper it answers, the drafts'
//! key on this device is wrapped with the password (`offline::vault::enrol`). A refusal goes
//! where the plain post goes (back to the page with the error beside the field, drawn by the
//! server); only "Pathway could not be reached" is shown here.

use crate::offline::vault::Pepper;
use crate::ui::dom::fetch::{encode_component, take_submit, with_refusal};
use crate::ui::dom::{disable_all, show_id};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

const PAGE: &str = "/account/sessions";

pub fn submit(ev: SubmitEvent, next: String) {
    let Some((form, data, body)) = take_submit(&ev) else {
        return;
    };
    let password = data.get("password").as_string().unwrap_or_default();
    let carry = move |query: &str| {
        if next.is_empty() {
            format!("{PAGE}?{query}")
        } else {
            format!("{PAGE}?{query}&next={}", encode_component(&next))
        }
    };
    disable_all(&form, "button[type=submit]", true);
    show_id("set-up-unreachable", false);
    leptos::task::spawn_local(async move {
        match crate::ui::dom::fetch::post("/api/vault/set_up_offline", &body).await {
            Some(Ok(pepper)) => {
                let pepper = Pepper::Issued(pepper.as_string().unwrap_or_default());
                let done = super::sign_in_fetch::enrol(password, pepper).await;
                go(&carry(if done { "set_up=done" } else { "set_up=failed" }));
            }
            Some(Err(encoded)) => go(&with_refusal(&carry("set_up=again"), &encoded)),
            None => {
                disable_all(&form, "button[type=submit]", false);
                show_id("set-up-unreachable", true);
                crate::ui::dom::focus("set-up-unreachable");
            }
        }
    });
}

fn go(href: &str) {
    let _ = window().location().set_href(href);
}
