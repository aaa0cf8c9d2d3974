//! Pathway's store: everything the server keeps and decides with what it keeps. Database
//! access, sessions and passwords, who may do what (deny by default), the audit log, sync's
//! server half, the L&D list, and demo data. No Leptos and no HTTP context: server
//! functions (`app::api`) read the request and hand this crate plain values
//! (docs/architecture.md).

pub mod asye_programme;
pub mod audit;
pub mod auth;
pub mod authz;
pub mod clock;
pub mod db;
pub mod decisions;
pub mod first_admin;
pub mod form_stash;
pub mod import;
pub mod levels;
pub mod notices;
pub mod org;
pub mod outbox;
pub mod oversight;
pub mod people;
pub mod portfolio;
pub mod rate;
pub mod refusals;
pub mod relations;
pub mod seed;
mod seed_portfolios;
pub mod sync;
pub mod training;
pub mod vault;
