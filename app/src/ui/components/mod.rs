pub mod deadlines;
pub mod error_summary;
