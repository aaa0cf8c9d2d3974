//! `cargo xtask wasm-size`: the release `.wasm` and `.js` as shipped, raw, gzip -9 and
//! brotli q11 (compressed with Node's zlib, which every machine here has).

use crate::env::{self, command, output, Result};

pub fn run() -> Result {
    let pkg = env::site_root().join("pkg");
    let entries = std::fs::read_dir(&pkg).map_err(|e| {
        format!(
            "no build at {} ({e}); run `cargo leptos build --release` first",
            pkg.display()
        )
    })?;
    let mut files: Vec<_> = entries
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("wasm" | "js" | "css")
            )
        })
        .collect();
    files.sort();
    println!(
        "{:<44} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip -9", "brotli 11"
    );
    for file in files {
        let script = "const z=require('zlib'),f=require('fs').readFileSync(process.argv[1]);\
            console.log(f.length, z.gzipSync(f,{level:9}).length,\
            z.brotliCompressSync(f,{params:{[z.constants.BROTLI_PARAM_QUALITY]:11}}).length)";
        let sizes = output(command("node").args(["-e", script]).arg(&file))
            .ok_or_else(|| format!("cannot measure {}", file.display()))?;
        let sizes: Vec<&str> = sizes.split_whitespace().collect();
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        println!(
            "{name:<44} {:>10} {:>10} {:>10}",
            sizes[0], sizes[1], sizes[2]
        );
    }
    Ok(())
}
