//! The organisation's settings (one row): its password policy, idle period and name.

use crate::accounts::policy::OrganisationPasswordPolicy;
use crate::db::schema::organisation;
use crate::error::CoreResult;
use diesel::prelude::*;
use diesel::SqliteConnection;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organisation)]
pub struct Organisation {
    pub name: String,
    pub min_password_length: i32,
    pub require_upper: bool,
    pub require_lower: bool,
    pub require_digit: bool,
    pub require_symbol: bool,
    pub password_expiry_days: i32,
    pub password_reuse_count: i32,
    pub lockout_attempts: i32,
    pub lockout_minutes: i32,
    pub idle_minutes: i32,
    pub question_recovery: bool,
}

impl Organisation {
    pub fn load(conn: &mut SqliteConnection) -> CoreResult<Self> {
        Ok(organisation::table.find(1).select(Organisation::as_select()).first(conn)?)
    }

    /// The organisation's own password rules, before they are combined with the system defaults.
    pub fn password_policy(&self) -> OrganisationPasswordPolicy {
        let count = |value: i32| u32::try_from(value).unwrap_or(0);
        OrganisationPasswordPolicy {
            min_length: count(self.min_password_length),
            require_upper: self.require_upper,
            require_lower: self.require_lower,
            require_digit: self.require_digit,
            require_symbol: self.require_symbol,
            expiry_days: count(self.password_expiry_days),
            reuse_count: count(self.password_reuse_count),
            lockout_attempts: count(self.lockout_attempts),
            lockout_minutes: count(self.lockout_minutes),
        }
    }

    /// The idle period, clamped to the 15–30 minutes the guide describes.
    pub fn idle_minutes(&self) -> u16 {
        u16::try_from(self.idle_minutes.clamp(15, 30)).unwrap_or(20)
    }
}
