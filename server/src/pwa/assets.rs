//! The three generated files: the service worker, the offline shell page and the shell's
//! start script. Rendered once at start-up from the templates beside this file.

use super::Build;
use std::path::Path;

const SW_TEMPLATE: &str = include_str!("sw.js");
const SHELL_TEMPLATE: &str = include_str!("offline.html");
const START_TEMPLATE: &str = include_str!("offline.js");

/// The offline shell's address: the page the service worker answers navigations with offline.
pub const OFFLINE_URL: &str = "/offline";

/// Files from `public/` kept for offline use when the deployment has them.
const STATIC_FILES: &[&str] = &["/manifest.webmanifest", "/favicon.png", "/favicon.ico"];

/// What the server answers for the installable app, for one build.
#[derive(Clone, Debug)]
pub struct Pwa {
    pub build: Build,
    /// `/offline.<build id>.js`: a new build, a new name, so it can be cached for good.
    pub start_url: String,
    pub precache: Vec<String>,
    pub service_worker: String,
    pub shell: String,
    pub start_script: String,
}

impl Pwa {
    /// Renders everything for `build`; `site_root` says which optional static files exist.
    pub fn new(build: Build, site_root: &Path) -> Self {
        let start_url = format!("/offline.{}.js", build.id);
        let mut extras: Vec<String> = STATIC_FILES.iter().map(|s| s.to_string()).collect();
        extras.extend(files_under(site_root, "icons"));
        // with `--split`, lazy islands and functions live in chunks the main WASM loads on
        // demand: the offline app needs them all without a network
        extras.extend(
            files_under(site_root, build.pkg_dir())
                .into_iter()
                .filter(|url| is_split_chunk(url)),
        );
        let css = std::fs::read_to_string(site_root.join(build.css.trim_start_matches('/')))
            .unwrap_or_default();
        extras.extend(css_urls(&css));
        // cache.addAll fails the whole install on one 404: only files that are really there
        extras.retain(|url| site_root.join(url.trim_start_matches('/')).is_file());
        let precache = precache_list(&build, &start_url, extras);
        let service_worker = SW_TEMPLATE
            .replace(
                "\"__CACHE_NAME__\"",
                &js_string(&format!("pathway-{}", build.id)),
            )
            .replace("\"__OFFLINE_URL__\"", &js_string(OFFLINE_URL))
            .replace(
                "[\"__PRECACHE__\"]",
                &serde_json::to_string(&precache).unwrap_or_else(|_| "[]".into()),
            );
        let shell = SHELL_TEMPLATE
            .replace("__CSS_URL__", &html_attribute(&build.css))
            .replace("__START_URL__", &html_attribute(&start_url));
        let start_script = START_TEMPLATE
            .replace("\"__JS_URL__\"", &js_string(&build.js))
            .replace("\"__WASM_URL__\"", &js_string(&build.wasm));
        Self {
            build,
            start_url,
            precache,
            service_worker,
            shell,
            start_script,
        }
    }
}

/// The app shell the service worker caches at install: the offline page and its script, the
/// build's JS, WASM and CSS, then `extras` (manifest, icons, files the CSS refers to).
/// Never anything under `/api/`: server functions answer with personal data.
pub fn precache_list(build: &Build, start_url: &str, extras: Vec<String>) -> Vec<String> {
    let mut list: Vec<String> = vec![
        OFFLINE_URL.to_string(),
        start_url.to_string(),
        build.js.clone(),
        build.wasm.clone(),
        build.css.clone(),
    ];
    for url in extras {
        if !list.contains(&url) {
            list.push(url);
        }
    }
    list.retain(|url| url.starts_with('/') && !url.starts_with("//") && !url.starts_with("/api/"));
    list
}

/// A file `cargo leptos build --split` writes beside the main bundle: the loader script and
/// the WASM chunks.
fn is_split_chunk(url: &str) -> bool {
    let name = url.rsplit('/').next().unwrap_or_default();
    (name.starts_with("__wasm_split.") && name.ends_with(".js"))
        || ((name.starts_with("chunk_") || name.starts_with("split_")) && name.ends_with(".wasm"))
}

/// `/dir/<file>` for each file directly in `site_root/dir`, sorted.
fn files_under(site_root: &Path, dir: &str) -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(site_root.join(dir))
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.path().is_file())
        .filter_map(|entry| entry.file_name().into_string().ok())
        .map(|name| format!("/{dir}/{name}"))
        .collect();
    files.sort();
    files
}

/// Site-absolute `url(...)` references in a stylesheet (fonts, images), without query or
/// fragment; `data:` and other sites' addresses are left out.
fn css_urls(css: &str) -> Vec<String> {
    css.split("url(")
        .skip(1)
        .filter_map(|rest| rest.split_once(')').map(|(inside, _)| inside))
        .map(|inside| inside.trim().trim_matches(|c| c == '"' || c == '\''))
        .filter(|url| url.starts_with('/') && !url.starts_with("//"))
        .map(|url| url.split(['?', '#']).next().unwrap_or(url).to_string())
        .collect()
}

