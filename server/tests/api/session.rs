//! Signed-in test users: each its own HTTP client with its own cookie jar.

use crate::helpers::TestApp;
use crate::helpers::TEST_PASSWORD;
use pathway_store::seed::email_of;

pub struct User {
    pub client: reqwest::Client,
    address: String,
}

pub fn new_client() -> reqwest::Client {
    reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client")
}

impl User {
    /// A client with no session.
    pub fn anonymous(app: &TestApp) -> Self {
        Self {
            client: new_client(),
            address: app.address.clone(),
        }
    }

    /// A client whose requests reach Pathway through a proxy that names `client_ip` as the
    /// client (`X-Forwarded-For`), as every request does behind a TLS-terminating proxy.
    pub fn forwarded_for(app: &TestApp, client_ip: &str) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert("x-forwarded-for", client_ip.parse().expect("header value"));
        Self {
            client: reqwest::Client::builder()
                .cookie_store(true)
                .redirect(reqwest::redirect::Policy::none())
                .default_headers(headers)
                .build()
                .expect("http client"),
            address: app.address.clone(),
        }
    }

    /// Signs in a demo person by name ("Daniel Okafor") with the demo password.
    pub async fn demo(app: &TestApp, name: &str) -> Self {
        Self::sign_in(app, &email_of(name), TEST_PASSWORD).await
    }

    pub async fn sign_in(app: &TestApp, email: &str, password: &str) -> Self {
        let user = Self::anonymous(app);
        let response = user.try_sign_in(email, password).await;
        assert_eq!(response.status(), 200, "{email} signs in");
        user
    }

    /// Signs in someone whose role needs two-step sign-in and has not set it up: the password,
    /// then the set-up step with the first code from the app (at `now`).
    pub async fn sign_in_setting_up_two_step(
        app: &TestApp,
        email: &str,
        password: &str,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Self {
        let user = Self::anonymous(app);
        let next: String = user
            .try_sign_in(email, password)
            .await
            .json()
            .await
            .unwrap();
        assert!(next.starts_with("/sign-in/set-up"), "{next}");
        let set_up: pathway_core::identity::TwoStepSetup = user
            .call("auth/begin_pending_two_step", &[])
            .await
            .json()
            .await
            .expect("a set-up");
        let key = set_up.key.replace(' ', "");
        let code = pathway_store::auth::two_step::code_at(&key, now).unwrap();
        let finished = user.call("auth/finish_set_up", &[("code", &code)]).await;
        assert_eq!(finished.status(), 200, "{email} sets up two-step sign-in");
        user
    }

    /// A sign-in attempt, whatever its answer.
    pub async fn try_sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.call("auth/sign_in", &[("email", email), ("password", password)])
            .await
    }

    /// As an administrator: a new set-password link for `person_id`, and its token.
    pub async fn set_password_token(&self, person_id: &str) -> String {
        let link: String = self
            .call("admin/set_password_link", &[("person_id", person_id)])
            .await
            .json()
            .await
            .expect("a link");
        link.strip_prefix("/set-password#")
            .expect("link path")
            .to_string()
    }

    /// Sets a password through a set-password link's token, whatever the answer.
    pub async fn set_password(&self, token: &str, new_password: &str) -> reqwest::Response {
        self.call(
            "auth/set_password",
            &[("token", token), ("new_password", new_password)],
        )
        .await
    }

    /// Calls a server function as the hydrated app does: same-origin POST, JSON answer.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}/api/{endpoint}", self.address))
            .header("Origin", &self.address)
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Posts a form as a browser with JavaScript off does: same-origin, accepting HTML, with
    /// the page it was on as Referer (where a refused post is sent back with its error).
    pub async fn post_form<F: serde::Serialize + ?Sized>(
        &self,
        path: &str,
        referer: Option<&str>,
        form: &F,
    ) -> reqwest::Response {
        let mut request = self
            .client
            .post(format!("{}{path}", self.address))
            .header("Origin", &self.address)
            .header("Accept", "text/html,application/xhtml+xml");
        if let Some(referer) = referer {
            request = request.header("Referer", format!("{}{referer}", self.address));
        }
        request.form(form).send().await.expect("POST")
    }

    /// A page's HTML; `path` may be the absolute address a redirect gave.
    pub async fn html(&self, path: &str) -> String {
        let path = path.strip_prefix(&self.address).unwrap_or(path);
        self.get(path).await.text().await.expect("HTML")
    }

    /// Loads a page as a browser does (accepting HTML).
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .header("Accept", "text/html,application/xhtml+xml")
            .send()
            .await
            .expect("GET")
    }

    /// The signed-in person's id (via auth/me).
    pub async fn id(&self) -> String {
        let me: Option<pathway_core::identity::CurrentUser> =
            self.call("auth/me", &[]).await.json().await.unwrap();
        me.expect("signed in").person_id.to_string()
    }
}

/// A fresh app and a demo person signed in to it, with their id: most tests' first line.
pub async fn signed_in(backend: crate::helpers::Backend, name: &str) -> (TestApp, User, String) {
    let app = crate::helpers::spawn_app(backend).await;
    let user = User::demo(&app, name).await;
    let id = user.id().await;
    (app, user, id)
}

/// The id of a person by name.
pub async fn person_id(app: &TestApp, name: &str) -> String {
    let (id,): (String,) = sqlx::query_as("SELECT id FROM people WHERE full_name = $1")
        .bind(name)
        .fetch_one(app.db.pool())
        .await
        .expect("person exists");
    id
}

pub async fn count(app: &TestApp, sql: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql)
        .fetch_one(app.db.pool())
        .await
        .expect("count");
    n
}
