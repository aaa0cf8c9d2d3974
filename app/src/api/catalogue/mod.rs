//! The requirement catalogue: read-only in the app; a new policy version is a new row.

pub mod list;
