//! Integration tests over real HTTP against the whole application on a random port, each
//! with a fresh database. Stories marked `on_both_databases!` run on SQLite and on PostgreSQL
//! (`PATHWAY_TEST_POSTGRES_URL`; `cargo xtask test` sets it when a server answers).

#[macro_use]
mod helpers;
mod admin;
mod asye_duties;
mod auth;
mod authz;
mod catalogue;
mod challenges;
mod config;
mod dashboards;
mod decisions;
mod email;
mod first_run;
mod health;
mod ids;
mod input_limits;
mod matrix;
mod oidc;
mod oidc_provider;
mod pages;
mod people_records;
mod portfolio;
mod pwa;
mod refusals;
mod rules;
mod security;
mod session;
mod sessions;
mod sign_in_pages;
mod smtp_server;
mod storage;
mod supervision;
mod sync;
mod sync_model;
mod throttle;
mod training;
mod two_step;
mod vault;
