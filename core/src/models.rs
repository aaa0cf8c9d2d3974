//! Typed records shared by the server and the browser.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What kind of Progression Panel sits on a date (PANEL-1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PanelKind {
    /// The yearly panel near the ASYE cohort's end date.
    AsyeCohort,
    Progression,
}

impl PanelKind {
    pub fn code(self) -> &'static str {
        match self {
            Self::AsyeCohort => "asye_cohort",
            Self::Progression => "progression",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "asye_cohort" => Some(Self::AsyeCohort),
            "progression" => Some(Self::Progression),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::AsyeCohort => "ASYE cohort panel",
            Self::Progression => "Progression Panel",
        }
    }
}

/// A scheduled panel as the calendar shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PanelSummary {
    pub panel_date: NaiveDate,
    pub kind: PanelKind,
    pub location: String,
}
