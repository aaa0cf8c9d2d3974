mod account;
mod admin;
mod admin_org;
mod catalogue;
mod dashboard;
mod home;
mod not_found;
mod portfolio;
mod sign_in;

pub use account::{ChangePassword, SetPassword};
pub use admin::{AdminAudit, AdminPeople};
pub use admin_org::{AdminImport, AdminPerson, AdminTeams};
pub use catalogue::CataloguePage;
pub use dashboard::{dashboards, Dashboards, RoleDashboard};
pub use home::Home;
pub use not_found::NotFound;
pub use portfolio::{CpdLogPage, EvidenceEditor, EvidencePage, MyPathway};
pub use sign_in::SignIn;
