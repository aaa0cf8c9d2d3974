//! `cargo xtask test`: every check the project has, in the order that fails fastest.
//! `app` is never built with both `ssr` and `hydrate` (that is what `cargo test --workspace`
//! would do, and the SSR tests then panic), so each package and feature set runs on its own.

use crate::env::{command, run, Result};
use crate::steps::Steps;
use crate::tools::{self, Need};
use crate::{e2e, serve};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

/// CI's PostgreSQL (user postgres, trust auth). Tests create and drop their own databases.
const POSTGRES_ADDR: &str = "127.0.0.1:5432";
const POSTGRES_URL: &str = "postgres://postgres@127.0.0.1:5432/postgres";

pub fn run_tests() -> Result {
    let started = Instant::now();
    tools::ensure_all(Need::Everything)?;
    let mut steps = Steps::default();
    steps.run("cargo fmt --check", || {
        run(command("cargo").args(["fmt", "--all", "--check"]))
    });
    // before any build: the dependencies' advisories, licences and sources (issue 17 item 11)
    steps.run(
        "dependencies: cargo deny (RustSec snapshot, licences, sources); rsa built for no target",
        crate::deny::run_deny,
    );
    steps.run("clippy: core, store, app (ssr), server, xtask", || {
        run(command("cargo").args([
            "clippy",
            "--release",
            "-p",
            "pathway_core",
            "-p",
            "pathway_store",
            "-p",
            "app",
            "-p",
            "server",
            "-p",
            "xtask",
            "--features",
            "app/ssr",
            "--all-targets",
            "--",
            "-D",
            "warnings",
        ]))
    });
    steps.run("clippy: core, app (hydrate), frontend on wasm32", || {
        run(command("cargo").args([
            "clippy",
            "--release",
            "-p",
            "pathway_core",
            "-p",
            "app",
            "-p",
            "frontend",
            "--features",
            "app/hydrate",
            "--target",
            "wasm32-unknown-unknown",
            "--",
            "-D",
            "warnings",
        ]))
    });
    steps.run(
        "unit tests: pathway_core (the rules engine) and pathway_store, no Leptos",
        || {
            run(command("cargo").args([
                "test",
                "--release",
                "-p",
                "pathway_core",
                "-p",
                "pathway_store",
            ]))
        },
    );
    steps.run("unit tests: app (ssr)", || {
        run(command("cargo").args(["test", "--release", "-p", "app", "--features", "ssr"]))
    });
    steps.run(
        "rules engine on wasm32 gives the server's answers (Node)",
        || {
            // the browser's build of pathway_core must answer exactly as the server's does
            run(command("cargo")
                .args([
                    "test",
                    "--profile",
                    "wasm-release",
                    "-p",
                    "frontend",
                    "--target",
                    "wasm32-unknown-unknown",
                    "--test",
                    "domain_equivalence",
                ])
                .env(
                    "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER",
                    "wasm-bindgen-test-runner",
                ))
        },
    );
    steps.run("server tests on SQLite", || {
        run(command("cargo").args([
            "test",
            "--release",
            "-p",
            "server",
            "--",
            "--skip",
            "postgres",
        ]))
    });
    if postgres_reachable() {
        steps.run("server tests on PostgreSQL (127.0.0.1:5432)", || {
            run(command("cargo")
                .args(["test", "--release", "-p", "server", "--", "postgres"])
                .env("PATHWAY_TEST_POSTGRES_URL", POSTGRES_URL))
        });
    } else {
        steps.skip(
            "server tests on PostgreSQL",
            "no PostgreSQL server answers at 127.0.0.1:5432",
        );
    }
    steps.run(
        "release build (cargo leptos build --release)",
        serve::build_release,
    );
    if steps.any_failed() {
        steps.skip(
            "WASM and JS per page within budget",
            "an earlier step failed",
        );
        steps.skip("Playwright end-to-end tests", "an earlier step failed");
        steps.skip("Lighthouse accessibility", "an earlier step failed");
    } else {
        // sizes are deterministic, so the budgets are asserted (issue 13); the table prints
        steps.run(
            "WASM and JS per page within budget (first visit, brotli 11)",
            e2e::run_sizes,
        );
        steps.run(
            "Playwright end-to-end tests in Chromium (JavaScript off and hydrated)",
            e2e::run_e2e,
        );
        // the performance score is a timing (a benchmark, in the README); accessibility is not
        steps.run(
            "Lighthouse (mobile): accessibility 100 on sign-in, dashboards, My pathway, editor",
            e2e::run_lighthouse,
        );
    }
    steps.finish(started.elapsed())
}

fn postgres_reachable() -> bool {
    POSTGRES_ADDR
        .parse::<SocketAddr>()
        .map(|addr| TcpStream::connect_timeout(&addr, Duration::from_secs(2)).is_ok())
        .unwrap_or(false)
}
