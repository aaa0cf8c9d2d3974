//! The hydrated sign-in's network half (feature `hydrate`): the form is sent with the
//! browser's fetch, as the plain post would send it but asking for the answer as data, so
//! the page can set up offline drafting with the password before it leaves, when asked to. A refusal goes
//! where the plain post goes (back to the sign-in page with the error, which the server
//! draws); only "Pathway could not be reached" is shown here.

use crate::offline::vault::Pepper;
use crate::ui::dom::fetch::{encode_component, take_submit, with_refusal};
use crate::ui::dom::{disable_all, show_id};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use leptos::wasm_bindgen::JsCast;
use web_sys::UrlSearchParams;

/// The server's answer to the sign-in.
enum Answer {
    /// Signed in: the page to go to next.
    SignedIn(String),
    /// Refused: the error as the server function encodes it.
    Refused(String),
}

/// Handles a submit of the sign-in form. When the form cannot be read the plain post goes
/// ahead, so the person can always sign in.
pub fn submit(ev: SubmitEvent) {
    let Some((form, data, body)) = take_submit(&ev) else {
        return;
    };
    let field = |name: &str| data.get(name).as_string().unwrap_or_default();
    let (email, password, next) = (field("email"), field("password"), field("next"));
    let pepper = if field("offline") == "on" {
        Pepper::Ask
    } else {
        Pepper::NotAsked
    };
    disable_all(&form, "button[type=submit]", true);
    show_id("sign-in-unreachable", false);
    leptos::task::spawn_local(async move {
        match send(&body).await {
            Some(Answer::SignedIn(target)) => {
                enrol(password, pepper).await;
                go(&target);
            }
            Some(Answer::Refused(encoded)) => {
                keep_email(&email);
                go(&refused(&next, &encoded));
            }
            None => {
                disable_all(&form, "button[type=submit]", false);
                show_id("sign-in-unreachable", true);
                crate::ui::dom::focus("sign-in-unreachable");
            }
        }
    });
}

/// Posts the form to `auth/sign_in`; `None` when Pathway could not be reached.
async fn send(body: &UrlSearchParams) -> Option<Answer> {
    // the server function answers the next page as a JSON string
    Some(
        match crate::ui::dom::fetch::post("/api/auth/sign_in", body).await? {
            Ok(next) => Answer::SignedIn(next.as_string().unwrap_or_else(|| "/".to_owned())),
            Err(refused) => Answer::Refused(refused),
        },
    )
}

/// The sign-in page with the refusal, as the server function's redirect for a plain post
/// builds it.
fn refused(next: &str, encoded: &str) -> String {
    if next.is_empty() {
        with_refusal("/sign-in", encoded)
    } else {
        with_refusal(
            &format!("/sign-in?next={}", encode_component(next)),
            encoded,
        )
    }
}

/// Wraps the signed-in person's draft key again, and with the password just typed when they
/// asked to use this device offline (on the sign-in page, or on "Where you're signed in"
/// with the pepper already issued). A chunk of its own (the vault's WebCrypto code and the
/// person's id from `auth/me`), fetched once the password has been accepted. False when
/// nobody is signed in yet (a second step comes first) or the device could not be enrolled;
/// at sign-in that never blocks signing in.
#[lazy]
pub async fn enrol(password: String, pepper: Pepper) -> bool {
    let user = crate::ui::dom::fetch::call("/api/auth/me").await;
    let person = user
        .map(|user| crate::ui::dom::fetch::text_of(&user, "person_id"))
        .unwrap_or_default();
    !person.is_empty()
        && crate::offline::vault::enrol(&person, &password, pepper)
            .await
            .is_ok()
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
