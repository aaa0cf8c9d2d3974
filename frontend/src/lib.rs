//! The browser entry points: `hydrate` brings the page's islands to life (the rest of the
//! page is server-rendered HTML and stays as it is); `start_offline`
//! mounts the offline app into the service worker's cached shell (`/offline`), where there is
//! no server-rendered page to hydrate. Nothing else lives here.

// The pages' view types nest deeply; computing their layouts needs more than the default 128.
#![recursion_limit = "256"]

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

#[wasm_bindgen::prelude::wasm_bindgen]
pub fn start_offline() {
    console_error_panic_hook::set_once();
    app::offline::shell::start();
}
