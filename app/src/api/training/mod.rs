//! Learning & Development's list of core and development courses (PATH-MGMT-3): anyone
//! signed in reads the list in force (it names courses, not people); L&D administrators and
//! administrators publish a new version by adding or removing a course.

pub mod add_course;
pub mod current;
pub mod remove_course;

use serde::{Deserialize, Serialize};

/// What the training page shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrainingPage {
    pub list: Option<pathway_core::domain::TrainingList>,
    /// The caller may publish a new version.
    pub can_edit: bool,
}
