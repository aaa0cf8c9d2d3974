//! Starts the release server on a free port with a fresh database, waits until it answers
//! `/healthz`, runs Playwright against it in Debian's Chromium, then stops the server.

use crate::env::{self, command, run, Result};
use crate::serve::server_command;
use crate::tools::CHROMIUM;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

pub fn run_e2e() -> Result {
    run_specs(&[])
}

/// The behaviour specs, JavaScript off and on, against a fresh release server: `specs` are
/// file names or paths under end2end/ (every spec when empty).
pub fn run_specs(specs: &[String]) -> Result {
    run_projects(&["ssr", "hydrated"], specs)
}

/// What each page downloads against its budget (end2end/tests/page-weight.sizes.ts).
pub fn run_sizes() -> Result {
    run_projects(&["sizes"], &[])
}

/// The Playwright `projects`' `specs` against a fresh release server.
fn run_projects(projects: &[&str], specs: &[String]) -> Result {
    let failures = env::target_dir().join("e2e-failures.txt");
    let _ = std::fs::remove_file(&failures);
    let result = with_release_server("e2e", |base, password| {
        run(command("npx")
            .args(["playwright", "test"])
            .args(
                projects
                    .iter()
                    .map(|project| format!("--project={project}")),
            )
            .args(specs)
            .current_dir(env::root().join("end2end"))
            .env("BASE_URL", base)
            .env("PATHWAY_DEMO_PASSWORD", password)
            // the PWA spec deploys a second build of its own from these (pwa.hydrate.spec.ts)
            .env("PATHWAY_SERVER_BIN", env::server_binary())
            .env("PATHWAY_SITE_ROOT", env::site_root())
            .env("PATHWAY_E2E_FAILURES", &failures)
            .env("CHROMIUM_PATH", CHROMIUM))
    });
    // the failed tests by name in the step's error, so the closing summary says which
    result.map_err(|error| match std::fs::read_to_string(&failures) {
        Ok(list) if !list.trim().is_empty() => format!("{error}:\n{list}"),
        _ => error,
    })
}

/// Lighthouse on the pages issue 13 names (end2end/lighthouse/run.mjs): HTML reports and a
/// summary under target/lighthouse; fails when a page's accessibility is below 100.
pub fn run_lighthouse() -> Result {
    let reports = env::target_dir().join("lighthouse");
    with_release_server("lighthouse-server", |base, password| {
        run(command("node")
            .arg("lighthouse/run.mjs")
            .arg(&reports)
            .current_dir(env::root().join("end2end"))
            .env("BASE_URL", base)
            .env("PATHWAY_DEMO_PASSWORD", password)
            .env("CHROMIUM_PATH", CHROMIUM))
    })
}

/// Starts the release server in demo mode on a free port with a fresh database (in
/// target/`name`), and a real OpenID provider it signs in through, waits until it answers, runs `work` with its base URL and this run's demo
/// password (random, made here so the specs can sign in), then stops it.
fn with_release_server(name: &str, work: impl FnOnce(&str, &str) -> Result) -> Result {
    let password = random_password()?;
    let port = free_port()?;
    let addr = format!("127.0.0.1:{port}");
    let data = env::target_dir().join(name);
    let _ = std::fs::remove_dir_all(&data);
    std::fs::create_dir_all(&data).map_err(|e| format!("cannot create {}: {e}", data.display()))?;
    let log = std::fs::File::create(data.join("server.log")).map_err(|e| e.to_string())?;
    // a real OpenID provider beside it, for the sign-in through it (oidc.shared.spec.ts)
    let provider_port = free_port()?;
    let callback = format!("http://{addr}/auth/oidc/callback");
    let provider_log =
        std::fs::File::create(data.join("oidc-provider.log")).map_err(|e| e.to_string())?;
    let mut provider = command("node")
        .arg("oidc/provider.mjs")
        .current_dir(env::root().join("end2end"))
        .env("OIDC_PORT", provider_port.to_string())
        .env("OIDC_REDIRECT_URI", &callback)
        .env("OIDC_CLIENT_SECRET", &password)
        .stdout(Stdio::from(
            provider_log.try_clone().map_err(|e| e.to_string())?,
        ))
        .stderr(Stdio::from(provider_log))
        .spawn()
        .map_err(|e| format!("cannot start the OpenID provider: {e}"))?;
    let provider_guard = ServerGuard(&mut provider);
    let mut server = server_command(&addr)
        .env(
            "PATHWAY_OIDC_ISSUER",
            format!("http://127.0.0.1:{provider_port}"),
        )
        .env("PATHWAY_OIDC_CLIENT_ID", "pathway")
        .env("PATHWAY_OIDC_CLIENT_SECRET", &password)
        .env("PATHWAY_OIDC_REDIRECT_URL", &callback)
        .env("PATHWAY_OIDC_NAME", "Riverside Council")
        .env(
            "DATABASE_URL",
            format!("sqlite://{}", data.join("pathway.db").display()),
        )
        .env("PATHWAY_MODE", "demo")
        .env("PATHWAY_DEMO_PASSWORD", &password)
        .stdout(Stdio::from(log.try_clone().map_err(|e| e.to_string())?))
        .stderr(Stdio::from(log))
        .spawn()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    let guard = ServerGuard(&mut server);
    wait_for_health(&addr)?;
    let result = work(&format!("http://{addr}"), &password);
    drop(guard);
    drop(provider_guard);
    if result.is_err() {
        println!("server log: {}", data.join("server.log").display());
    }
    result
}

struct ServerGuard<'a>(&'a mut Child);

impl Drop for ServerGuard<'_> {
    fn drop(&mut self) {
        // SIGTERM first so the graceful shutdown path runs; kill if it lingers.
        let _ = std::process::Command::new("kill")
            .arg(self.0.id().to_string())
            .status();
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.0.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// 128 random bits from the system, in hex: the demo accounts' password for one test run.
fn random_password() -> Result<String> {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut random| random.read_exact(&mut bytes))
        .map_err(|e| format!("cannot read /dev/urandom: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

fn free_port() -> Result<u16> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn wait_for_health(addr: &str) -> Result {
    let deadline = Instant::now() + Duration::from_secs(60);
    while Instant::now() < deadline {
        if let Ok(mut stream) = TcpStream::connect(addr) {
            let request =
                format!("GET /healthz HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n");
            let mut response = String::new();
            if stream.write_all(request.as_bytes()).is_ok()
                && stream.read_to_string(&mut response).is_ok()
                && response.starts_with("HTTP/1.1 200")
            {
                return Ok(());
            }
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    Err(format!(
        "the server at {addr} did not answer /healthz within 60 s"
    ))
}
