mod accessibility;
mod account;
mod admin;
mod admin_mail;
mod admin_org;
mod catalogue;
mod dashboard;
#[cfg(feature = "hydrate")]
mod deadline_script;
mod decisions;
mod home;
#[cfg(feature = "hydrate")]
mod link_code_script;
mod not_found;
mod notices;
mod offline_set_up;
mod password_form;
#[cfg(feature = "hydrate")]
mod password_form_fetch;
mod portfolio;
mod privacy;
mod sessions;
mod sign_in;
mod sign_out;
#[cfg(feature = "hydrate")]
mod sign_out_script;
mod training;
mod two_step;

pub use accessibility::AccessibilityStatement;
pub use account::{ChangePassword, SetPassword};
pub use admin::{AdminAudit, AdminPeople};
pub use admin_mail::AdminUnsentMail;
pub use admin_org::{AdminImport, AdminPerson, AdminTeams};
pub use catalogue::CataloguePage;
pub use dashboard::{dashboards, Dashboards, RoleDashboard};
pub use decisions::DecisionsPage;
pub use home::Home;
pub use not_found::NotFound;
pub use notices::NoticesPage;
pub use portfolio::{ConflictsPage, CpdLogPage, EvidenceEditor, EvidencePage, MyPathway};
pub use privacy::PrivacyNotice;
pub use sessions::SessionsPage;
pub use sign_in::SignIn;
pub use sign_out::SignOutPage;
pub use training::TrainingListPage;
pub use two_step::{SignInCode, SignInSetUp, TwoStepPage};
