//! The installable app over HTTP (issue 7): `/sw.js`, `/offline` and the shell's script are
//! served with their cache policies and name the hashed files of the build being served, the
//! same names the pages load. Not about storage, so SQLite only.

use crate::helpers::{Backend, TestDatabase};
use reqwest::Response;
use server::config::Settings;
use server::startup::Application;
use std::path::PathBuf;

const HASHES: &str = "js: Js1hash\nwasm: Wasm1hash\ncss: Css1hash\n";

/// A Pathway serving hashed assets, as a release build does: `hash.txt` is a temporary
/// file named by an absolute `hash_file` (Leptos joins it to the executable's directory).
struct HashedApp {
    address: String,
    hash_file: PathBuf,
    /// The site root (`LEPTOS_SITE_ROOT`), with an empty `pkg/` for a test to fill.
    site: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    _database: TestDatabase,
}

impl HashedApp {
    async fn spawn(hashes: &str) -> Self {
        let database = TestDatabase::create(Backend::Sqlite).await;
        let hash_file = std::env::temp_dir().join(format!(
            "pathway-hash-{}.txt",
            uuid::Uuid::now_v7().simple()
        ));
        std::fs::write(&hash_file, hashes).expect("write the hash file");
        let site = hash_file.with_extension("site");
        std::fs::create_dir_all(site.join("pkg")).expect("make the site root");
        let site_root = site.to_string_lossy().to_string();
        let url = database.url.clone();
        let mut settings = Settings::from_lookup(|name| match name {
            "DATABASE_URL" => Some(url.clone()),
            "LEPTOS_SITE_ADDR" => Some("127.0.0.1:0".into()),
            "LEPTOS_HASH_FILES" => Some("true".into()),
            "LEPTOS_SITE_ROOT" => Some(site_root.clone()),
            "PATHWAY_MODE" => Some("local".into()),
            _ => None,
        })
        .expect("test settings");
        settings.leptos_options.hash_file = hash_file.to_string_lossy().into();
        let application = Application::build(settings).await.expect("starts");
        let address = format!("http://{}", application.address());
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        tokio::spawn(application.run_until(async move {
            let _ = stopped.await;
        }));
        Self {
            address,
            hash_file,
            site,
            stop: Some(stop),
            _database: database,
        }
    }

    async fn get(&self, path: &str) -> Response {
        reqwest::get(format!("{}{path}", self.address))
            .await
            .expect("GET")
    }

    /// A GET that accepts only `encoding` (reqwest here decompresses nothing: the body is
    /// the bytes as sent).
    async fn get_encoded(&self, path: &str, encoding: &str) -> Response {
        reqwest::Client::new()
            .get(format!("{}{path}", self.address))
            .header("Accept-Encoding", encoding)
            .send()
            .await
            .expect("GET")
    }
}

impl Drop for HashedApp {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = std::fs::remove_file(&self.hash_file);
        let _ = std::fs::remove_dir_all(&self.site);
    }
}

fn header<'a>(response: &'a Response, name: &str) -> &'a str {
    response
        .headers()
        .get(name)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
}

