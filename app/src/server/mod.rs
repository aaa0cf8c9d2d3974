//! Server-only code (feature `ssr`): application state, database access and demo data.

pub mod db;
pub mod seed;
pub mod state;
