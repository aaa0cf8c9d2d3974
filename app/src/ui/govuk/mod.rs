//! The GOV.UK Design System components the pages use, written once: every page builds its
//! tables, forms, errors and banners from these, so the markup (and its accessibility
//! attributes) is right in one place. Names follow the Design System's.

pub mod choices;
pub mod date_input;
pub mod errors;
pub mod form_group;
pub mod loaded;
pub mod notification_banner;
pub mod pagination;
pub mod panel;
pub mod summary_list;
pub mod table;
pub mod tag;
pub mod task_list;

pub use choices::{Radios, TextArea};
pub use date_input::DateInput;
pub use errors::{error_for, posted_error, posted_errors, ErrorMessage, ErrorSummary};
pub use form_group::{group_class, TextInput};
pub use loaded::{Failed, Loaded};
pub use notification_banner::NotificationBanner;
pub use pagination::Pagination;
pub use panel::Panel;
pub use summary_list::{SummaryList, SummaryRow};
pub use table::{Cell, Column, Row, Table};
pub use tag::{Tag, TagColour};
pub use task_list::{TaskList, TaskListItem};

#[cfg(all(test, feature = "ssr"))]
mod tests;
