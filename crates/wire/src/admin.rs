//! Administration (SPEC AC-3, AC-4): users and the organisation's security policy. Administrators only; the
//! core refuses everyone else.

use crate::Role;
use serde::{Deserialize, Serialize};

/// A user as the Users list shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UserRow {
    pub id: i32,
    pub email: String,
    pub name: String,
    pub role: Role,
    pub active: bool,
    /// In the administrator's time zone, while the account is locked.
    pub locked_until: Option<String>,
    /// The temporary password has not been changed yet.
    pub must_change_password: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListUsersRequest {}

/// A temporary password, shown once to the administrator; the user must change it at first sign-in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemporaryPassword {
    pub email: String,
    pub password: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreateUserRequest {
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: Role,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResetPasswordRequest {
    pub user_id: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetUserActiveRequest {
    pub user_id: i32,
    pub active: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnlockUserRequest {
    pub user_id: i32,
}

/// The organisation's own security rules; 0 means "no requirement of its own" for the numbers.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityPolicy {
    pub min_length: u32,
    pub require_upper: bool,
    pub require_lower: bool,
    pub require_digit: bool,
    pub require_symbol: bool,
    pub expiry_days: u32,
    pub reuse_count: u32,
    pub lockout_attempts: u32,
    pub lockout_minutes: u32,
    /// 15 to 30.
    pub idle_minutes: u32,
    pub question_recovery: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityPolicyView {
    pub organisation: SecurityPolicy,
    /// One line for each rule the system defaults already enforce more strictly than the organisation asks.
    pub system_stricter: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SecurityPolicyRequest {}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveSecurityPolicyRequest(pub SecurityPolicy);
