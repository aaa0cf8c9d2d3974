//! Administration of the organisation: one person (team, roles, leaving, set-password link),
//! teams, and the CSV bulk import. Forms post straight to the admin server functions, so they
//! work with JavaScript off; the two that answer with something to show (a link, an import
//! report) are enhanced with `ActionForm` when the page has hydrated.

mod import;
mod person;
mod teams;

pub use import::AdminImport;
pub use person::AdminPerson;
pub use teams::AdminTeams;
