//! `cargo xtask serve`: build in release mode and run Pathway in demo mode on the embedded
//! SQLite database (`data/pathway.db`, or `DATABASE_URL`): the fictional demo organisation is
//! loaded on first start, and every start prints a new random password for its accounts.

use crate::env::{self, command, run, Result};
use crate::tools::{self, Need};

pub fn run_serve() -> Result {
    tools::ensure_all(Need::Build)?;
    build_release()?;
    let addr = std::env::var("LEPTOS_SITE_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".into());
    tools::say(&format!(
        "starting Pathway on http://{addr}/ (Ctrl-C stops it)"
    ));
    let mut server = server_command(&addr);
    // plain http with demo data: for trying Pathway out, never for a deployment
    server.env("PATHWAY_MODE", "demo");
    if std::env::var_os("DATABASE_URL").is_none() {
        server.env("DATABASE_URL", "sqlite://data/pathway.db");
    }
    run(&mut server)
}

/// `cargo leptos build --release`: the WASM bundle (wasm-bindgen, wasm-opt), the stylesheet
/// and the server binary, with hashed asset names; then each of those files compressed once
/// (brotli 11, gzip 9) for the server to send as it is.
pub fn build_release() -> Result {
    tools::say("building Pathway in release mode");
    // --split: islands and functions marked lazy go into WASM chunks of their own, loaded
    // only where they are used (issue 13's budgets)
    run(command("cargo-leptos").args(["build", "--release", "--split"]))?;
    crate::sizes::precompress().map(|_| ())
}

/// The release server binary with the environment cargo-leptos would give it.
pub fn server_command(addr: &str) -> std::process::Command {
    let mut server = command(&env::server_binary().to_string_lossy());
    server
        .env("LEPTOS_ENV", "PROD")
        .env("LEPTOS_OUTPUT_NAME", "pathway")
        .env("LEPTOS_SITE_ROOT", env::site_root())
        .env("LEPTOS_SITE_PKG_DIR", "pkg")
        .env("LEPTOS_HASH_FILES", "true")
        .env("LEPTOS_SITE_ADDR", addr);
    server
}
