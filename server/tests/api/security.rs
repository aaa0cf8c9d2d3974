//! Cross-site requests and security headers.

use crate::helpers::{spawn_app, Backend, TEST_PASSWORD};
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

/// The nonce in a page's Content-Security-Policy header, and every inline script's nonce
/// in its HTML: they must be one value, or the browser blocks hydration and the page never
/// becomes interactive (seen intermittently before the nonce moved to the middleware).
fn nonces(response_csp: &str, html: &str) -> (String, Vec<String>) {
    let header = response_csp
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("a page's policy carries a nonce")
        .to_string();
    let mut inline = Vec::new();
    for script in html.split("<script").skip(1) {
        let tag = script.split('>').next().unwrap_or_default();
        if tag.contains("src=") {
            continue;
        }
        let nonce = tag
            .split("nonce=\"")
            .nth(1)
            .and_then(|rest| rest.split('"').next())
            .unwrap_or_else(|| panic!("inline script without nonce: <script{tag}>"));
        inline.push(nonce.to_string());
    }
    (header, inline)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_page_load_carries_one_fresh_nonce_in_its_policy_and_on_its_scripts() {
    let app = spawn_app(Backend::Sqlite).await;
    let anonymous = User::anonymous(&app);
    let worker = User::demo(&app, "Ben Castillo").await;
    let manager = User::demo(&app, "Daniel Okafor").await;
    let pages = [
        (&anonymous, "/"),
        (&anonymous, "/sign-in"),
        (&anonymous, "/no-such-page"),
        (&worker, "/"),
        (&worker, "/portfolio"),
        (&worker, "/portfolio/edit"),
        (&manager, "/dashboard"),
    ];
    let mut seen = std::collections::HashSet::new();
    // many loads, concurrently: the defect this guards against came and went with timing
    for round in 0..8 {
        let mut loads = tokio::task::JoinSet::new();
        for (user, path) in pages {
            let (client, url) = (user.client.clone(), app.url(path));
            loads.spawn(async move {
                let response = client
                    .get(url)
                    .header("Accept", "text/html")
                    .send()
                    .await
                    .expect("GET");
                let csp = response.headers()["content-security-policy"]
                    .to_str()
                    .unwrap()
                    .to_string();
                (path, csp, response.text().await.unwrap())
            });
        }
        for (path, csp, html) in loads.join_all().await {
            let (header, inline) = nonces(&csp, &html);
            assert!(!inline.is_empty(), "{path}: the hydration script is inline");
            for nonce in inline {
                assert_eq!(
                    nonce, header,
                    "round {round}, {path}: script and header agree"
                );
            }
            assert!(seen.insert(header), "{path}: a new nonce per response");
        }
    }
    // what is not a page gets no nonce at all: nothing else may run inline
    let health = app.get("/healthz").await;
    assert!(!health.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("nonce"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn over_tls_the_cookie_is_host_prefixed_and_hsts_is_sent() {
    // Arrange: an application in production mode, the default: served over TLS (by a
    // TLS-terminating proxy); no demo data, so one organisation is loaded by hand
    let database = crate::helpers::TestDatabase::create(Backend::Sqlite).await;
    let url = database.url.clone();
    let settings = server::config::Settings::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "LEPTOS_SITE_ADDR" => Some("127.0.0.1:0".into()),
        _ => None,
    })
    .unwrap();
    let application = server::startup::Application::build(settings).await.unwrap();
    let db = application.db();
    pathway_store::seed::seed_if_empty(&db, db.clock().today(), TEST_PASSWORD)
        .await
        .unwrap();
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
            ("password", TEST_PASSWORD),
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
