//! Issue 17 item 12: signing in through the organisation's identity provider (OpenID Connect,
//! authorization code with PKCE), against a real provider (npm's `oidc-provider`, started per
//! test), beside passwords. Only a person an administrator linked signs in; the provider's
//! answer must come back to the browser that asked, and only once.

use crate::helpers::{spawn_app_with, Backend, Options, TestApp};
use crate::session::{person_id, User};
use pathway_core::identity::CurrentUser;

async fn app_with_provider(backend: Backend) -> TestApp {
    let options = Options {
        oidc: true,
        ..Options::default()
    };
    spawn_app_with(backend, options).await
}

/// The form's `action` on a provider's page.
fn form_action(html: &str) -> String {
    let start = html.find("action=\"").expect("a form") + "action=\"".len();
    let end = html[start..].find('"').expect("the action's end") + start;
    html[start..end]
        .replace("&#x2F;", "/")
        .replace("&amp;", "&")
}

/// Starts a sign-in through the provider as `user`'s browser and signs in there as
/// `subject`; answers Pathway's callback address the provider sent the browser to (not yet
/// visited).
async fn callback_address(app: &TestApp, user: &User, subject: &str, next: &str) -> String {
    let provider = &app.oidc.as_ref().expect("a provider").issuer;
    let mut url = app.url(&format!("/auth/oidc/start?next={next}"));
    let mut response = user.client.get(&url).send().await.expect("GET");
    for _ in 0..20 {
        if response.status().is_redirection() {
            let location = response.headers()["location"].to_str().unwrap().to_owned();
            url = if location.starts_with('/') {
                let origin = reqwest::Url::parse(&url).unwrap();
                format!("{}{location}", origin.origin().ascii_serialization())
            } else {
                location
            };
            if url.starts_with(&app.url("/auth/oidc/callback")) {
                return url;
            }
            response = user.client.get(&url).send().await.expect("GET");
            continue;
        }
        let html = response.text().await.unwrap();
        let action = form_action(&html);
        let action = if action.starts_with("http") {
            action
        } else {
            format!("{provider}{action}")
        };
        let form: Vec<(&str, &str)> = if html.contains("value=\"login\"") {
            vec![("prompt", "login"), ("login", subject), ("password", "any")]
        } else {
            vec![("prompt", "consent")]
        };
        response = user
            .client
            .post(&action)
            .form(&form)
            .send()
            .await
            .expect("POST");
        url = action;
    }
    panic!("the provider never sent the browser back");
}

async fn me(user: &User) -> Option<CurrentUser> {
    user.call("auth/me", &[]).await.json().await.unwrap()
}

async fn link(admin: &User, person: &str, subject: &str) -> reqwest::Response {
    admin
        .call(
            "admin/link_sign_in",
            &[("person_id", person), ("subject", subject)],
        )
        .await
}

