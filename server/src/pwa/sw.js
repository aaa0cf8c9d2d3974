// Pathway's service worker. The server fills in this build's cache name and file list at
// start-up (server/src/pwa), so every build installs a worker of its own. docs/pwa.md.
//
// Cached: the app shell only (the offline page, its script, the build's JS, WASM and CSS,
// the manifest and icons). Never cached: pages (they carry personal data), /api (server
// functions), other sites. A new worker waits until the page asks it to take over.

const CACHE = "__CACHE_NAME__";
const PRECACHE = ["__PRECACHE__"];
const OFFLINE_URL = "__OFFLINE_URL__";
const SHELL = new Set(PRECACHE);

self.addEventListener("install", (event) => {
  // "reload": straight from the server, not from the browser's HTTP cache
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((url) => new Request(url, { cache: "reload" })))),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) =>
        Promise.all(
          keys
            .filter((key) => key.startsWith("pathway-") && key !== CACHE)
            .map((key) => caches.delete(key)),
        ),
      )
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data && event.data.type === "SKIP_WAITING") {
    self.skipWaiting();
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // server functions: the network only, never stored
  if (url.pathname.startsWith("/api/")) return;
  if (request.mode === "navigate") {
    // pages: the network only; the cached shell when the network cannot be reached
    event.respondWith(fetch(request).catch(() => cached(OFFLINE_URL).then((shell) => shell || Response.error())));
    return;
  }
  if (url.search === "" && SHELL.has(url.pathname)) {
    event.respondWith(cached(url.pathname).then((hit) => hit || fetch(request)));
  }
  // anything else: the network, as if there were no service worker
});

function cached(path) {
  return caches.open(CACHE).then((cache) => cache.match(path, { ignoreVary: true }));
}
