//! The forms an administrator keeps a person's career record with (issue 14 item 1), as
//! they post them: a date comes as one value or as the GOV.UK date input's three boxes.

use serde::{Deserialize, Serialize};

/// A change of career level.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LevelChangeForm {
    pub person_id: String,
    /// A level's code ("social_worker_3").
    #[serde(default)]
    pub level: String,
    /// The date it takes effect: the pay date.
    #[serde(default, deserialize_with = "crate::date_input::text_or_date")]
    pub effective_from: String,
    #[serde(default)]
    pub reason: String,
}

/// A corrected qualification date.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QualificationDateForm {
    pub person_id: String,
    #[serde(default, deserialize_with = "crate::date_input::text_or_date")]
    pub qualification_date: String,
}

/// The choice for someone who is not a social worker on the pathway (administrators,
/// Learning and Development, the panel secretariat).
pub const NOT_ON_PATHWAY: &str = "none";

/// A new person, as the administrator's form posts it. Their career level is required: a
/// level, or [`NOT_ON_PATHWAY`] (never a silent default).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewPersonForm {
    #[serde(default)]
    pub full_name: String,
    #[serde(default)]
    pub email: String,
    #[serde(default)]
    pub job_title: String,
    /// A level's code, or [`NOT_ON_PATHWAY`].
    #[serde(default)]
    pub level: String,
    #[serde(default, deserialize_with = "crate::date_input::text_or_date")]
    pub qualification_date: String,
    #[serde(default)]
    pub registration_number: String,
}
