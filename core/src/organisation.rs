//! Administration records shared by the server and the browser: people, teams, the audit
//! log and the bulk import report.

use crate::email::Email;
use crate::error::FieldError;
use crate::identity::Role;
use crate::ids::{PersonId, TeamId};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonSummary {
    pub id: PersonId,
    pub full_name: String,
    pub email: Email,
    pub job_title: String,
    pub team: Option<String>,
    pub active: bool,
    pub roles: Vec<Role>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sqlx::FromRow))]
pub struct TeamSummary {
    pub id: TeamId,
    pub name: String,
    pub service_area: String,
    pub team_manager: Option<String>,
    pub members: i64,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditFilter {
    pub action: Option<String>,
    pub actor: Option<String>,
    pub record_id: Option<String>,
    /// "YYYY-MM-DD"
    pub from: Option<String>,
    /// "YYYY-MM-DD", inclusive
    pub to: Option<String>,
}

impl AuditFilter {
    /// What is wrong with the filter's dates (typed in the date input's three boxes), field
    /// by field; empty when nothing is.
    pub fn problems(&self) -> Vec<FieldError> {
        [("from", "From", &self.from), ("to", "To", &self.to)]
            .into_iter()
            .filter_map(|(field, label, value)| {
                let value = value.as_deref().unwrap_or("").trim();
                if value.is_empty() {
                    return None;
                }
                crate::date_input::parse_date_value(value)
                    .err()
                    .map(|problem| FieldError::new(field, problem.message(label, String::new())))
            })
            .collect()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sqlx::FromRow))]
pub struct AuditEntry {
    pub occurred_at: String,
    /// The actor's name; empty for anonymous events.
    pub actor: String,
    pub action: String,
    pub record_type: String,
    pub record_id: String,
    pub detail: String,
    pub ip: String,
}

/// Many refusals for one person in a short time (issue 17 item 9): someone probing for
/// records they may not see, or a screen that keeps asking for the wrong thing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RefusalBurst {
    pub person_id: String,
    /// Their name as it stands now.
    pub name: String,
    pub refusals: usize,
    /// The first and last refusal of the busiest stretch (UTC timestamps).
    pub from: String,
    pub to: String,
}

/// One problem in one field of one CSV row (row 1 is the first data row after the header).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportProblem {
    pub row: usize,
    pub field: String,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    /// People created; zero whenever `problems` is not empty (all or nothing).
    pub imported: usize,
    pub problems: Vec<ImportProblem>,
}

/// Someone the signed-in person supervises or manages now, for their dashboard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkerSummary {
    pub id: PersonId,
    pub full_name: String,
    pub job_title: String,
    pub team: Option<String>,
    /// How the viewer relates to them: "Practice supervisor", "Team manager", "Service manager".
    pub relation: String,
}
