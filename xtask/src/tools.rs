//! Installs what the build needs when it is missing, and does nothing when it is present:
//! the wasm32 target, cargo-leptos and wasm-bindgen-cli (crates.io), wasm-opt and Sass (npm),
//! Playwright (npm) and Debian's Chromium (apt). Nothing is downloaded from GitHub.

use crate::env::{self, command, output, run, Result};
use std::path::Path;

/// cargo-leptos 0.3.11 with --locked needs rustc 1.96; 0.3.10 builds with this machine's 1.95.
const CARGO_LEPTOS_VERSION: &str = "0.3.10";
/// The dependency check (deny.toml); 0.20.2 builds with --locked on rustc 1.95.
const CARGO_DENY_VERSION: &str = "0.20.2";
pub const CHROMIUM: &str = "/usr/bin/chromium";

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// What `serve` needs: the Rust and npm build tools.
    Build,
    /// Also Playwright and Chromium, for `test`.
    Everything,
}

pub fn ensure_all(need: Need) -> Result {
    ensure_wasm_target()?;
    ensure_cargo_leptos()?;
    ensure_wasm_bindgen()?;
    ensure_npm(&env::root().join("buildtools"), "wasm-opt")?;
    if need == Need::Everything {
        ensure_npm(&env::root().join("end2end"), "playwright")?;
        ensure_chromium()?;
        ensure_cargo_deny()?;
    }
    Ok(())
}

fn ensure_wasm_target() -> Result {
    let installed =
        output(command("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if installed
        .lines()
        .any(|line| line.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    say("installing the wasm32-unknown-unknown target");
    run(command("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
}

fn ensure_cargo_leptos() -> Result {
    let wanted = format!("cargo-leptos {CARGO_LEPTOS_VERSION}");
    if output(command("cargo-leptos").arg("--version")).as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    say(&format!(
        "installing {wanted} from crates.io (about 40 minutes of CPU on 2 cores, once per machine)"
    ));
    run(command("cargo")
        .args([
            "install",
            "cargo-leptos",
            "--version",
            CARGO_LEPTOS_VERSION,
            "--locked",
        ])
        .env_remove("CARGO_TARGET_DIR"))
}

fn ensure_cargo_deny() -> Result {
    let wanted = format!("cargo-deny {CARGO_DENY_VERSION}");
    if output(command("cargo-deny").arg("--version")).as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    say(&format!(
        "installing {wanted} from crates.io (about 6 minutes on 2 cores, once per machine)"
    ));
    run(command("cargo")
        .args([
            "install",
            "cargo-deny",
            "--locked",
            "--version",
            CARGO_DENY_VERSION,
        ])
        .env_remove("CARGO_TARGET_DIR"))
}

fn ensure_wasm_bindgen() -> Result {
    let version = wasm_bindgen_version()?;
    let wanted = format!("wasm-bindgen {version}");
    if output(command("wasm-bindgen").arg("--version")).as_deref() == Some(wanted.as_str()) {
        return Ok(());
    }
    say(&format!(
        "installing wasm-bindgen-cli {version} (must equal the wasm-bindgen crate in Cargo.lock)"
    ));
    // Not --locked: its lockfile names a crate version the registry mirror lacks. The fallback
    // resolver picks dependency versions that build with this machine's rustc.
    run(command("cargo")
        .args(["install", "wasm-bindgen-cli", "--version", &version])
        .env("CARGO_RESOLVER_INCOMPATIBLE_RUST_VERSIONS", "fallback")
        .env_remove("CARGO_TARGET_DIR"))
}

/// The exact wasm-bindgen version in Cargo.lock (also pinned with `=` in Cargo.toml).
pub fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(env::root().join("Cargo.lock"))
        .map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(version) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(version.trim_end_matches('"').to_string());
            }
        }
    }
    Err("Cargo.lock has no wasm-bindgen package".into())
}

/// `npm ci` when node_modules is missing or older than package-lock.json.
fn ensure_npm(dir: &Path, probe: &str) -> Result {
    let installed = dir.join("node_modules/.package-lock.json");
    let fresh = match (
        modified(&installed),
        modified(&dir.join("package-lock.json")),
    ) {
        (Some(installed), Some(lock)) => installed >= lock,
        _ => false,
    };
    if fresh && dir.join("node_modules/.bin").join(probe).exists() {
        return Ok(());
    }
    say(&format!("installing npm packages in {}", dir.display()));
    run(command("npm")
        .args(["ci", "--no-audit", "--no-fund"])
        .current_dir(dir))
}

fn ensure_chromium() -> Result {
    if Path::new(CHROMIUM).exists() {
        return Ok(());
    }
    say("installing Debian's chromium for the browser tests (Playwright never downloads one)");
    let sudo = if output(command("id").arg("-u")).as_deref() == Some("0") {
        None
    } else {
        Some("sudo")
    };
    let apt = |args: &[&str]| {
        let mut cmd = match sudo {
            Some(sudo) => {
                let mut cmd = command(sudo);
                cmd.arg("apt-get");
                cmd
            }
            None => command("apt-get"),
        };
        cmd.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        cmd
    };
    run(&mut apt(&["update", "-q"]))?;
    // The image's apt hook can delete a downloaded .deb mid-install ("cannot access archive"):
    // repair and retry.
    for _ in 0..3 {
        if run(&mut apt(&["install", "-y", "-q", "chromium"])).is_ok()
            && Path::new(CHROMIUM).exists()
        {
            return Ok(());
        }
        let _ = run(&mut apt(&["install", "-y", "-f", "-q"]));
    }
    Err(format!("could not install chromium; {CHROMIUM} is missing"))
}

fn modified(path: &Path) -> Option<std::time::SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

pub fn say(message: &str) {
    println!("==> {message}");
}