on_both_databases!(
    a_linked_person_signs_in_through_the_identity_provider,
    |backend: Backend| async move {
        // Arrange: the administrator links Jordan to the provider's subject for them
        let app = app_with_provider(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        assert_eq!(link(&admin, &jordan, "council-4471").await.status(), 200);
        let linked: Option<String> = admin
            .call("admin/sign_in_link", &[("person_id", &jordan)])
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(linked.as_deref(), Some("council-4471"));
        let browser = User::anonymous(&app);
        let page = browser.html("/sign-in").await;
        assert!(page.contains("Sign in with Riverside Council"), "{page}");
        // Act
        let callback = callback_address(&app, &browser, "council-4471", "/portfolio").await;
        let answer = browser.client.get(&callback).send().await.unwrap();
        // Assert: signed in as Jordan, on the page asked for
        assert_eq!(answer.status(), 303);
        assert_eq!(answer.headers()["location"], "/portfolio");
        let signed_in = me(&browser).await.expect("signed in");
        assert_eq!(signed_in.person_id.to_string(), jordan);
        // the answer cannot be used twice
        let again = browser.client.get(&callback).send().await.unwrap();
        assert_eq!(again.headers()["location"], "/sign-in?oidc=failed");
    }
);

on_both_databases!(
    an_unlinked_subject_is_refused_with_a_reason_and_nobody_is_signed_in,
    |backend: Backend| async move {
        let app = app_with_provider(backend).await;
        let browser = User::anonymous(&app);
        let callback = callback_address(&app, &browser, "someone-else", "/").await;
        let answer = browser.client.get(&callback).send().await.unwrap();
        assert_eq!(answer.headers()["location"], "/sign-in?oidc=unlinked");
        assert!(me(&browser).await.is_none());
        let page = browser.html("/sign-in?oidc=unlinked").await;
        assert!(page.contains("not linked to anyone in Pathway"), "{page}");
        // a link that is removed stops working
        let admin = User::demo(&app, "Alex Morgan").await;
        let chloe = person_id(&app, "Chloe Brennan").await;
        assert_eq!(link(&admin, &chloe, "council-9001").await.status(), 200);
        let unlinked = admin
            .call("admin/unlink_sign_in", &[("person_id", &chloe)])
            .await;
        assert_eq!(unlinked.status(), 200);
        let later = User::anonymous(&app);
        let callback = callback_address(&app, &later, "council-9001", "/").await;
        let answer = later.client.get(&callback).send().await.unwrap();
        assert_eq!(answer.headers()["location"], "/sign-in?oidc=unlinked");
    }
);

on_both_databases!(
    the_providers_answer_signs_in_only_the_browser_that_asked,
    |backend: Backend| async move {
        // Arrange: a sign-in started in the victim's browser, its callback address captured
        // (as a link an attacker sends, to sign the victim into the attacker's account)
        let app = app_with_provider(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        link(&admin, &jordan, "council-4471").await;
        let asked = User::anonymous(&app);
        let callback = callback_address(&app, &asked, "council-4471", "/").await;
        // Act: another browser, without the sign-in's cookie, opens it
        let other = User::anonymous(&app);
        let answer = other.client.get(&callback).send().await.unwrap();
        // Assert
        assert_eq!(answer.headers()["location"], "/sign-in?oidc=failed");
        assert!(me(&other).await.is_none());
        // the browser that asked still can
        let mine = asked.client.get(&callback).send().await.unwrap();
        assert_eq!(mine.status(), 303);
        assert!(me(&asked).await.is_some());
    }
);

on_both_databases!(
    a_link_is_refused_when_empty_malformed_or_already_someone_elses,
    |backend: Backend| async move {
        let app = app_with_provider(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let jordan = person_id(&app, "Jordan Ellis").await;
        let ben = person_id(&app, "Ben Castillo").await;
        for subject in ["", "has spaces in it", &"x".repeat(256)] {
            let response = link(&admin, &jordan, subject).await;
            assert_eq!(response.status(), 422, "{subject:?}");
            assert!(response.text().await.unwrap().contains("subject"));
        }
        assert_eq!(link(&admin, &jordan, "council-4471").await.status(), 200);
        let taken = link(&admin, &ben, "council-4471").await;
        assert_eq!(taken.status(), 422);
        assert!(taken
            .text()
            .await
            .unwrap()
            .contains("already linked to someone else"));
    }
);

on_both_databases!(
    the_identity_provider_is_a_first_factor_two_step_sign_in_still_applies,
    |backend: Backend| async move {
        // Arrange: panel roles must use two-step sign-in; Priya chairs panels and is linked
        let options = Options {
            oidc: true,
            two_step_for_roles: true,
            ..Options::default()
        };
        let app = spawn_app_with(backend, options).await;
        let priya = person_id(&app, "Priya Natarajan").await;
        let issuer = app.oidc.as_ref().unwrap().issuer.clone();
        sqlx::query(
            "INSERT INTO oidc_links (issuer, subject, person_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&issuer)
        .bind("council-0007")
        .bind(&priya)
        .bind("2026-12-07T09:00:00Z")
        .execute(app.db.pool())
        .await
        .unwrap();
        // Act
        let browser = User::anonymous(&app);
        let callback = callback_address(&app, &browser, "council-0007", "/dashboard").await;
        let answer = browser.client.get(&callback).send().await.unwrap();
        // Assert: on to setting up two-step sign-in, not yet signed in
        let location = answer.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.starts_with("/sign-in/set-up?next="), "{location}");
        assert!(me(&browser).await.is_none());
    }
);
