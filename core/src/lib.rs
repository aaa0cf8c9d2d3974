//! Pathway's core: what server and browser share and neither owns. The rules of the career
//! pathway and Achieving Permanence (`domain`), the portfolio's kinds and validation, the
//! text routines behind the editor, the sync protocol's messages, identity and organisation
//! types, and the error kinds that cross the network.
//!
//! No Leptos, no database and no clock here (docs/architecture.md): the rules take today's
//! date as an argument, so they answer the same on the server and in the browser's WASM.
//! The `server` feature adds only what a server needs on these types (sqlx error
//! conversion, an internal error's logged reference).

pub mod date_input;
pub mod decisions;
pub mod domain;
pub mod email;
pub mod error;
pub mod identity;
pub mod ids;
pub mod models;
pub mod organisation;
pub mod outbox;
pub mod oversight;
pub mod people_forms;
pub mod portfolio;
pub mod sync;
pub mod text;
