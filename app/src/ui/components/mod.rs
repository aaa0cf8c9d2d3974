pub mod deadlines;
pub mod hydration_mark;
pub mod markdown;
pub mod sync_status;
#[cfg(feature = "hydrate")]
pub mod sync_status_script;
pub mod update_prompt;
pub mod worker_list;
