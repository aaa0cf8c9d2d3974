//! The axum server around the Leptos app: configuration, start-up, routes and middleware.
//! `main.rs` only wires these together, so tests can start the same application on port 0.

// The pages' view types nest deeply; computing their layouts needs more than the default 128.
#![recursion_limit = "256"]

pub mod body_limit;
pub mod client_addr;
pub mod config;
pub mod cpd_csv;
pub mod create_admin;
pub mod csp;
pub mod health;
pub mod mail;
pub mod middleware;
pub mod oidc;
pub mod posted_error;
pub mod pwa;
pub mod refusal_log;
pub mod routes;
pub mod security;
pub mod startup;
pub mod state;
pub mod telemetry;
