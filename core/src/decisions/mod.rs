//! Managers' decisions as the pages and the server exchange them (issue 14): the form a
//! manager posts, checked here against DEC-2 and DEC-3 before anything is stored, and what
//! the decisions page shows. The rules themselves are in `domain::decisions`.

pub mod form;
pub mod supervision;
pub mod views;
