//! The accessibility statement a public-sector service publishes (the Public Sector Bodies
//! Accessibility Regulations 2018), in GOV.UK's model wording. It says only what the test
//! suite shows; update it when the tests or the known gaps change.

use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn AccessibilityStatement() -> impl IntoView {
    view! {
        <Title text="Accessibility statement"/>
        <h1 class="govuk-heading-l">"Accessibility statement for Pathway"</h1>
        <p class="govuk-body">
            "This statement applies to Pathway, the service your department uses for the social work "
            "career progression pathway and the Achieving Permanence programme."
        </p>
        <p class="govuk-body">
            "We want as many people as possible to be able to use Pathway. For example, you should be able to:"
        </p>
        <ul class="govuk-list govuk-list--bullet">
            <li>"zoom in up to 400% without the text spilling off the screen"</li>
            <li>"use every page on a screen 320 pixels wide without scrolling sideways"</li>
            <li>"navigate every page using just a keyboard"</li>
            <li>"use every page with JavaScript turned off"</li>
            <li>"listen to every page using a screen reader"</li>
        </ul>

        <h2 class="govuk-heading-m">"How accessible Pathway is"</h2>
        <p class="govuk-body">
            "Pathway is designed to meet the Web Content Accessibility Guidelines (WCAG) version 2.2 "
            "at AA level, using the GOV.UK Design System's components and patterns. It is partially "
            "compliant: some parts have not yet been tested in the ways listed below."
        </p>

        <h2 class="govuk-heading-m">"How we tested Pathway"</h2>
        <p class="govuk-body">"Every change to Pathway runs these checks before it is released:"</p>
        <ul class="govuk-list govuk-list--bullet">
            <li>
                "automated checks with axe-core in Chromium on My pathway, the CPD log, the evidence "
                "editor and the page for resolving conflicting changes, which must report no serious "
                "or critical problems"
            </li>
            <li>"every page is used with JavaScript turned off as well as on"</li>
            <li>"the header and menu are checked at 320 and 1024 pixels wide"</li>
            <li>"form errors are checked to appear beside their field and to link to it from the summary at the top of the page"</li>
        </ul>

        <h2 class="govuk-heading-m">"What we know is not yet accessible or not yet tested"</h2>
        <ul class="govuk-list govuk-list--bullet">
            <li>
                "Pathway has not yet been tested by disabled people, or by hand with screen readers "
                "such as NVDA, JAWS or VoiceOver."
            </li>
            <li>
                "The dashboards, the administration pages and the training list are not yet covered "
                "by the automated checks."
            </li>
            <li>
                "The offline app, which opens when your device has no connection, has been tested with "
                "a keyboard but not with a screen reader."
            </li>
        </ul>
        <p class="govuk-body">"We plan to close these gaps before Pathway is used beyond its first teams."</p>

        <h2 class="govuk-heading-m">"Reporting accessibility problems"</h2>
        <p class="govuk-body">
            "If you find a problem that is not listed here, or you need information in a different "
            "format, contact your Learning and Development team or your department's IT service desk. "
            "They will pass it to the team that runs Pathway."
        </p>

        <h2 class="govuk-heading-m">"Enforcement procedure"</h2>
        <p class="govuk-body">
            "The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public "
            "Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018. "
            "If you are not happy with how we respond to your complaint, contact the Equality Advisory "
            "and Support Service (EASS)."
        </p>

        <h2 class="govuk-heading-m">"Preparation of this statement"</h2>
        <p class="govuk-body">"This statement was prepared on 6 December 2026."</p>
    }
}
