//! Paths and environment shared by every command.

use std::path::{Path, PathBuf};
use std::process::Command;

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root (xtask lives one level below it).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// The cargo build cache. Outside the clone by default, so a fresh clone on a machine that
/// has built Pathway before reuses the compiled dependencies (warm CI runs take minutes).
pub fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_else(root);
    home.join(".cache").join("pathway").join("target")
}

/// A command run from the workspace root with the build tools first on PATH: cargo-leptos
/// takes the first `wasm-bindgen`, `wasm-opt` and `sass` it finds, and must find ours.
pub fn command(program: &str) -> Command {
    let root = root();
    let mut path = vec![root.join("buildtools/node_modules/.bin"), cargo_bin()];
    if let Some(existing) = std::env::var_os("PATH") {
        path.extend(std::env::split_paths(&existing));
    }
    let mut command = Command::new(program);
    command
        .current_dir(&root)
        .env("PATH", std::env::join_paths(path).unwrap_or_default())
        .env("CARGO_TARGET_DIR", target_dir())
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    command
}

pub fn cargo_bin() -> PathBuf {
    std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .unwrap_or_default()
        .join("bin")
}

/// Runs a command to completion, failing with its name when it fails.
pub fn run(command: &mut Command) -> Result {
    // program and arguments only: the environment would bury the summary line
    let shown = std::iter::once(command.get_program())
        .chain(command.get_args())
        .map(|part| part.to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join(" ");
    let status = command
        .status()
        .map_err(|e| format!("cannot start {shown}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{shown} failed ({status})"))
    }
}

/// A command's standard output, or None when it cannot run or fails.
pub fn output(command: &mut Command) -> Option<String> {
    let output = command.output().ok()?;
    output
        .status
        .success()
        .then(|| String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// The site directory cargo-leptos writes (`site-root` in Cargo.toml).
pub fn site_root() -> PathBuf {
    root().join("target").join("site")
}

/// The release server binary cargo-leptos builds.
pub fn server_binary() -> PathBuf {
    target_dir().join("release").join("server")
}
