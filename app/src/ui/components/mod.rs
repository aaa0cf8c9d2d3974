pub mod deadlines;
pub mod error_summary;
pub mod markdown;
pub mod sync_status;
