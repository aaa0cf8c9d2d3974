//! Who is signed in and what roles they hold: the types the server and the browser share.
//! Secrets (password hashes, session ids) never appear here.

use crate::email::Email;
use crate::ids::PersonId;
use serde::{Deserialize, Serialize};

/// A role grant (DOMAIN.md "People and roles"). A person may hold several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Practitioner,
    PracticeSupervisor,
    TeamManager,
    ServiceManager,
    PanelChair,
    PanelMember,
    PanelSecretariat,
    LdAdministrator,
    Administrator,
}

impl Role {
    pub const ALL: [Role; 9] = [
        Role::Practitioner,
        Role::PracticeSupervisor,
        Role::TeamManager,
        Role::ServiceManager,
        Role::PanelChair,
        Role::PanelMember,
        Role::PanelSecretariat,
        Role::LdAdministrator,
        Role::Administrator,
    ];

    /// The code stored in `role_grants.role`.
    pub fn code(self) -> &'static str {
        match self {
            Role::Practitioner => "practitioner",
            Role::PracticeSupervisor => "practice_supervisor",
            Role::TeamManager => "team_manager",
            Role::ServiceManager => "service_manager",
            Role::PanelChair => "panel_chair",
            Role::PanelMember => "panel_member",
            Role::PanelSecretariat => "panel_secretariat",
            Role::LdAdministrator => "ld_administrator",
            Role::Administrator => "administrator",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|role| role.code() == code)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Practitioner => "Practitioner",
            Role::PracticeSupervisor => "Practice supervisor",
            Role::TeamManager => "Team manager",
            Role::ServiceManager => "Service manager",
            Role::PanelChair => "Panel chair",
            Role::PanelMember => "Panel member",
            Role::PanelSecretariat => "Panel secretariat",
            Role::LdAdministrator => "L&D administrator",
            Role::Administrator => "Administrator",
        }
    }

    /// Where this role's dashboard lives.
    pub fn dashboard_path(self) -> &'static str {
        match self {
            Role::Practitioner => "/dashboard/practitioner",
            Role::PracticeSupervisor => "/dashboard/supervisor",
            Role::TeamManager => "/dashboard/team-manager",
            Role::ServiceManager => "/dashboard/service-manager",
            Role::PanelChair | Role::PanelMember => "/dashboard/panel",
            Role::PanelSecretariat => "/dashboard/secretariat",
            Role::LdAdministrator => "/dashboard/learning",
            Role::Administrator => "/admin/people",
        }
    }
}

/// A person's two-step sign-in as their account page shows it (issue 17 item 6).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepStatus {
    pub on: bool,
    pub recovery_codes_left: usize,
    /// The person's role needs it, so it cannot be turned off.
    pub required: bool,
}

/// One of a person's signed-in sessions, as their sessions page lists it (issue 17 item 7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionView {
    /// An opaque handle for ending it (not the session's token, nor its stored digest).
    pub id: String,
    pub started: String,
    pub last_used: String,
    pub ip: String,
    pub browser: String,
    /// The session this page was loaded with.
    pub current: bool,
}

/// A browser a person has signed in on, as their sessions page lists it (issue 17 item 7).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceView {
    /// An opaque handle for forgetting it (not the cookie, nor its stored digest).
    pub id: String,
    pub first_used: String,
    pub last_sign_in: String,
    pub browser: String,
    /// When its owner set it up to unlock drafts with no network, if they did.
    pub offline_since: Option<String>,
    /// The browser this page was loaded in.
    pub current: bool,
}

/// What a device needs to open the drafts it keeps (`vault/key`): the newest unlock key and
/// its version, the older version it asked for (if it still wraps with one), and whether
/// this device is still set up for offline drafting.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlockKeys {
    pub version: i64,
    pub key: String,
    pub held: Option<String>,
    pub offline: bool,
}

/// The organisation's OpenID provider, when one is configured (issue 17 item 12): its issuer
/// (links are made against it) and the name its sign-in button shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IdentityProvider {
    pub issuer: String,
    pub name: String,
}

/// A two-step set-up begun and waiting for its first code: what the set-up page shows once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TwoStepSetup {
    /// The key to type into an app that cannot scan, in groups of four.
    pub key: String,
    /// The same as a QR code (an `otpauth://` address), drawn as SVG.
    pub qr_svg: String,
    /// Ten single-use codes for when the app is not to hand, shown only now.
    pub recovery_codes: Vec<String>,
}

/// The signed-in person as the UI sees them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub person_id: PersonId,
    pub name: String,
    pub email: Email,
    pub roles: Vec<Role>,
}

impl CurrentUser {
    pub fn has(&self, role: Role) -> bool {
        self.roles.contains(&role)
    }
}

/// One person's record as a permitted viewer sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonRecord {
    pub id: PersonId,
    pub full_name: String,
    pub email: Email,
    pub job_title: String,
    pub qualification_date: Option<String>,
    pub registration_number: Option<String>,
    pub active: bool,
    pub level: Option<String>,
    pub team: Option<String>,
    pub roles: Vec<Role>,
}

/// One dated level (a change of level is a new row, never an overwrite).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "server", derive(sqlx::FromRow))]
pub struct LevelEntry {
    pub level: String,
    pub effective_from: String,
    pub reason: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_codes_round_trip() {
        for role in Role::ALL {
            assert_eq!(Role::from_code(role.code()), Some(role));
        }
        assert_eq!(Role::from_code("superuser"), None);
    }
}
