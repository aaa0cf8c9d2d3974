//! Which JS, WASM and CSS files this server's pages load, found the way Leptos finds them.
//!
//! With `LEPTOS_HASH_FILES=true`, cargo-leptos writes `hash.txt` next to the server binary
//! (`js: <h>`, `wasm: <h>`, `css: <h>`) and the files are `/pkg/pathway.<h>.js` and so on
//! (leptos `HydrationScripts`, leptos_meta `HashedStylesheet`). Without hashing (`cargo leptos
//! watch`) they are `pathway.js`, `pathway.wasm` (`pathway_bg.wasm` outside cargo-leptos)
//! and `pathway.css`.

use leptos::config::LeptosOptions;
use std::path::{Path, PathBuf};

/// The asset set of one build, with an id that changes whenever the set does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Build {
    /// Short and URL-safe: the cache is `pathway-<id>`, the shell's script `/offline.<id>.js`.
    pub id: String,
    /// Absolute paths, e.g. `/pkg/pathway.3f9a….js`.
    pub js: String,
    pub wasm: String,
    pub css: String,
}

impl Build {
    /// The folder under the site root the build's files are in (`pkg`).
    pub fn pkg_dir(&self) -> &str {
        self.js
            .trim_start_matches('/')
            .rsplit_once('/')
            .map(|(dir, _)| dir)
            .unwrap_or("pkg")
    }

    /// The build this process serves, read once at start-up.
    pub fn detect(options: &LeptosOptions) -> Self {
        let hashes = options
            .hash_files
            .then(|| hash_file_path(&options.hash_file))
            .and_then(|path| match std::fs::read_to_string(&path) {
                Ok(text) => Some(text),
                Err(error) => {
                    tracing::error!(path = %path.display(), %error, "hashed assets are on but the hash file cannot be read");
                    None
                }
            });
        let bg_suffix = option_env!("LEPTOS_OUTPUT_NAME").is_none();
        let mut build = Self::from_hashes(
            &options.output_name,
            &options.site_pkg_dir,
            hashes.as_deref(),
            bg_suffix,
        );
        if hashes.is_none() {
            // Unhashed names stay the same from one build to the next: the files' sizes and
            // times tell builds apart, so a rebuilt bundle still gets a new cache.
            let site = Path::new(options.site_root.as_ref());
            let stamps: String = [&build.js, &build.wasm, &build.css]
                .iter()
                .filter_map(|url| std::fs::metadata(site.join(url.trim_start_matches('/'))).ok())
                .map(|meta| {
                    let modified = meta
                        .modified()
                        .ok()
                        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
                        .map(|age| age.as_nanos())
                        .unwrap_or_default();
                    format!("{}:{modified};", meta.len())
                })
                .collect();
            build.id = build_id(&[&build.js, &build.wasm, &build.css, &stamps]);
        }
        build
    }

    /// The names for `hash_text` (the contents of `hash.txt`; `None` when hashing is off).
    pub fn from_hashes(
        output_name: &str,
        pkg_dir: &str,
        hash_text: Option<&str>,
        bg_suffix: bool,
    ) -> Self {
        let pkg = pkg_dir.trim_matches('/');
        let name = |kind: &str, unhashed: String| match hash_text {
            Some(text) => match hash_of(text, kind) {
                Some(hash) => format!("/{pkg}/{output_name}.{hash}.{kind}"),
                None => format!("/{pkg}/{output_name}.{kind}"),
            },
            None => format!("/{pkg}/{unhashed}"),
        };
        let wasm = if bg_suffix {
            format!("{output_name}_bg.wasm")
        } else {
            format!("{output_name}.wasm")
        };
        let js = name("js", format!("{output_name}.js"));
        let wasm = name("wasm", wasm);
        let css = name("css", format!("{output_name}.css"));
        let id = build_id(&[&js, &wasm, &css]);
        Self { id, js, wasm, css }
    }
}

/// Where Leptos looks for the hash file: beside the running executable (an absolute
/// `LEPTOS_HASH_FILE_NAME` replaces that directory).
fn hash_file_path(name: &str) -> PathBuf {
    std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(Path::to_path_buf))
        .unwrap_or_default()
        .join(name)
}

/// The hash on the `kind:` line, if it is a plain token (anything else is ignored, so a
/// damaged file cannot put markup into the pages and scripts made from it).
fn hash_of<'a>(text: &'a str, kind: &str) -> Option<&'a str> {
    text.lines()
        .filter_map(|line| line.trim().split_once(':'))
        .find(|(key, _)| key.trim() == kind)
        .map(|(_, hash)| hash.trim())
        .filter(|hash| {
            !hash.is_empty()
                && hash
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        })
}

/// 64-bit FNV-1a of the parts, as 12 hex digits: stable across Rust versions and platforms.
fn build_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain(std::iter::once(0)) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    format!("{:012x}", hash >> 16)
}

#[cfg(test)]
mod tests {
    use super::Build;

    const HASHES: &str = "js: Ab3_x-9\nwasm: Qw7zz\ncss: Kp0\n";

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let build = Build::from_hashes("pathway", "pkg", Some(HASHES), false);
        assert_eq!(build.js, "/pkg/pathway.Ab3_x-9.js");
        assert_eq!(build.wasm, "/pkg/pathway.Qw7zz.wasm");
        assert_eq!(build.css, "/pkg/pathway.Kp0.css");
        assert_eq!(build.id.len(), 12);
        assert!(build.id.chars().all(|c| c.is_ascii_hexdigit()));
    }

    #[test]
    fn without_hashing_the_names_are_plain() {
        let cargo_leptos = Build::from_hashes("pathway", "/pkg/", None, false);
        assert_eq!(cargo_leptos.js, "/pkg/pathway.js");
        assert_eq!(cargo_leptos.wasm, "/pkg/pathway.wasm");
        assert_eq!(cargo_leptos.css, "/pkg/pathway.css");
        let plain = Build::from_hashes("pathway", "pkg", None, true);
        assert_eq!(plain.wasm, "/pkg/pathway_bg.wasm");
    }

    #[test]
    fn a_new_asset_set_gets_a_new_id_and_the_same_set_the_same_id() {
        let one = Build::from_hashes("pathway", "pkg", Some(HASHES), false);
        let again = Build::from_hashes("pathway", "pkg", Some(HASHES), false);
        let next = Build::from_hashes(
            "pathway",
            "pkg",
            Some("js: Ab3_x-9\nwasm: NEW\ncss: Kp0\n"),
            false,
        );
        assert_eq!(one.id, again.id);
        assert_ne!(one.id, next.id);
    }

    #[test]
    fn odd_or_missing_lines_never_reach_a_name() {
        let build = Build::from_hashes(
            "pathway",
            "pkg",
            Some("js: <script>\n\nsplit: x\nwasm:\n"),
            false,
        );
        assert_eq!(build.js, "/pkg/pathway.js");
        assert_eq!(build.wasm, "/pkg/pathway.wasm");
        assert_eq!(build.css, "/pkg/pathway.css");
    }
}
