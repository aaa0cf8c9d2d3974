pub mod deadlines;
pub mod hydration_mark;
pub mod markdown;
pub mod my_workers;
pub mod sync_status;
#[cfg(feature = "hydrate")]
pub mod sync_status_script;
pub mod update_prompt;
