// Starts the offline app in the cached shell: this build's WASM, then `start_offline()`
// (frontend/src/lib.rs) mounts it into #offline-root. Generated per build (server/src/pwa).
import init, { start_offline } from "__JS_URL__";

init({ module_or_path: "__WASM_URL__" }).then(() => start_offline());
