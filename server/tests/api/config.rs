//! The real binary, started the way an operator would.

use std::process::Command;

#[test]
fn a_malformed_database_url_fails_fast_with_one_line_naming_the_variable() {
    let output = Command::new(env!("CARGO_BIN_EXE_server"))
        .env("DATABASE_URL", "nonsense")
        .output()
        .expect("run the server binary");
    assert_eq!(
        output.status.code(),
        Some(2),
        "exits non-zero without panicking"
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("DATABASE_URL"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
