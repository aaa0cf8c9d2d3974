//! The sign-in journey as a browser with JavaScript off makes it: plain form posts,
//! redirects, the error summary, protected pages sending visitors to sign in and back.

use crate::helpers::TEST_PASSWORD;
use crate::helpers::{spawn_app, Backend};
use crate::session::User;
use pathway_store::seed::email_of;

on_both_databases!(
    a_protected_page_sends_visitors_to_sign_in_and_back,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let browser = User::anonymous(&app);
        // Act: an anonymous visit to the audit log
        let response = browser.get("/admin/audit?action=sign_in").await;
        // Assert
        assert_eq!(response.status(), 302);
        let location = response.headers()["location"].to_str().unwrap().to_string();
        assert_eq!(location, "/sign-in?next=/admin/audit%3Faction%3Dsign_in");
        let html = browser.get(&location).await.text().await.unwrap();
        assert!(html.contains("Sign in to Pathway"), "{html}");
        assert!(
            html.contains("value=\"/admin/audit?action=sign_in\""),
            "next carried in the form"
        );

        // a wrong password comes back to the form with the error summary
        let response = browser
            .post_form(
                "/api/auth/sign_in",
                Some(location.as_str()),
                &[
                    ("email", email_of("Alex Morgan").as_str()),
                    ("password", "not it at all"),
                    ("next", "/admin/audit?action=sign_in"),
                ],
            )
            .await;
        assert_eq!(response.status(), 302);
        let back = response.headers()["location"].to_str().unwrap().to_string();
        assert!(back.contains("__err="), "{back}");
        let back = back.trim_start_matches(&app.address).to_string();
        let html = browser.get(&back).await.text().await.unwrap();
        assert!(html.contains("There is a problem"), "{html}");
        assert!(
            html.contains("Enter a correct email address and password"),
            "{html}"
        );

        // the right password goes on to the page asked for
        let response = browser
            .post_form(
                "/api/auth/sign_in",
                Some(location.as_str()),
                &[
                    ("email", email_of("Alex Morgan").as_str()),
                    ("password", TEST_PASSWORD),
                    ("next", "/admin/audit?action=sign_in"),
                ],
            )
            .await;
        assert_eq!(response.status(), 302);
        assert_eq!(
            response.headers()["location"],
            "/admin/audit?action=sign_in"
        );
        let response = browser.get("/admin/audit?action=sign_in").await;
        assert_eq!(response.status(), 200);
        let html = response.text().await.unwrap();
        assert!(html.contains("id=\"audit-log\""), "{html}");
        assert!(html.contains("Alex Morgan"));

        // signing out from the header form
        let response = browser
            .post_form("/api/auth/sign_out", Some("/admin/audit"), &[("next", "")])
            .await;
        assert_eq!(response.status(), 302);
        assert_eq!(response.headers()["location"], "/sign-in?signed_out=1");
        assert_eq!(browser.get("/admin/audit").await.status(), 302);
    }
);

on_both_databases!(
    the_header_shows_the_navigation_for_the_roles_held,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let priya = User::demo(&app, "Priya Natarajan").await;
        let html = priya
            .get("/dashboard/service-manager")
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Service manager dashboard"), "{html}");
        assert!(
            html.contains("href=\"/dashboard/panel\""),
            "switch to the panel chair dashboard"
        );
        assert!(
            !html.contains("href=\"/admin/people\""),
            "no administration link"
        );
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let html = jordan
            .get("/dashboard/practitioner")
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains("Practitioner dashboard"));
        assert!(!html.contains("href=\"/dashboard/panel\""));
        // a practitioner opening the administration page is refused, not redirected, and
        // the answer says so with its status (issue 17 item 10)
        let response = jordan.get("/admin/people").await;
        assert_eq!(response.status(), 403);
        let html = response.text().await.unwrap();
        assert!(
            html.contains("You do not have access to this page"),
            "{html}"
        );
        assert!(
            !html.contains("jordan.ellis@pathway.example</span>"),
            "no people listed"
        );
    }
);

on_both_databases!(
    a_next_with_tabs_or_newlines_never_leaves_the_site,
    |backend: Backend| async move {
        // Issue 17 item 3: `next=/%09/evil.example` passed the old check (browsers drop the
        // tab and go to //evil.example), and a newline panicked inside the redirect
        let app = spawn_app(backend).await;
        for next in [
            "/\t/evil.example",
            "/\n/evil.example",
            "/portfolio\r\nSet-Cookie: x=1",
        ] {
            let browser = User::anonymous(&app);
            let response = browser
                .post_form(
                    "/api/auth/sign_in",
                    Some("/sign-in"),
                    &[
                        ("email", email_of("Alex Morgan").as_str()),
                        ("password", TEST_PASSWORD),
                        ("next", next),
                    ],
                )
                .await;
            assert_eq!(response.status(), 302, "{next:?}");
            let location = response.headers()["location"].to_str().unwrap().to_owned();
            assert!(
                location.starts_with('/') && !location.starts_with("//"),
                "{location}"
            );
            assert!(!location.contains("evil.example"), "{location}");
            assert!(response
                .headers()
                .get("set-cookie")
                .is_some_and(|c| !c.to_str().unwrap_or("").contains("x=1")));
        }
        assert_eq!(app.get("/healthz").await.status(), 200);
    }
);

on_both_databases!(
    an_error_in_a_link_from_elsewhere_is_not_shown,
    |backend: Backend| async move {
        // Issue 17 item 10: a page shows the error in its address only when Pathway put it
        // there for this browser
        let app = spawn_app(backend).await;
        let refused = User::anonymous(&app);
        let response = refused
            .post_form(
                "/api/auth/sign_in",
                Some("/sign-in"),
                &[
                    ("email", email_of("Alex Morgan").as_str()),
                    ("password", "not it at all"),
                ],
            )
            .await;
        assert_eq!(response.status(), 302);
        let back = response.headers()["location"].to_str().unwrap().to_string();
        let back = back.trim_start_matches(&app.address).to_string();
        assert!(back.contains("__err="), "{back}");
        let shown = "Enter a correct email address and password";
        // the browser that was refused sees why
        let html = refused.html(&back).await;
        assert!(
            html.contains(shown) && html.contains("id=\"error-summary\""),
            "{html}"
        );
        // the same address opened from a link, in another browser, shows no error
        let elsewhere = User::anonymous(&app).html(&back).await;
        assert!(elsewhere.contains("Sign in to Pathway"), "{elsewhere}");
        assert!(!elsewhere.contains(shown), "{elsewhere}");
        assert!(!elsewhere.contains("id=\"error-summary\""), "{elsewhere}");
    }
);

on_both_databases!(
    a_record_the_caller_may_not_see_answers_403_and_none_404,
    |backend: Backend| async move {
        // Issue 17 item 10: the page's status is the refusal's, not 200
        let app = spawn_app(backend).await;
        let jordan = User::demo(&app, "Jordan Ellis").await;
        let ben = crate::session::person_id(&app, "Ben Castillo").await;
        let response = jordan.get(&format!("/portfolio?person={ben}")).await;
        assert_eq!(response.status(), 403);
        assert!(response
            .text()
            .await
            .unwrap()
            .contains("You do not have permission to do that."));
        let response = jordan.get("/portfolio").await;
        assert_eq!(response.status(), 200);
        // signed out: sent to sign in
        let response = User::anonymous(&app).get("/portfolio").await;
        assert_eq!(response.status(), 302);
    }
);