/// The cache name inside a service worker script.
fn cache_name(sw: &str) -> String {
    let start = sw.find("\"pathway-").expect("cache name") + 1;
    let end = start + sw[start..].find('"').expect("closing quote");
    sw[start..end].to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_service_worker_is_revalidated_and_caches_this_builds_files_but_never_the_api() {
    // Arrange
    let app = HashedApp::spawn(HASHES).await;
    // Act
    let response = app.get("/sw.js").await;
    // Assert
    assert_eq!(response.status(), 200);
    assert!(header(&response, "content-type").starts_with("text/javascript"));
    assert_eq!(header(&response, "cache-control"), "no-cache");
    let sw = response.text().await.unwrap();
    for name in [
        "/pkg/pathway.Js1hash.js",
        "/pkg/pathway.Wasm1hash.wasm",
        "/pkg/pathway.Css1hash.css",
        "\"/offline\"",
    ] {
        assert!(sw.contains(name), "{name} in\n{sw}");
    }
    let precache = sw
        .lines()
        .find(|line| line.starts_with("const PRECACHE"))
        .expect("the cache list");
    assert!(!precache.contains("/api"), "{precache}");
    assert!(sw.contains("url.pathname.startsWith(\"/api/\")"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offline_shell_loads_this_build_through_a_script_the_csp_allows() {
    let app = HashedApp::spawn(HASHES).await;
    let sw = app.get("/sw.js").await.text().await.unwrap();
    let build_id = cache_name(&sw).trim_start_matches("pathway-").to_string();

    let shell = app.get("/offline").await;
    assert_eq!(shell.status(), 200);
    assert!(header(&shell, "content-type").starts_with("text/html"));
    assert_eq!(header(&shell, "cache-control"), "no-store");
    let csp = header(&shell, "content-security-policy").to_string();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
        "{csp}"
    );
    let html = shell.text().await.unwrap();
    let start_url = format!("/offline.{build_id}.js");
    assert!(
        html.contains("href=\"/pkg/pathway.Css1hash.css\""),
        "{html}"
    );
    assert!(html.contains(&format!(
        "<script type=\"module\" src=\"{start_url}\"></script>"
    )));
    assert!(html.contains("<div id=\"offline-root\"></div>"));
    assert!(!html.contains("<script>"), "no inline script");

    let start = app.get(&start_url).await;
    assert_eq!(start.status(), 200);
    assert!(header(&start, "content-type").starts_with("text/javascript"));
    assert_eq!(
        header(&start, "cache-control"),
        "public, max-age=31536000, immutable"
    );
    let script = start.text().await.unwrap();
    assert!(
        script.contains("from \"/pkg/pathway.Js1hash.js\""),
        "{script}"
    );
    assert!(
        script.contains("\"/pkg/pathway.Wasm1hash.wasm\""),
        "{script}"
    );
    assert!(script.contains("start_offline()"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pages_and_the_worker_name_the_same_files_and_a_new_build_gets_a_new_cache() {
    let old = HashedApp::spawn(HASHES).await;
    let new = HashedApp::spawn("js: Js2hash\nwasm: Wasm2hash\ncss: Css2hash\n").await;

    let page = old.get("/").await.text().await.unwrap();
    assert!(page.contains("/pkg/pathway.Js1hash.js"), "{page}");
    assert!(page.contains("/pkg/pathway.Css1hash.css"), "{page}");

    let old_sw = old.get("/sw.js").await.text().await.unwrap();
    let new_sw = new.get("/sw.js").await.text().await.unwrap();
    assert_ne!(cache_name(&old_sw), cache_name(&new_sw));
    assert!(new_sw.contains("/pkg/pathway.Wasm2hash.wasm"));
    assert!(!new_sw.contains("Wasm1hash"));
    // the old build's shell script is not served by the new build
    let old_id = cache_name(&old_sw)
        .trim_start_matches("pathway-")
        .to_string();
    assert_eq!(
        new.get(&format!("/offline.{old_id}.js")).await.status(),
        404
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn build_files_are_sent_as_compressed_at_build_time_never_per_request() {
    // issue 13: the build writes .br (brotli 11) and .gz (gzip 9) beside each file once; the
    // server sends the one the browser accepts, byte for byte, and compresses nothing itself
    let app = HashedApp::spawn(HASHES).await;
    let wasm = app.site.join("pkg/pathway.Wasm1hash.wasm");
    let raw = b"\0asm the module itself, long enough that on-the-fly compression would act on it "
        .repeat(40);
    std::fs::write(&wasm, &raw).unwrap();
    std::fs::write(wasm.with_extension("wasm.br"), b"brotli 11 of the module").unwrap();
    std::fs::write(wasm.with_extension("wasm.gz"), b"gzip 9 of the module").unwrap();
    for (accepts, encoding, body) in [
        ("br, gzip", "br", b"brotli 11 of the module".to_vec()),
        ("gzip", "gzip", b"gzip 9 of the module".to_vec()),
        ("identity", "", raw.clone()),
    ] {
        let response = app
            .get_encoded("/pkg/pathway.Wasm1hash.wasm", accepts)
            .await;
        assert_eq!(response.status(), 200, "{accepts}");
        assert_eq!(header(&response, "content-encoding"), encoding, "{accepts}");
        assert_eq!(header(&response, "content-type"), "application/wasm");
        assert_eq!(
            header(&response, "cache-control"),
            "public, max-age=31536000, immutable"
        );
        assert_eq!(header(&response, "vary"), "accept-encoding", "{accepts}");
        assert_eq!(response.bytes().await.unwrap().to_vec(), body, "{accepts}");
    }
    assert_eq!(app.get("/pkg/pathway.Gone.wasm").await.status(), 404);
}
