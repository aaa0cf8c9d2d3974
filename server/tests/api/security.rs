//! Cross-site requests and security headers.

use crate::helpers::{spawn_app, Backend};
use crate::session::User;

on_both_databases!(
    a_cross_site_post_to_a_server_function_is_refused,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let admin = User::demo(&app, "Alex Morgan").await;
        let jordan = crate::session::person_id(&app, "Jordan Ellis").await;
        // a page on another site posting the admin's cookies to Pathway
        let response = admin
            .client
            .post(app.url("/api/admin/deactivate"))
            .header("Origin", "https://evil.example")
            .form(&[("person_id", jordan.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
        let response = admin
            .client
            .post(app.url("/api/admin/deactivate"))
            .header("Sec-Fetch-Site", "cross-site")
            .form(&[("person_id", jordan.as_str())])
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 403);
        let (active,): (i64,) = sqlx::query_as("SELECT active FROM people WHERE id = $1")
            .bind(&jordan)
            .fetch_one(app.db.pool())
            .await
            .unwrap();
        assert_eq!(active, 1, "nothing changed");
        // the same call from the site itself works
        assert_eq!(admin.call("admin/people", &[]).await.status(), 200);
    }
);

on_both_databases!(
    every_response_carries_the_security_headers,
    |backend: Backend| async move {
        let app = spawn_app(backend).await;
        let anonymous = User::anonymous(&app);
        let responses = vec![
            ("page", anonymous.get("/").await),
            ("404", anonymous.get("/no-such-page").await),
            ("health", anonymous.get("/healthz").await),
            ("asset", anonymous.get("/robots.txt").await),
            ("server fn", anonymous.call("panels/upcoming", &[]).await),
            (
                "denied server fn",
                anonymous.call("admin/people", &[]).await,
            ),
            (
                "cross-site",
                anonymous
                    .client
                    .post(app.url("/api/auth/sign_out"))
                    .header("Origin", "http://evil.example")
                    .send()
                    .await
                    .unwrap(),
            ),
        ];
        for (what, response) in &responses {
            let headers = response.headers();
            let csp = headers
                .get("content-security-policy")
                .map(|v| v.to_str().unwrap())
                .unwrap_or_else(|| panic!("{what}: no CSP"));
            for part in [
                "default-src 'self'",
                "'wasm-unsafe-eval'",
                "object-src 'none'",
                "base-uri 'none'",
                "frame-ancestors 'none'",
            ] {
                assert!(csp.contains(part), "{what}: {part} in {csp}");
            }
            assert!(!csp.contains("unsafe-inline"), "{what}: {csp}");
            assert_eq!(headers["x-content-type-options"], "nosniff", "{what}");
            assert!(headers.contains_key("referrer-policy"), "{what}");
            assert!(headers.contains_key("permissions-policy"), "{what}");
            assert!(
                !headers.contains_key("strict-transport-security"),
                "{what}: no HSTS over plain HTTP"
            );
        }
    }
);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_carry_a_fresh_nonce_on_the_hydration_script_and_in_the_policy() {
    let app = spawn_app(Backend::Sqlite).await;
    let nonce_of = |csp: &str| {
        csp.split("'nonce-")
            .nth(1)
            .and_then(|rest| rest.split('\'').next())
            .expect("nonce in the policy")
            .to_string()
    };
    let first = app.get("/").await;
    let nonce = nonce_of(first.headers()["content-security-policy"].to_str().unwrap());
    let html = first.text().await.unwrap();
    assert!(
        html.contains(&format!("nonce=\"{nonce}\"")),
        "hydration script carries the nonce"
    );
    for script in html.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap_or_default();
        assert!(
            tag.contains("nonce=") || tag.contains("src="),
            "inline script without nonce: <script{tag}>"
        );
    }
    let second = app.get("/").await;
    let again = nonce_of(
        second.headers()["content-security-policy"]
            .to_str()
            .unwrap(),
    );
    assert_ne!(nonce, again, "a new nonce per response");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_tls_the_cookie_is_host_prefixed_and_hsts_is_sent() {
    // Arrange: an application told it is served over TLS (by a TLS-terminating proxy)
    let database = crate::helpers::TestDatabase::create(Backend::Sqlite).await;
    let url = database.url.clone();
    let settings = server::config::Settings::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "LEPTOS_SITE_ADDR" => Some("127.0.0.1:0".into()),
        "PATHWAY_TLS" => Some("on".into()),
        _ => None,
    })
    .unwrap();
    let application = server::startup::Application::build(settings).await.unwrap();
    let address = application.address();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(application.run_until(async move {
        let _ = stopped.await;
    }));
    let client = crate::session::new_client();
    // Act
    let response = client
        .post(format!("http://{address}/api/auth/sign_in"))
        .header("Origin", format!("https://{address}"))
        .form(&[
            (
                "email",
                pathway_store::seed::email_of("Jordan Ellis").as_str(),
            ),
            ("password", pathway_store::seed::DEMO_PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    // Assert
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
    let cookie = response.headers()["set-cookie"].to_str().unwrap();
    assert!(cookie.starts_with("__Host-pathway_session="), "{cookie}");
    assert!(
        cookie.contains("; Secure") && cookie.contains("Path=/"),
        "{cookie}"
    );
    // over TLS an http:// origin is another site
    let response = client
        .post(format!("http://{address}/api/auth/sign_out"))
        .header("Origin", format!("http://{address}"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    let _ = stop.send(());
    drop(database);
}
