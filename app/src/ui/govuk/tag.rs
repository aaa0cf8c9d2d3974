//! The tag: a short status ("Final", "Incomplete") in one of GOV.UK's colours.

use leptos::prelude::*;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagColour {
    /// The default dark blue.
    Default,
    Grey,
    Green,
    Blue,
    Yellow,
    Red,
}

impl TagColour {
    fn class(self) -> &'static str {
        match self {
            Self::Default => "govuk-tag",
            Self::Grey => "govuk-tag govuk-tag--grey",
            Self::Green => "govuk-tag govuk-tag--green",
            Self::Blue => "govuk-tag govuk-tag--blue",
            Self::Yellow => "govuk-tag govuk-tag--yellow",
            Self::Red => "govuk-tag govuk-tag--red",
        }
    }
}

#[component]
pub fn Tag(
    #[prop(optional)] colour: Option<TagColour>,
    #[prop(into)] text: String,
) -> impl IntoView {
    view! { <strong class=colour.unwrap_or(TagColour::Default).class()>{text}</strong> }
}
