//! "Your notices" (issue 14 item 6): what was sent to the person, newest first, each a line
//! and a link (never evidence text). Opening the list marks them read.

use crate::api::decisions::my_notices;
use crate::ui::govuk::Loaded;
use crate::ui::session::RequireUser;
use leptos::prelude::*;
use leptos_meta::Title;
use pathway_core::decisions::views::NoticeView;

#[component]
pub fn NoticesPage() -> impl IntoView {
    let notices = Resource::new_blocking(|| (), |_| my_notices());
    view! {
        <Title text="Your notices"/>
        <RequireUser>
            <h1 class="govuk-heading-xl">"Your notices"</h1>
            <Loaded resource=notices view=notices_list id="notices"/>
        </RequireUser>
    }
}

fn notices_list(list: Vec<NoticeView>) -> AnyView {
    if list.is_empty() {
        return view! { <p class="govuk-body" id="notices">"You have no notices."</p> }.into_any();
    }
    view! {
        <ul class="govuk-list app-notices" id="notices">
            {list.into_iter().map(|notice| view! {
                <li class="app-notice">
                    {notice.unread.then(|| view! { <strong class="govuk-tag govuk-tag--blue">"New"</strong> " " })}
                    <a class="govuk-link" href=notice.link>{notice.subject}</a>
                    <br/><span class="govuk-body-s">{notice.sent}</span>
                </li>
            }).collect_view()}
        </ul>
    }
    .into_any()
}
