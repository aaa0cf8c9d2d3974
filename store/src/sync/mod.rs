//! The server half of the offline sync protocol (docs/sync.md): the change feed and its
//! cursor (`feed`), devices bound to people (`clients`), applying pushed changes (`push`),
//! answering pulls (`pull`) and the conflict copies a worker resolves (`conflicts`).

pub mod clients;
pub mod conflicts;
pub mod feed;
pub mod pull;
pub mod push;

/// Why a change into an item the server has locked was not written.
pub const LOCKED: &str = "This evidence is final on Pathway, so changes from this device were not saved into it. Your text is kept here: open the evidence online to change it";
