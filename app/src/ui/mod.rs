//! The Leptos user interface: the HTML shell, the router and the pages.

pub mod components;
#[cfg(feature = "hydrate")]
pub mod dom;
pub mod govuk;
mod layout;
mod pages;
pub mod response;
pub mod session;

use layout::{Footer, Header, PhaseBanner, SkipLink};
use leptos::prelude::*;
use leptos_meta::{provide_meta_context, HashedStylesheet, Link, Meta, MetaTags, Title};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{ParamSegment, SsrMode, StaticSegment};

/// The document around every page, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    view! {
        <!DOCTYPE html>
        <html lang="en-GB" class="govuk-template">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover"/>
                <AutoReload options=options.clone()/>
                <HashedStylesheet options=options.clone() id="leptos"/>
                <HydrationScripts options islands=true/>
                <MetaTags/>
            </head>
            <body class="govuk-template__body">
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    session::provide_user();
    view! {
        <Title formatter=|title: String| if title.is_empty() { "Pathway".to_string() } else { format!("{title} – Pathway") }/>
        <Meta name="theme-color" content="#1d70b8"/>
        <Meta name="description" content="Career progression and Achieving Permanence learning for children's social care"/>
        <Link rel="manifest" href="/manifest.webmanifest"/>
        <Link rel="icon" href="/favicon.png" type_="image/png"/>
        <Link rel="apple-touch-icon" href="/icons/pathway-192.png"/>
        <Router>
            <SkipLink/>
            <Header/>
            <div class="govuk-width-container">
                <PhaseBanner/>
                <components::sync_status::SignOutPending/>
                <main class="govuk-main-wrapper app-main" id="main-content" role="main">
                    <components::update_prompt::UpdatePrompt/>
                    // Async SSR: the first HTML already holds the data, so pages work with
                    // JavaScript off (a streamed "Loading…" would never be replaced).
                    <Routes fallback=pages::NotFound>
                        <Route path=StaticSegment("") view=pages::Home ssr=SsrMode::Async/>
                        <Route path=StaticSegment("sign-in") view=pages::SignIn ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("sign-in"), StaticSegment("code")) view=pages::SignInCode ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("sign-in"), StaticSegment("set-up")) view=pages::SignInSetUp ssr=SsrMode::Async/>
                        <Route path=StaticSegment("sign-out") view=pages::SignOutPage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("set-password") view=pages::SetPassword ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("account"), StaticSegment("password")) view=pages::ChangePassword ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("account"), StaticSegment("two-step")) view=pages::TwoStepPage ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("account"), StaticSegment("sessions")) view=pages::SessionsPage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("dashboard") view=pages::Dashboards ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("dashboard"), ParamSegment("kind")) view=pages::RoleDashboard ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("admin"), StaticSegment("people")) view=pages::AdminPeople ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("admin"), StaticSegment("audit")) view=pages::AdminAudit ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("admin"), StaticSegment("email")) view=pages::AdminUnsentMail ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("admin"), StaticSegment("person")) view=pages::AdminPerson ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("admin"), StaticSegment("teams")) view=pages::AdminTeams ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("admin"), StaticSegment("import")) view=pages::AdminImport ssr=SsrMode::Async/>
                        <Route path=StaticSegment("portfolio") view=pages::MyPathway ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("portfolio"), StaticSegment("evidence")) view=pages::EvidencePage ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("portfolio"), StaticSegment("edit")) view=pages::EvidenceEditor ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("portfolio"), StaticSegment("cpd")) view=pages::CpdLogPage ssr=SsrMode::Async/>
                        <Route path=(StaticSegment("portfolio"), StaticSegment("conflicts")) view=pages::ConflictsPage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("decisions") view=pages::DecisionsPage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("notices") view=pages::NoticesPage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("catalogue") view=pages::CataloguePage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("training") view=pages::TrainingListPage ssr=SsrMode::Async/>
                        <Route path=StaticSegment("accessibility") view=pages::AccessibilityStatement/>
                        <Route path=StaticSegment("privacy") view=pages::PrivacyNotice/>
                    </Routes>
                </main>
            </div>
            <Footer/>
            <components::hydration_mark::HydrationMark/>
        </Router>
    }
}
