//! Reading a person's records, as the policy in `server::authz` allows.

pub mod get;
pub mod level_history;
