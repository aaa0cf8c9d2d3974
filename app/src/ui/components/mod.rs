pub mod deadlines;
pub mod hydration_mark;
pub mod markdown;
pub mod my_workers;
pub mod sync_status;
pub mod update_prompt;
