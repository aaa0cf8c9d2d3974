//! The notification banner: "Important" news, or a green "Success" after an action.

use leptos::prelude::*;

#[component]
pub fn NotificationBanner(
    #[prop(into)] id: String,
    #[prop(into)] heading: String,
    /// A green banner with the title "Success" (for what the person just did).
    #[prop(optional)]
    success: bool,
    /// The banner's title, when not "Important" or "Success".
    #[prop(into, optional)]
    title: Option<String>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let title_id = format!("{id}-title");
    let (class, default_title, role) = if success {
        (
            "govuk-notification-banner govuk-notification-banner--success",
            "Success",
            "alert",
        )
    } else {
        ("govuk-notification-banner", "Important", "region")
    };
    let title = title.unwrap_or_else(|| default_title.to_owned());
    let labelled_by = title_id.clone();
    view! {
        <div class=class role=role aria-labelledby=labelled_by id=id data-module="govuk-notification-banner">
            <div class="govuk-notification-banner__header">
                <h2 class="govuk-notification-banner__title" id=title_id>{title}</h2>
            </div>
            <div class="govuk-notification-banner__content">
                <p class="govuk-notification-banner__heading">{heading}</p>
                {children.map(|children| children())}
            </div>
        </div>
    }
    .into_any()
}
