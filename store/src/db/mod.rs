//! The database: one handle over SQLite (the embedded default) or PostgreSQL (several
//! server instances). Queries use `$n` binds and SQL both engines accept; where the SQL
//! must differ it stays inside this module. The migrations in `migrations/` are written in
//! the SQL both engines share (TEXT ids and ISO 8601 timestamps, BIGINT numbers), so one
//! folder serves both; a migration that must differ would go in per-dialect folders.

pub mod batch;
pub mod catalogues;
pub mod panels;
pub mod training;
mod url;

pub use url::{DatabaseUrl, DEFAULT_DATABASE_URL};

use crate::clock::Clock;
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::{MigrateDatabase, Migrator};
use sqlx::{Any, AnyPool, Connection, Executor, Transaction};
use std::str::FromStr;
use std::time::Duration;

static MIGRATIONS: Migrator = sqlx::migrate!("../migrations");

/// How long an SQLite writer waits for another writer before giving up.
const SQLITE_BUSY_TIMEOUT_MS: u32 = 5_000;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone, Debug)]
pub struct Db {
    pool: AnyPool,
    backend: Backend,
    /// The server's one clock travels with the database handle, which every request and
    /// store function already holds (see `server::clock`).
    clock: Clock,
}

impl Db {
    /// Opens (and for SQLite creates) the database. Does not migrate.
    pub async fn connect(url: &DatabaseUrl) -> Result<Self, sqlx::Error> {
        sqlx::any::install_default_drivers();
        let backend = match url {
            DatabaseUrl::Postgres(raw) => {
                // Like the SQLite file, a missing PostgreSQL database is created on first start
                // (when the role may; otherwise connecting reports why).
                if !Any::database_exists(raw).await.unwrap_or(true) {
                    Any::create_database(raw).await?;
                }
                Backend::Postgres
            }
            DatabaseUrl::SqliteFile(path) => {
                if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
                    std::fs::create_dir_all(parent)?;
                }
                Backend::Sqlite
            }
            DatabaseUrl::SqliteMemory => Backend::Sqlite,
        };
        let options = AnyConnectOptions::from_str(&url.connect_string())?;
        let max_connections = match url {
            // every connection to :memory: would be a new, empty database
            DatabaseUrl::SqliteMemory => 1,
            _ => 8,
        };
        let pool = AnyPoolOptions::new()
            .max_connections(max_connections)
            .acquire_timeout(Duration::from_secs(10))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // Set explicitly rather than trusting driver defaults: WAL lets readers
                        // run beside a writer, foreign keys keep records whole, and the busy
                        // timeout turns a concurrent write into a short wait, not an error.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute(
                            format!("PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}").as_str(),
                        )
                        .await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(options)
            .await?;
        Ok(Self {
            pool,
            backend,
            clock: Clock::system(),
        })
    }

    /// Brings the schema up to date; safe to run at every start and from several instances.
    pub async fn migrate(&self) -> Result<(), sqlx::migrate::MigrateError> {
        MIGRATIONS.run(&self.pool).await
    }

    /// The same database read through another clock (tests fix the time this way).
    pub fn with_clock(self, clock: Clock) -> Self {
        Self { clock, ..self }
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// Every write is one transaction: begin, do all of it, commit.
    pub async fn begin(&self) -> Result<Transaction<'static, Any>, sqlx::Error> {
        self.pool.begin().await
    }

    /// True when a connection can be had and answers a query.
    pub async fn is_reachable(&self) -> bool {
        match tokio::time::timeout(Duration::from_secs(2), self.pool.acquire()).await {
            Ok(Ok(mut conn)) => conn.ping().await.is_ok(),
            _ => false,
        }
    }

    pub async fn close(&self) {
        self.pool.close().await;
    }
}

/// An SQLite or PostgreSQL setting read back, for tests that prove the pragmas are set.
pub async fn sqlite_pragma(db: &Db, name: &str) -> Result<String, sqlx::Error> {
    use sqlx::Row;
    let row = sqlx::query(&format!("PRAGMA {name}"))
        .fetch_one(db.pool())
        .await?;
    // pragmas answer either a number or a word
    row.try_get::<String, _>(0)
        .or_else(|_| row.try_get::<i64, _>(0).map(|n| n.to_string()))
}
