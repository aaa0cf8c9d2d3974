use pathway_store::clock::Clock;
use pathway_store::db::{DatabaseUrl, Db};
use server::config::Settings;
use server::startup::Application;
use std::path::PathBuf;

/// The demo accounts' password in these tests (demo mode takes it from
/// `PATHWAY_DEMO_PASSWORD`; without it each start makes a random one).
pub const TEST_PASSWORD: &str = "a-test-run-demo-password";

/// The sender's address and the address in emails' links, where a test configures mail.
pub const MAIL_FROM: &str = "Pathway <pathway@council.example>";
pub const PUBLIC_URL: &str = "https://pathway.test";

#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A running Pathway on 127.0.0.1:<random port> with its own empty or seeded database.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub db: Db,
    pub seeded: usize,
    /// Demo mode: this run's password for the demo accounts.
    pub demo_password: Option<String>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _database: TestDatabase,
    /// The OpenID provider this app signs in through (`Options::oidc`).
    pub oidc: Option<crate::oidc_provider::OidcProvider>,
}

pub struct Options {
    /// Demo mode (the demo organisation); otherwise local mode (plain http, no people).
    pub seed_demo: bool,
    /// Demo mode with no password given: each start makes a random one.
    pub random_password: bool,
    /// Production mode, the default a deployment gets: TLS settings on, no demo data.
    pub production: bool,
    /// A fixed clock the test can move (`Clock::fixed`); the system clock when `None`.
    pub clock: Option<Clock>,
    /// `PATHWAY_TRUSTED_PROXIES`, as a deployment behind a proxy sets it.
    pub trusted_proxies: Option<&'static str>,
    /// Administrators and panel roles must use two-step sign-in even in demo mode (it is
    /// on everywhere else).
    pub two_step_for_roles: bool,
    /// A real OpenID provider, started for this app and configured as its identity provider.
    pub oidc: bool,
    /// A mail server (`PATHWAY_SMTP_URL`) the app's background sender delivers to, looking
    /// at the outbox every second.
    pub mail: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            seed_demo: true,
            random_password: false,
            production: false,
            clock: None,
            trusted_proxies: None,
            two_step_for_roles: false,
            oidc: false,
            mail: None,
        }
    }
}

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, Options::default()).await
}

pub async fn spawn_app_with(backend: Backend, options: Options) -> TestApp {
    let database = TestDatabase::create(backend).await;
    spawn_on(database, options).await
}