fn js_string(value: &str) -> String {
    serde_json::to_string(value).unwrap_or_else(|_| "\"\"".into())
}

fn html_attribute(value: &str) -> String {
    value
        .replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(wasm_hash: &str) -> Build {
        Build::from_hashes(
            "pathway",
            "pkg",
            Some(&format!("js: J1\nwasm: {wasm_hash}\ncss: C1\n")),
            false,
        )
    }

    fn pwa(wasm_hash: &str) -> Pwa {
        Pwa::new(build(wasm_hash), Path::new("/nonexistent-site-root"))
    }

    #[test]
    fn the_worker_caches_this_builds_shell_under_a_cache_of_its_own() {
        let pwa = pwa("W1");
        let sw = &pwa.service_worker;
        assert!(!sw.contains("__"), "every placeholder replaced:\n{sw}");
        assert!(sw.contains(&format!("const CACHE = \"pathway-{}\";", pwa.build.id)));
        for name in [
            "/pkg/pathway.J1.js",
            "/pkg/pathway.W1.wasm",
            "/pkg/pathway.C1.css",
            "\"/offline\"",
        ] {
            assert!(sw.contains(name), "{name} in\n{sw}");
        }
        assert!(sw.contains(&format!("\"/offline.{}.js\"", pwa.build.id)));
        let install = sw
            .split("addEventListener(\"install\"")
            .nth(1)
            .and_then(|rest| rest.split("addEventListener(").next())
            .unwrap();
        assert!(
            !install.contains("skipWaiting"),
            "the page decides when to take over"
        );
        assert_eq!(
            sw.matches("skipWaiting()").count(),
            1,
            "only on SKIP_WAITING"
        );
    }

    #[test]
    fn a_new_build_makes_a_new_cache() {
        let (old, new) = (pwa("W1"), pwa("W2"));
        assert_ne!(old.build.id, new.build.id);
        assert!(!new
            .service_worker
            .contains(&format!("pathway-{}", old.build.id)));
        assert!(!new.service_worker.contains("pathway.W1.wasm"));
        assert_ne!(old.start_url, new.start_url);
    }

    #[test]
    fn api_responses_are_never_in_the_cache_list() {
        let build = build("W1");
        let list = precache_list(
            &build,
            "/offline.x.js",
            vec![
                "/api/auth/me".into(),
                "/icons/a.png".into(),
                "https://cdn.example/x".into(),
            ],
        );
        assert!(list.iter().all(|url| !url.starts_with("/api/")), "{list:?}");
        assert!(list.contains(&"/icons/a.png".to_string()));
        assert!(!list.iter().any(|url| url.contains("cdn.example")));
        let sw = pwa("W1").service_worker;
        let precache = sw
            .lines()
            .find(|l| l.starts_with("const PRECACHE"))
            .unwrap();
        assert!(!precache.contains("/api"), "{precache}");
    }

    #[test]
    fn the_shell_loads_this_builds_css_and_start_script_and_no_inline_script() {
        let pwa = pwa("W1");
        assert!(pwa.shell.contains("href=\"/pkg/pathway.C1.css\""));
        assert!(pwa.shell.contains(&format!("src=\"{}\"", pwa.start_url)));
        assert!(pwa.shell.contains("id=\"offline-root\""));
        assert!(!pwa.shell.contains("<script>"), "no inline script (CSP)");
        assert!(pwa.start_script.contains("\"/pkg/pathway.J1.js\""));
        assert!(pwa.start_script.contains("\"/pkg/pathway.W1.wasm\""));
        assert!(pwa.start_script.contains("start_offline()"));
    }

    #[test]
    fn a_split_builds_loader_and_chunks_are_kept_for_offline_use() {
        // the offline app's own code is a chunk: without it cached, it cannot start offline
        let site = std::env::temp_dir().join(format!("pathway-split-{}", std::process::id()));
        let pkg = site.join("pkg");
        std::fs::create_dir_all(&pkg).unwrap();
        let files = [
            "__wasm_split.L1.js",
            "chunk_7.K7.wasm",
            "split_mount_123.M1.wasm",
            "chunk_7.K7.wasm.br",
            "chunk_7.K7.wasm.gz",
            "__wasm_split_manifest.X1.json",
            "pathway_bg.wasm.d.T1.ts",
        ];
        for name in files {
            std::fs::write(pkg.join(name), b"x").unwrap();
        }
        let list = Pwa::new(build("W1"), &site).precache;
        std::fs::remove_dir_all(&site).unwrap();
        for kept in &files[..3] {
            assert!(list.contains(&format!("/pkg/{kept}")), "{kept} in {list:?}");
        }
        for left in &files[3..] {
            assert!(
                !list.contains(&format!("/pkg/{left}")),
                "{left} not in {list:?}"
            );
        }
    }

    #[test]
    fn stylesheet_references_are_found() {
        let css = "a{background:url(/images/x.png)} @font-face{src:url(\"/fonts/f.woff2?v=1\")} \
                   b{background:url(data:image/png;base64,xx)} c{background:url('//cdn/x')}";
        assert_eq!(css_urls(css), vec!["/images/x.png", "/fonts/f.woff2"]);
    }
}
