//! A real OpenID provider for the tests (issue 17 item 12): `end2end/oidc/provider.mjs`,
//! npm's `oidc-provider` under Node, started for one test app and stopped with it.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

pub const CLIENT_ID: &str = "pathway";
pub const CLIENT_SECRET: &str = "pathway-test-secret";

pub struct OidcProvider {
    child: Child,
    pub issuer: String,
}

/// A port free a moment ago, for a server that must be told its address before it starts.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|listener| listener.local_addr())
        .expect("a free port")
        .port()
}

impl OidcProvider {
    /// Starts the provider with one client whose only redirect is `redirect_uri`, and waits
    /// until it listens.
    pub fn start(redirect_uri: &str) -> Self {
        let port = free_port();
        let folder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../end2end");
        let mut child = Command::new("node")
            .arg("oidc/provider.mjs")
            .current_dir(&folder)
            .env("OIDC_PORT", port.to_string())
            .env("OIDC_REDIRECT_URI", redirect_uri)
            .env("OIDC_CLIENT_SECRET", CLIENT_SECRET)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("node runs end2end/oidc/provider.mjs (npm ci in end2end/ first: cargo xtask install)");
        let stdout = child.stdout.take().expect("the provider's output");
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        reader.read_line(&mut line).expect("the provider starts");
        // the provider writes notices later: read and drop them, so its output never closes
        // under it (a write to a closed pipe ends a Node process)
        std::thread::spawn(move || std::io::copy(&mut reader, &mut std::io::sink()));
        let issuer = line
            .trim()
            .strip_prefix("ready ")
            .unwrap_or_else(|| panic!("the provider said {line:?}"))
            .to_owned();
        Self { child, issuer }
    }
}

impl Drop for OidcProvider {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