/// Starts an application on an existing test database (e.g. a second start).
pub async fn spawn_on(database: TestDatabase, options: Options) -> TestApp {
    let url = database.url.clone();
    // with a provider, this app's address must be known before it starts: the provider
    // accepts only the callback it was given
    let site = if options.oidc {
        format!("127.0.0.1:{}", crate::oidc_provider::free_port())
    } else {
        "127.0.0.1:0".to_owned()
    };
    let oidc = options.oidc.then(|| {
        crate::oidc_provider::OidcProvider::start(&format!("http://{site}/auth/oidc/callback"))
    });
    let issuer = oidc.as_ref().map(|provider| provider.issuer.clone());
    let mut settings = Settings::from_lookup(|name| match name {
        "DATABASE_URL" => Some(url.clone()),
        "LEPTOS_SITE_ADDR" => Some(site.clone()),
        "PATHWAY_OIDC_ISSUER" => issuer.clone(),
        "PATHWAY_OIDC_CLIENT_ID" => issuer
            .as_ref()
            .map(|_| crate::oidc_provider::CLIENT_ID.into()),
        "PATHWAY_OIDC_CLIENT_SECRET" => issuer
            .as_ref()
            .map(|_| crate::oidc_provider::CLIENT_SECRET.into()),
        "PATHWAY_OIDC_REDIRECT_URL" => issuer
            .as_ref()
            .map(|_| format!("http://{site}/auth/oidc/callback")),
        "PATHWAY_OIDC_NAME" => issuer.as_ref().map(|_| "Riverside Council".into()),
        // demo mode loads the demo organisation; local mode is plain http with none
        "PATHWAY_MODE" => Some(
            match (options.production, options.seed_demo) {
                (true, _) => "production",
                (false, true) => "demo",
                (false, false) => "local",
            }
            .into(),
        ),
        "PATHWAY_DEMO_PASSWORD" => {
            (options.seed_demo && !options.production && !options.random_password)
                .then(|| TEST_PASSWORD.into())
        }
        "PATHWAY_TRUSTED_PROXIES" => options.trusted_proxies.map(str::to_string),
        "PATHWAY_SMTP_URL" => options.mail.clone(),
        "PATHWAY_MAIL_FROM" => options.mail.as_ref().map(|_| MAIL_FROM.into()),
        "PATHWAY_PUBLIC_URL" => options.mail.as_ref().map(|_| PUBLIC_URL.into()),
        "PATHWAY_MAIL_POLL_SECONDS" => options.mail.as_ref().map(|_| "1".into()),
        _ => None,
    })
    .expect("test settings");
    if let Some(clock) = options.clock {
        settings.clock = clock;
    }
    settings.two_step_for_roles |= options.two_step_for_roles;
    let application = Application::build(settings)
        .await
        .expect("application starts");
    let address = format!("http://{}", application.address());
    let db = application.db();
    let seeded = application
        .demo()
        .filter(|demo| demo.loaded_now)
        .map_or(0, |demo| demo.accounts.len());
    let demo_password = application.demo().map(|demo| demo.password.clone());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    tokio::spawn(application.run_until(async move {
        let _ = stopped.await;
    }));
    let client = reqwest::Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("http client");
    TestApp {
        address,
        client,
        db,
        seeded,
        demo_password,
        stop: Some(stop),
        _database: database,
        oidc,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("GET")
    }

    /// Calls a server function as the browser does: a same-origin form-encoded POST.
    pub async fn call(&self, endpoint: &str, form: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("Origin", &self.address)
            .form(form)
            .send()
            .await
            .expect("POST")
    }

    /// Stops serving and hands back the database, for a second start on the same data.
    pub async fn stop(mut self) -> TestDatabase {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.db.close().await;
        let placeholder = TestDatabase {
            url: String::new(),
            cleanup: Cleanup::None,
        };
        std::mem::replace(&mut self._database, placeholder)
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// A database of the test's own, removed when dropped.
pub struct TestDatabase {
    pub url: String,
    cleanup: Cleanup,
}

enum Cleanup {
    None,
    SqliteFile(PathBuf),
    PostgresDatabase { admin_url: String, name: String },
}

impl TestDatabase {
    pub async fn create(backend: Backend) -> Self {
        let id = uuid::Uuid::now_v7().simple().to_string();
        match backend {
            Backend::Sqlite => {
                let path = std::env::temp_dir().join(format!("pathway-test-{id}.db"));
                Self {
                    url: format!("sqlite://{}", path.display()),
                    cleanup: Cleanup::SqliteFile(path),
                }
            }
            Backend::Postgres => {
                let admin_url = std::env::var("PATHWAY_TEST_POSTGRES_URL").expect(
                    "PostgreSQL tests need PATHWAY_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres); \
                     `cargo xtask test` sets it when a server answers and otherwise reports these tests as skipped",
                );
                let name = format!("pathway_test_{id}");
                let admin = Db::connect(&DatabaseUrl::parse(&admin_url).expect("admin url"))
                    .await
                    .expect("connect to PostgreSQL");
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(admin.pool())
                    .await
                    .expect("create test database");
                admin.close().await;
                let base = admin_url
                    .rsplit_once('/')
                    .map(|(base, _)| base)
                    .unwrap_or(&admin_url);
                Self {
                    url: format!("{base}/{name}"),
                    cleanup: Cleanup::PostgresDatabase { admin_url, name },
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        match std::mem::replace(&mut self.cleanup, Cleanup::None) {
            Cleanup::None => {}
            Cleanup::SqliteFile(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::PostgresDatabase { admin_url, name } => {
                // Drop runs inside the test's runtime: use a thread with a runtime of its own.
                let _ = std::thread::spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    runtime.block_on(async {
                        let admin = Db::connect(&DatabaseUrl::parse(&admin_url).ok()?)
                            .await
                            .ok()?;
                        let _ =
                            sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                                .execute(admin.pool())
                                .await;
                        admin.close().await;
                        Some(())
                    })
                })
                .join();
            }
        }
    }
}

/// Runs the same story on SQLite and on PostgreSQL: `on_both_databases!(name, |backend| async move { … })`.
macro_rules! on_both_databases {
    ($name:ident, $story:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                ($story)($crate::helpers::Backend::Sqlite).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                ($story)($crate::helpers::Backend::Postgres).await;
            }
        }
    };
}
