//! Builds the application from settings (database opened, migrated and seeded, port bound)
//! and runs it until SIGTERM or Ctrl-C, finishing requests already in flight.

use crate::config::{Mode, Settings};
use crate::routes;
use crate::state::AppState;
use axum::serve::ListenerExt;
use pathway_store::auth::SecuritySettings;
use pathway_store::db::Db;
use pathway_store::seed::{self, DemoAccount};
use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;

pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    router: axum::Router,
    db: Db,
    database: String,
    mode: Mode,
    /// Demo mode: the accounts to sign in as, this run's password, and whether the demo
    /// organisation was loaded now (rather than found from an earlier run).
    demo: Option<Demo>,
    /// Sends the outbox's email while serving, when a mail server is configured.
    mailer: Option<crate::mail::Sender>,
}

pub struct Demo {
    pub accounts: Vec<DemoAccount>,
    pub password: String,
    pub loaded_now: bool,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartupError(String);

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
        let database = settings.database_url.redacted();
        let db = open_database(&settings).await?;
        let demo = match settings.mode {
            Mode::Demo => Some(demo_organisation(&db, settings.demo_password).await?),
            Mode::Production | Mode::Local => None,
        };
        let mailer = match &settings.mail {
            Some(mail) => Some(crate::mail::Sender::new(mail).map_err(StartupError)?),
            None => {
                if settings.mode == Mode::Production {
                    tracing::warn!("no mail server configured (PATHWAY_SMTP_URL): notices' emails wait in the outbox, listed for administrators at /admin/email");
                }
                None
            }
        };
        let mut leptos_options = settings.leptos_options;
        let listener = TcpListener::bind(leptos_options.site_addr)
            .await
            .map_err(|e| {
                StartupError(format!(
                    "cannot listen on {} (LEPTOS_SITE_ADDR): {e}",
                    leptos_options.site_addr
                ))
            })?;
        let address = listener
            .local_addr()
            .map_err(|e| StartupError(format!("cannot read the listening address: {e}")))?;
        leptos_options.site_addr = address;
        let security = SecuritySettings {
            tls: settings.tls,
            two_step_for_roles: settings.two_step_for_roles,
            ..SecuritySettings::default()
        };
        let router = routes::router(AppState {
            db: db.clone(),
            leptos_options,
            security,
            proxies: settings.trusted_proxies,
            oidc: settings
                .oidc
                .map(|oidc| std::sync::Arc::new(crate::oidc::Provider::new(oidc))),
        });
        tracing::info!(%address, %database, "Pathway ready");
        Ok(Self {
            listener,
            address,
            router,
            db,
            database,
            mode: settings.mode,
            demo,
            mailer,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// Demo mode's accounts and this run's password (`None` outside demo mode).
    pub fn demo(&self) -> Option<&Demo> {
        self.demo.as_ref()
    }

    pub fn print_welcome(&self) {
        let scheme = match self.mode {
            Mode::Production => "production mode: serve it behind a proxy that terminates TLS",
            Mode::Local => "local mode: plain http, no demo data",
            Mode::Demo => "demo mode: plain http, fictional demo data",
        };
        println!(
            "Pathway is running at http://{}/ ({}; {scheme})",
            self.address, self.database
        );
        let Some(demo) = &self.demo else {
            return;
        };
        if demo.loaded_now {
            println!("Demo organisation loaded (fictional).");
        }
        println!("Sign in as any of:");
        for account in &demo.accounts {
            println!(
                "  {:<48} {:<22} {}",
                account.role, account.name, account.email
            );
        }
        println!(
            "This run's password for every demo account (a new one at each start): {}",
            demo.password
        );
    }

    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        self.run_until(shutdown_signal()).await
    }

    /// Serves until `stop` completes, then lets in-flight requests finish.
    pub async fn run_until(
        self,
        stop: impl Future<Output = ()> + Send + 'static,
    ) -> std::io::Result<()> {
        // Without TCP_NODELAY, streamed SSR over keep-alive stalls ~40 ms per response
        // (Nagle's algorithm meeting delayed ACKs).
        let listener = self.listener.tap_io(|tcp| {
            if let Err(error) = tcp.set_nodelay(true) {
                tracing::warn!(%error, "cannot set TCP_NODELAY");
            }
        });
        // Connect info gives sign-in throttling and the audit log the caller's address.
        let service = self
            .router
            .into_make_service_with_connect_info::<SocketAddr>();
        // the outbox's sender runs beside the requests, on every instance (the outbox's
        // leases keep them from sending one email twice), and stops with them
        let (stop_mail, mail_stopped) = tokio::sync::watch::channel(false);
        let sending = self
            .mailer
            .map(|mailer| tokio::spawn(mailer.run(self.db.clone(), mail_stopped)));
        axum::serve(listener, service)
            .with_graceful_shutdown(stop)
            .await?;
        let _ = stop_mail.send(true);
        if let Some(sending) = sending {
            let _ = sending.await;
        }
        self.db.close().await;
        tracing::info!("Pathway stopped");
        Ok(())
    }
}

/// Opens the database, brings its schema up to date and stores the requirement catalogue:
/// what serving and the command-line commands both need first.
pub async fn open_database(settings: &Settings) -> Result<Db, StartupError> {
    let database = settings.database_url.redacted();
    let db = Db::connect(&settings.database_url)
        .await
        .map_err(|e| StartupError(format!("cannot open the database ({database}): {e}")))?
        .with_clock(settings.clock.clone());
    db.migrate()
        .await
        .map_err(|e| StartupError(format!("cannot migrate the database ({database}): {e}")))?;
    pathway_store::db::catalogues::ensure_seeded(&db)
        .await
        .map_err(|e| StartupError(format!("cannot store the requirement catalogue: {e}")))?;
    Ok(db)
}

/// Demo mode: loads the demo organisation into an empty database, and gives the demo
/// accounts this run's password (a new random one unless the harness set one).
async fn demo_organisation(db: &Db, password: Option<String>) -> Result<Demo, StartupError> {
    let password = password.unwrap_or_else(seed::random_demo_password);
    let failed = |e: sqlx::Error| StartupError(format!("cannot load the demo data: {e}"));
    let loaded = seed::seed_if_empty(db, db.clock().today(), &password)
        .await
        .map_err(failed)?;
    if loaded.is_empty() {
        seed::reset_demo_passwords(db, &password)
            .await
            .map_err(failed)?;
    }
    Ok(Demo {
        accounts: seed::demo_accounts(),
        password,
        loaded_now: !loaded.is_empty(),
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
