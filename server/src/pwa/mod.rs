//! The installable app (issue 7): the service worker and the offline shell, generated once at
//! start-up from the asset names of the build being served (docs/pwa.md).
//!
//! - `current_build`: the hashed names of the JS, WASM and CSS (cargo-leptos's `hash.txt`) and a
//!   build id made from them, so each new build gets a cache of its own;
//! - `assets`: `/sw.js`, `/offline` and the shell's start script, rendered from the
//!   templates beside this file;
//! - `routes`: serves them with their cache policies.

mod assets;
mod current_build;
mod routes;

pub use assets::{precache_list, Pwa};
pub use current_build::Build;
pub use routes::routes;
