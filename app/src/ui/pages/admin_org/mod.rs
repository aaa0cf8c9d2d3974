//! Administration of the organisation: one person (team, roles, leaving, set-password link),
//! teams, and the CSV bulk import. Forms post straight to the admin server functions, so they
//! work with JavaScript off; the two that answer with something to show (a link, an import
//! report) show it without leaving the page once hydrated (`script`, working on the
//! server's markup).

mod import;
mod person;
#[cfg(feature = "hydrate")]
mod script;
mod teams;

pub use import::AdminImport;
pub use person::AdminPerson;
pub use teams::AdminTeams;
