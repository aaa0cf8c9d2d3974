//! The signed-in user as the pages see it: loaded once per page (blocking, so the first
//! HTML already knows who is signed in), and a guard that sends anonymous visitors to
//! sign in and back.

use crate::api::auth::me::signed_in_user;
use crate::error::ApiError;
use crate::ui::govuk::Failed;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;
use pathway_core::identity::{CurrentUser, Role};

pub type UserResource = Resource<Result<Option<CurrentUser>, ApiError>>;

pub fn provide_user() -> UserResource {
    let user = Resource::new_blocking(|| (), |_| signed_in_user());
    provide_context(user);
    user
}

pub fn use_user() -> UserResource {
    expect_context::<UserResource>()
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
                    Ok(Some(_)) => {
                        crate::ui::response::set_status(403);
                        view! {
                        <h1 class="govuk-heading-l">"You do not have access to this page"</h1>
                        <p class="govuk-body">"Go to " <a class="govuk-link" href="/dashboard">"your dashboard"</a> "."</p>
                        }.into_any()
                    }
                    Ok(None) => {
                        let pathname = location.pathname.get_untracked();
                        let search = location.search.get_untracked();
                        let search = search.trim_start_matches('?');
                        let here = if search.is_empty() {
                            pathname
                        } else {
                            format!("{pathname}?{search}")
                        };
                        let path = format!("/sign-in?next={}", pathway_core::text::url::encode_component(&here));
                        view! { <Redirect path=path/> }.into_any()
                    }
                    Err(error) => view! { <Failed error id=None/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
