//! Builds the application from settings (database opened, migrated and seeded, port bound)
//! and runs it until SIGTERM or Ctrl-C, finishing requests already in flight.

use crate::config::Settings;
use crate::routes;
use crate::state::AppState;
use axum::serve::ListenerExt;
use pathway_store::auth::SecuritySettings;
use pathway_store::db::Db;
use pathway_store::seed::{seed_if_empty, DemoAccount, DEMO_PASSWORD};
use std::future::Future;
use std::net::SocketAddr;
use tokio::net::TcpListener;

pub struct Application {
    listener: TcpListener,
    address: SocketAddr,
    router: axum::Router,
    db: Db,
    database: String,
    seeded: Vec<DemoAccount>,
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct StartupError(String);

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, StartupError> {
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
        let seeded = if settings.seed_demo {
            let today = db.clock().today();
            seed_if_empty(&db, today)
                .await
                .map_err(|e| StartupError(format!("cannot load the demo data: {e}")))?
        } else {
            Vec::new()
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
            ..SecuritySettings::default()
        };
        let router = routes::router(AppState {
            db: db.clone(),
            leptos_options,
            security,
        });
        tracing::info!(%address, %database, "Pathway ready");
        Ok(Self {
            listener,
            address,
            router,
            db,
            database,
            seeded,
        })
    }

    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn db(&self) -> Db {
        self.db.clone()
    }

    /// Demo accounts created by this start (empty when the database already had people).
    pub fn seeded_accounts(&self) -> &[DemoAccount] {
        &self.seeded
    }

    pub fn print_welcome(&self) {
        println!(
            "Pathway is running at http://{}/ ({})",
            self.address, self.database
        );
        if self.seeded.is_empty() {
            println!("The database already held people, so no demo data was added.");
            return;
        }
        println!("Demo organisation loaded (fictional). Sign in as any of:");
        for account in &self.seeded {
            println!(
                "  {:<48} {:<22} {}",
                account.role, account.name, account.email
            );
        }
        println!("Every demo account's password is: {DEMO_PASSWORD}");
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
        axum::serve(listener, service)
            .with_graceful_shutdown(stop)
            .await?;
        self.db.close().await;
        tracing::info!("Pathway stopped");
        Ok(())
    }
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
