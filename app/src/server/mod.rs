//! Server-only code (feature `ssr`): application state, database access, identity and
//! access control, the audit log and demo data.

pub mod audit;
pub mod auth;
pub mod authz;
pub mod clock;
pub mod db;
pub mod import;
pub mod org;
pub mod overseen;
pub mod people;
pub mod portfolio;
pub mod respond;
pub mod seed;
mod seed_portfolios;
pub mod state;
pub mod sync;
pub mod training;
pub mod vault;
