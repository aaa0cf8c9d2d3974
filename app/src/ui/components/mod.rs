pub mod deadlines;
pub mod markdown;
pub mod my_workers;
pub mod sync_status;
pub mod update_prompt;
