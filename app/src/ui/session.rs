//! The signed-in user as the pages see it: loaded once per page (blocking, so the first
//! HTML already knows who is signed in), and a guard that sends anonymous visitors to
//! sign in and back.

use crate::api::auth::me::signed_in_user;
use crate::error::AppError;
use crate::identity::{CurrentUser, Role};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

pub type UserResource = Resource<Result<Option<CurrentUser>, AppError>>;

pub fn provide_user() -> UserResource {
    let user = Resource::new_blocking(|| (), |_| signed_in_user());
    provide_context(user);
    user
}

pub fn use_user() -> UserResource {
    expect_context::<UserResource>()
}

/// Percent-encodes a path and query for use as the `next` parameter.
pub fn encode_component(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect()
}

/// Renders `children` for a signed-in person holding `role` (any role when `None`);
/// anonymous visitors go to /sign-in?next=<this page>, others see a refusal.
#[component]
pub fn RequireUser(#[prop(optional)] role: Option<Role>, children: ChildrenFn) -> impl IntoView {
    let user = use_user();
    let location = use_location();
    let children = StoredValue::new(children);
    view! {
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                match user.await {
                    Ok(Some(user)) if role.is_none_or(|role| user.has(role)) => {
                        children.read_value()().into_any()
                    }
                    Ok(Some(_)) => view! {
                        <h1 class="govuk-heading-l">"You do not have access to this page"</h1>
                        <p class="govuk-body">"Go to " <a class="govuk-link" href="/dashboard">"your dashboard"</a> "."</p>
                    }.into_any(),
                    Ok(None) => {
                        let pathname = location.pathname.get_untracked();
                        let search = location.search.get_untracked();
                        let search = search.trim_start_matches('?');
                        let here = if search.is_empty() {
                            pathname
                        } else {
                            format!("{pathname}?{search}")
                        };
                        let path = format!("/sign-in?next={}", encode_component(&here));
                        view! { <Redirect path=path/> }.into_any()
                    }
                    Err(error) => view! {
                        <p class="govuk-body govuk-error-message">{error.to_string()}</p>
                    }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[cfg(test)]
mod tests {
    use super::encode_component;

    #[test]
    fn next_is_percent_encoded() {
        assert_eq!(
            encode_component("/admin/audit?action=sign_in&x=1"),
            "/admin/audit%3Faction%3Dsign_in%26x%3D1"
        );
    }
}
