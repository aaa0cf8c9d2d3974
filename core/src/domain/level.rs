//! Career pathway levels (policy §5) and the transitions between them
//! (PATH-ASYE, PATH-L3, PATH-MGMT).

use serde::{Deserialize, Serialize};
use std::fmt;

/// A level on the career pathway. Only the policy §5 titles are used
/// ("no other terms or descriptors"), see [`Level::title`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    Asye,
    SocialWorker2,
    SocialWorker3,
    SeniorPractitioner,
    TeamManager,
}

impl Level {
    /// Every level, lowest first.
    pub const ALL: [Level; 5] = [
        Level::Asye,
        Level::SocialWorker2,
        Level::SocialWorker3,
        Level::SeniorPractitioner,
        Level::TeamManager,
    ];

    /// The title exactly as the career pathway (policy §5) names it.
    pub fn title(self) -> &'static str {
        match self {
            Level::Asye => "Level 1 Newly Qualified Social Worker (ASYE)",
            Level::SocialWorker2 => "Level 2 Social Worker",
            Level::SocialWorker3 => "Level 3 Social Worker",
            Level::SeniorPractitioner => "Senior Practitioner",
            Level::TeamManager => "Team Manager",
        }
    }

    /// The next level on the pathway, if any.
    pub fn next(self) -> Option<Level> {
        match self {
            Level::Asye => Some(Level::SocialWorker2),
            Level::SocialWorker2 => Some(Level::SocialWorker3),
            Level::SocialWorker3 => Some(Level::SeniorPractitioner),
            Level::SeniorPractitioner => Some(Level::TeamManager),
            Level::TeamManager => None,
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.title())
    }
}

/// A progression route with its own requirement catalogue.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Transition {
    /// Level 1 (ASYE) → Level 2, decided by the ASYE cohort panel (policy §6(i)).
    #[serde(rename = "PATH-ASYE")]
    PathAsye,
    /// Level 2 → Level 3, decided by the Progression Panel (policy §6(ii), §7).
    #[serde(rename = "PATH-L3")]
    PathL3,
    /// Readiness for Senior Practitioner or management; appointment is by job
    /// application, Pathway only shows readiness (policy §6(iii)).
    #[serde(rename = "PATH-MGMT")]
    PathMgmt,
}

impl Transition {
    pub const ALL: [Transition; 3] = [
        Transition::PathAsye,
        Transition::PathL3,
        Transition::PathMgmt,
    ];

    /// The rule id used in DOMAIN.md, tests and the database: `"PATH-L3"`.
    pub fn id(self) -> &'static str {
        match self {
            Transition::PathAsye => "PATH-ASYE",
            Transition::PathL3 => "PATH-L3",
            Transition::PathMgmt => "PATH-MGMT",
        }
    }

    /// Parses an id such as `"PATH-L3"`.
    pub fn from_id(id: &str) -> Option<Transition> {
        Transition::ALL.into_iter().find(|t| t.id() == id)
    }

    /// The level a worker is at when this transition applies.
    pub fn from_level(self) -> Level {
        match self {
            Transition::PathAsye => Level::Asye,
            Transition::PathL3 => Level::SocialWorker2,
            Transition::PathMgmt => Level::SocialWorker3,
        }
    }

    /// The level the worker reaches (PATH-MGMT: Senior Practitioner, the first
    /// management-track role; Team Manager is reached the same way).
    pub fn to_level(self) -> Level {
        match self {
            Transition::PathAsye => Level::SocialWorker2,
            Transition::PathL3 => Level::SocialWorker3,
            Transition::PathMgmt => Level::SeniorPractitioner,
        }
    }

    /// The transition a worker at `level` works towards. A Senior Practitioner
    /// looks at management readiness too; a Team Manager has none.
    pub fn for_level(level: Level) -> Option<Transition> {
        match level {
            Level::Asye => Some(Transition::PathAsye),
            Level::SocialWorker2 => Some(Transition::PathL3),
            Level::SocialWorker3 | Level::SeniorPractitioner => Some(Transition::PathMgmt),
            Level::TeamManager => None,
        }
    }

    /// `"Level 2 Social Worker to Level 3 Social Worker"`.
    pub fn title(self) -> String {
        match self {
            Transition::PathMgmt => {
                "Level 3 Social Worker to Senior Practitioner or management".to_owned()
            }
            _ => format!("{} to {}", self.from_level(), self.to_level()),
        }
    }
}

impl fmt::Display for Transition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_titles_match_policy_section_5() {
        let titles: Vec<&str> = Level::ALL.iter().map(|l| l.title()).collect();
        assert_eq!(
            titles,
            [
                "Level 1 Newly Qualified Social Worker (ASYE)",
                "Level 2 Social Worker",
                "Level 3 Social Worker",
                "Senior Practitioner",
                "Team Manager",
            ]
        );
    }

    #[test]
    fn levels_are_ordered_and_chained() {
        for pair in Level::ALL.windows(2) {
            assert!(pair[0] < pair[1]);
            assert_eq!(pair[0].next(), Some(pair[1]));
        }
        assert_eq!(Level::TeamManager.next(), None);
    }

    #[test]
    fn transitions_connect_levels() {
        assert_eq!(
            Transition::for_level(Level::Asye),
            Some(Transition::PathAsye)
        );
        assert_eq!(
            Transition::for_level(Level::SocialWorker2),
            Some(Transition::PathL3)
        );
        assert_eq!(Transition::for_level(Level::TeamManager), None);
        for t in Transition::ALL {
            assert_eq!(Transition::from_id(t.id()), Some(t));
            assert_eq!(t.from_level().next(), Some(t.to_level()));
        }
        assert_eq!(
            Transition::PathL3.title(),
            "Level 2 Social Worker to Level 3 Social Worker"
        );
    }

    #[test]
    fn transition_serializes_as_rule_id() {
        let json = serde_json::to_string(&Transition::PathL3).expect("serialize");
        assert_eq!(json, "\"PATH-L3\"");
    }
}
