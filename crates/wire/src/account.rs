//! Sign-in, the first administrator, demo data and passwords (SPEC AC-3, AC-4, AC-6, DT-1).

use crate::UsTimeZone;
use serde::{Deserialize, Serialize};

/// What the signed-in user may do beyond recruiting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Administrator,
    Recruiter,
}

impl Role {
    pub const fn label(self) -> &'static str {
        match self {
            Role::Administrator => "Administrator",
            Role::Recruiter => "Recruiter",
        }
    }
}

/// The signed-in user as the UI shows them, with their personal settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserProfile {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
    pub time_zone: UsTimeZone,
    pub observe_daylight_saving: bool,
    pub records_per_page: u16,
}

impl UserProfile {
    pub fn display_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name)
    }
}

/// Whether this installation has users yet; the UI starts on the first-administrator form when not.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AppStatusRequest {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AppStatus {
    pub has_users: bool,
    pub version: String,
    /// When the app was started on demo data (`--demo`): the demo accounts, for the sign-in screen.
    #[serde(default)]
    pub demo_accounts: Vec<DemoAccount>,
}

/// Sent once by the UI when the sign-in (or first-start) form is interactive. The start-up benchmark uses
/// it as its finish line and prints the marks as the start-up's timeline; otherwise it does nothing.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AppReadyRequest {
    /// The web view's time origin (when the page began to load), in milliseconds since the Unix epoch.
    #[serde(default)]
    pub time_origin: f64,
    /// The UI's performance marks and the arrivals of its files, oldest first.
    #[serde(default)]
    pub marks: Vec<StartupMark>,
}

/// One point of the start-up's timeline: a performance mark of the UI's, or one of its files fetched.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StartupMark {
    pub name: String,
    /// Milliseconds since the time origin.
    pub at: f64,
}

/// The first start's form: the first Administrator of an installation with no users.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CreateFirstAdministratorRequest {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub password: String,
    pub confirm_password: String,
}

/// Fill an installation with no users with the demo organisation.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LoadDemoDataRequest {}

/// A demo account and its documented initial password (which must be changed at first sign-in).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoAccount {
    pub email: String,
    pub role: Role,
    pub initial_password: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SignInRequest {
    pub email: String,
    pub password: String,
}

/// A new session. The token is opaque to the UI and sent with every later command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SignedIn {
    pub token: String,
    pub user: UserProfile,
    /// An initial, reset or expired password must be changed before anything else.
    pub must_change_password: bool,
    /// The organisation's idle period; the UI warns a minute before it ends (SPEC AC-6).
    pub idle_minutes: u16,
    /// Fewer than three security questions are set: the Security Questions tab opens as a reminder.
    #[serde(default)]
    pub security_questions_missing: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SignOutRequest {}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CurrentUserRequest {}

/// Check a candidate password against the effective policy as the user types. The reuse rule needs the
/// stored hashes and is only checked when the password is saved.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CheckPasswordRequest {
    pub new_password: String,
    /// Personal words the password must not lean on (the email and names typed on the same form).
    #[serde(default)]
    pub personal_words: Vec<String>,
    /// The password of an account that does not exist yet (the first Administrator): it has no earlier
    /// passwords, so the rule against reusing one is left out.
    #[serde(default)]
    pub new_account: bool,
}

/// One rule of the effective password policy and whether the candidate meets it; `None` for a rule that
/// is only checked when the password is saved (reuse of an earlier password).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordRuleCheck {
    pub rule: String,
    pub met: Option<bool>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ChangePasswordRequest {
    pub old_password: String,
    pub new_password: String,
    pub confirm_password: String,
}
