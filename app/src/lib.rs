//! Pathway: career progression and Achieving Permanence for children's social care.
//!
//! `domain` holds the pure rules shared by server and browser, `api` the server functions
//! (thin adapters), `ui` the Leptos components, and `server` (only with `ssr`) state,
//! database and seed data.

pub mod api;
pub mod domain;
pub mod error;
pub mod identity;
pub mod models;
#[cfg(feature = "hydrate")]
pub mod offline;
pub mod organisation;
pub mod portfolio;
#[cfg(feature = "hydrate")]
pub mod pwa;
pub mod sync;
pub mod text;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod server;
