//! `cargo xtask wasm-size`: the release build's `.wasm`, `.js` and `.css` as shipped (raw,
//! gzip -9 and brotli q11, the files the server sends: `buildtools/precompress.mjs`), then
//! each page's first-visit download against its budget (`end2end/tests/page-weight.sizes.ts`).

use crate::env::{self, command, output, Result};

/// Writes `.br` and `.gz` beside every build file and returns one row per file:
/// (name, raw, gzip, brotli) bytes.
pub fn precompress() -> Result<Vec<(String, u64, u64, u64)>> {
    let pkg = env::site_root().join("pkg");
    if !pkg.is_dir() {
        return Err(format!(
            "no build at {}; run `cargo leptos build --release` first",
            pkg.display()
        ));
    }
    let printed = output(
        command("node")
            .arg(env::root().join("buildtools").join("precompress.mjs"))
            .arg(&pkg),
    )
    .ok_or_else(|| format!("could not compress the files in {}", pkg.display()))?;
    printed
        .lines()
        .map(|line| {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u64>().ok());
            match (parts.first(), number(1), number(2), number(3)) {
                (Some(name), Some(raw), Some(gzip), Some(brotli)) => {
                    Ok((name.to_string(), raw, gzip, brotli))
                }
                _ => Err(format!("unexpected line from precompress.mjs: {line}")),
            }
        })
        .collect()
}

/// Builds the release, prints each build file's sizes, then what each page downloads on a
/// first visit against its budget (fails when a page is over).
pub fn run() -> Result {
    crate::serve::build_release()?;
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip -9", "brotli 11"
    );
    for (name, raw, gzip, brotli) in precompress()? {
        println!("{name:<44} {raw:>10} {gzip:>10} {brotli:>10}");
    }
    crate::e2e::run_sizes()
}
