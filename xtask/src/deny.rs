//! The dependency check of the test command (issue 17 item 11): `cargo deny` against the
//! RustSec advisory snapshot in `../shared/rustsec-advisory-db`, with no network, plus the
//! licences and sources `deny.toml` allows; and proof that `rsa` (RUSTSEC-2023-0071, listed
//! in Cargo.lock only through sqlx's MySQL driver) is built for no target.

use crate::env::{self, command, run, Result};
use std::path::{Path, PathBuf};

/// The folder cargo-deny opens for the default advisory database under its `db-path`.
const DB_FOLDER: &str = "advisory-db-3157b0e258782691";

pub fn run_deny() -> Result {
    rsa_is_not_built()?;
    let db_path = advisory_db()?;
    let config = env::target_dir().join("deny.toml");
    let ours = std::fs::read_to_string(env::root().join("deny.toml"))
        .map_err(|e| format!("cannot read deny.toml: {e}"))?;
    let with_db = ours.replacen(
        "[advisories]",
        &format!(
            "[advisories]\ndb-path = {:?}",
            db_path.display().to_string()
        ),
        1,
    );
    std::fs::write(&config, with_db)
        .map_err(|e| format!("cannot write {}: {e}", config.display()))?;
    run(command("cargo")
        .args(["deny", "--offline", "--config"])
        .arg(&config)
        .args(["check", "advisories", "licenses", "bans", "sources"])
        .current_dir(env::root()))
}

/// `cargo tree -i rsa` prints nothing for every target and feature.
fn rsa_is_not_built() -> Result {
    let output = command("cargo")
        .args([
            "tree",
            "-i",
            "rsa",
            "--target",
            "all",
            "--all-features",
            "-e",
            "all",
        ])
        .current_dir(env::root())
        .output()
        .map_err(|e| format!("cannot run cargo tree: {e}"))?;
    let printed = String::from_utf8_lossy(&output.stdout);
    if printed.trim().is_empty() {
        println!("rsa: cargo tree -i rsa --target all --all-features prints nothing (not built)");
        Ok(())
    } else {
        Err(format!(
            "rsa is built after all (RUSTSEC-2023-0071 is ignored in deny.toml on the ground that it is not):\n{printed}"
        ))
    }
}

/// A copy of the snapshot as the git checkout cargo-deny expects (it reads the head
/// commit's time), made once per snapshot under the target directory; answers its db-path.
fn advisory_db() -> Result<PathBuf> {
    let snapshot = env::root().join("../shared/rustsec-advisory-db");
    let marker = std::fs::read_to_string(snapshot.join("SNAPSHOT.md")).map_err(|e| {
        format!(
            "no RustSec snapshot at {} ({e}): the dependency check reads advisories from there, never the network",
            snapshot.display()
        )
    })?;
    let db_path = env::target_dir().join("advisory-dbs");
    let copy = db_path.join(DB_FOLDER);
    if std::fs::read_to_string(copy.join("SNAPSHOT.md"))
        .ok()
        .as_deref()
        == Some(marker.as_str())
        && copy.join(".git").is_dir()
    {
        return Ok(db_path);
    }
    let _ = std::fs::remove_dir_all(&copy);
    std::fs::create_dir_all(&copy).map_err(|e| format!("cannot create {}: {e}", copy.display()))?;
    run(command("cp").arg("-R").arg(snapshot.join(".")).arg(&copy))?;
    commit_snapshot(&copy)?;
    Ok(db_path)
}

fn commit_snapshot(copy: &Path) -> Result {
    let git = |args: &[&str]| {
        let mut git = command("git");
        git.args([
            "-c",
            "user.name=pathway",
            "-c",
            "user.email=pathway@localhost",
        ])
        .args(args)
        .current_dir(copy);
        git
    };
    run(&mut git(&["init", "-q"]))?;
    run(&mut git(&["add", "-A"]))?;
    run(&mut git(&[
        "commit",
        "-q",
        "-m",
        "RustSec advisory database snapshot",
    ]))
}
