use crate::error::ApiError;
use leptos::prelude::*;

/// Signs in with email and password; answers the path to go to next: the page asked for,
/// or the code page when the person has two-step sign-in on. A plain form post (JavaScript
/// off) is redirected there; a wrong password comes back as a validation error.
#[server(endpoint = "auth/sign_in")]
pub async fn sign_in(
    email: String,
    password: String,
    next: Option<String>,
    // "Use this device to write drafts offline": acted on by the page's script once signed
    // in (`offline::vault::enrol`), which alone can wrap a key with the password; when a
    // second step comes first, the page the password was typed on is gone by then, so the
    // person is taken on to finish it on "Where you're signed in"
    offline: Option<String>,
) -> Result<String, ApiError> {
    use crate::api::request::{request_meta, set_cookie, settings};
    use pathway_store::auth::flow::{self, SignInStep};
    // No require_user: this is how a user comes to exist. Throttled per account and address.
    let db = crate::api::request::db()?;
    let meta = request_meta();
    let settings = settings();
    let now = db.clock().now();
    let target = super::safe_next(next.as_deref());
    let after_second_step = if offline.as_deref() == Some("on") {
        set_up_then(&target)
    } else {
        target.clone()
    };
    let target = match flow::sign_in(&db, &email, password, &meta, settings, now).await? {
        SignInStep::Done(signed_in) => {
            super::signed_in_cookies(settings, &signed_in);
            target
        }
        SignInStep::Code { pending_token } => {
            set_cookie(&settings.pending_cookie(&pending_token));
            second_step("/sign-in/code", &after_second_step)
        }
        SignInStep::SetUp { pending_token } => {
            set_cookie(&settings.pending_cookie(&pending_token));
            second_step("/sign-in/set-up", &after_second_step)
        }
    };
    if crate::api::request::is_plain_form_post() {
        leptos_axum::redirect(&target);
    }
    Ok(target)
}

/// "Where you're signed in", asking to finish setting this device up for offline drafting,
/// then going on to `target`.
#[cfg(feature = "ssr")]
fn set_up_then(target: &str) -> String {
    let next: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
    format!("/account/sessions?set_up=ask&next={next}")
}

/// The second step's page, carrying where to go once it is done.
#[cfg(feature = "ssr")]
pub fn second_step(page: &str, target: &str) -> String {
    let next: String = url::form_urlencoded::byte_serialize(target.as_bytes()).collect();
    format!("{page}?next={next}")
}
