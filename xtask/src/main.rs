//! `cargo xtask <command>`: the project's set-up, serve and test runner.
//!
//! - `serve`     install what is missing, build in release mode, run Pathway on SQLite in demo mode
//! - `test`      install what is missing, then every check: fmt, clippy, unit, integration,
//!   PostgreSQL and Playwright end-to-end tests, with a closing summary
//! - `wasm-size` build in release mode, print the `.wasm`, `.js` and `.css` sizes raw, gzip and
//!   brotli, then each page's first-visit code download against its budget
//! - `lighthouse` build in release mode, run Lighthouse (mobile) on five pages: reports under
//!   target/lighthouse, fails below accessibility 100
//! - `e2e [spec …]` build in release mode and run the named Playwright specs (all when none),
//!   for working on one spec without the whole test command
//! - `deny`      the dependency check: cargo deny against the RustSec snapshot, licences,
//!   sources, and that `rsa` is built for no target
//!
//! Std only, so it compiles in seconds on a fresh machine.

mod deny;
mod e2e;
mod env;
mod serve;
mod sizes;
mod steps;
mod test;
mod tools;

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("serve") => serve::run_serve(),
        Some("test") => test::run_tests(),
        Some("wasm-size") => sizes::run(),
        Some("lighthouse") => serve::build_release().and_then(|()| e2e::run_lighthouse()),
        Some("e2e") => serve::build_release().and_then(|()| e2e::run_specs(&args[1..])),
        Some("install") => tools::ensure_all(tools::Need::Everything),
        Some("deny") => tools::ensure_all(tools::Need::Everything).and_then(|()| deny::run_deny()),
        _ => {
            eprintln!("usage: cargo xtask <serve | test | wasm-size | lighthouse | e2e [spec …] | deny | install>");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("xtask: {error}");
            ExitCode::FAILURE
        }
    }
}
