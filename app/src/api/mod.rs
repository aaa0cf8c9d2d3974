//! Server functions: each a thin adapter (authorize → parse → call the server layer → return),
//! with a pinned endpoint so a cached offline client keeps calling the same URL.

pub mod admin;
pub mod auth;
pub mod catalogue;
pub mod decisions;
pub mod oversight;
pub mod panels;
pub mod people;
pub mod portfolio;
#[cfg(feature = "ssr")]
pub mod request;
pub mod sync;
pub mod training;
pub mod vault;
