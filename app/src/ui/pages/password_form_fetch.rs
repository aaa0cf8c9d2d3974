//! The network half (feature `hydrate`) of the two forms whose password the page itself
//! must use, to keep a key to the person's drafts on the device (issues 7 and 17): the
//! sign-in form, and "Set up this device for offline drafting" on "Where you're signed in"
//! (for a sign-in finished by a two-step code or the identity provider, which never had the
//! password in the page). The form is sent with the browser's fetch, as the plain post would
//! send it but asking for the answer as data; then the key is wrapped; then the page moves
//! on. A refusal goes where the plain post goes (back to the form's page with the error,
//! which the server draws); only "Pathway could not be reached" is shown here. One handler
//! for both forms keeps the sign-in page's first download within its budget (issue 13): a
//! second island sharing this code would split it into more, smaller files.

use crate::ui::dom::{disable_all, show_id};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::{FormData, HtmlFormElement};

/// The set-up form's server function: it answers the device's pepper.
const SET_UP: &str = "/api/vault/set_up_offline";

/// Handles a submit of either form. When the form cannot be read the plain post goes
/// ahead, so the person can always sign in.
pub fn submit(ev: SubmitEvent) {
    let Some(form) = ev
        .target()
        .and_then(|target| target.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    let Ok(data) = FormData::new_with_form(&form) else {
        return;
    };
    let Some(body) = crate::ui::dom::fetch::form_body(&form) else {
        return;
    };
    ev.prevent_default();
    let field = |name: &str| data.get(name).as_string().unwrap_or_default();
    let (email, password, next) = (field("email"), field("password"), field("next"));
    let offline = field("offline") == "on";
    let action = form.get_attribute("action").unwrap_or_default();
    let setting_up = action == SET_UP;
    // where a refusal is shown: back on the form's own page
    let back = if setting_up {
        "/account/sessions?set_up=again&"
    } else {
        "/sign-in?"
    };
    disable_all(&form, "button[type=submit]", true);
    show_id("unreachable", false);
    leptos::task::spawn_local(async move {
        match crate::ui::dom::fetch::post(&action, &body).await {
            // signed in: the next page; set up: the pepper (both JSON strings)
            Some(Ok(answer)) => {
                let answer = answer.as_string().unwrap_or_default();
                if setting_up {
                    let done = enrol(password, true, answer).await;
                    let result = if done { "done" } else { "failed" };
                    go(&format!(
                        "/account/sessions?set_up={result}&next={}",
                        encode(&next)
                    ));
                } else {
                    enrol(password, offline, String::new()).await;
                    go(if answer.is_empty() { "/" } else { &answer });
                }
            }
            Some(Err(encoded)) => {
                keep_email(&email);
                let error = encode(&url_safe_base64(&encoded));
                go(&format!("{back}next={}&__err={error}", encode(&next)));
            }
            None => {
                disable_all(&form, "button[type=submit]", false);
                show_id("unreachable", true);
                crate::ui::dom::focus("unreachable");
            }
        }
    });
}

/// The browser's own URL component encoder: no encoding table in the page's code.
fn encode(text: &str) -> String {
    String::from(js_sys::encode_uri_component(text))
}

/// URL-safe base64 (with padding) of the text's UTF-8 bytes, by the browser's own `btoa`
/// (one byte per character, as `btoa` wants), so the page carries no base64 code of its own.
fn url_safe_base64(text: &str) -> String {
    let bytes: String = text.bytes().map(char::from).collect();
    window()
        .btoa(&bytes)
        .unwrap_or_default()
        .replace('+', "-")
        .replace('/', "_")
}

/// Wraps the signed-in person's draft key again: with the password just typed when they asked
/// to use this device offline at sign-in, or with the `pepper` the set-up form was answered
/// (a failure at sign-in never blocks signing in). A chunk of its own (the vault's WebCrypto
/// code and the person's id from `auth/me`), fetched once the password has been accepted.
/// False when nobody is signed in yet (a second step comes first) or it could not be done.
#[lazy]
async fn enrol(password: String, offline: bool, pepper: String) -> bool {
    use crate::offline::vault;
    let user = crate::ui::dom::fetch::call("/api/auth/me").await;
    let person = user
        .map(|user| crate::ui::dom::fetch::text_of(&user, "person_id"))
        .unwrap_or_default();
    if person.is_empty() {
        return false;
    }
    let done = if pepper.is_empty() {
        vault::enrol(&person, &password, offline).await
    } else {
        vault::set_up_here(&person, &password, pepper).await
    };
    done.is_ok()
}

/// Where the address typed before a refusal waits for the page that shows the error
/// (this tab only, and only until that page has put it back; never the password).
const TYPED_EMAIL: &str = "pathway:v1:sign-in-email";

fn keep_email(email: &str) {
    if let Ok(Some(storage)) = window().session_storage() {
        let _ = storage.set_item(TYPED_EMAIL, email);
    }
}

/// Puts the address typed before a refusal back in its field (GOV.UK: after an error, what
/// was entered is still there).
pub fn restore_email() {
    let Ok(Some(storage)) = window().session_storage() else {
        return;
    };
    let Ok(Some(email)) = storage.get_item(TYPED_EMAIL) else {
        return;
    };
    let _ = storage.remove_item(TYPED_EMAIL);
    if let Some(input) = document()
        .get_element_by_id("email")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        if input.value().is_empty() {
            input.set_value(&email);
        }
    }
}

fn go(href: &str) {
    let _ = window().location().set_href(href);
}
