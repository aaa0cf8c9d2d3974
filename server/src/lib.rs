//! The axum server around the Leptos app: configuration, start-up, routes and middleware.
//! `main.rs` only wires these together, so tests can start the same application on port 0.

pub mod config;
pub mod health;
pub mod middleware;
pub mod routes;
pub mod security;
pub mod startup;
pub mod telemetry;
