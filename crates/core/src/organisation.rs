//! The organisation's settings (one row): its password policy, idle period and name.

use crate::accounts::policy::OrganisationPasswordPolicy;
use crate::db::schema::organisation;
use crate::db::stored::Count;
use crate::db::DbConn;
use crate::error::CoreResult;
use diesel::prelude::*;

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = organisation)]
pub struct Organisation {
    pub name: String,
    // The policy's counts cannot be negative: a negative one is a value this version does not know, not 0 (which
    // would switch the rule off).
    #[diesel(deserialize_as = Count)]
    pub min_password_length: u32,
    pub require_upper: bool,
    pub require_lower: bool,
    pub require_digit: bool,
    pub require_symbol: bool,
    #[diesel(deserialize_as = Count)]
    pub password_expiry_days: u32,
    #[diesel(deserialize_as = Count)]
    pub password_reuse_count: u32,
    #[diesel(deserialize_as = Count)]
    pub lockout_attempts: u32,
    #[diesel(deserialize_as = Count)]
    pub lockout_minutes: u32,
    pub idle_minutes: i32,
    pub question_recovery: bool,
}

impl Organisation {
    pub fn load(conn: &mut DbConn) -> CoreResult<Self> {
        Ok(organisation::table.find(1).select(Organisation::as_select()).first(conn)?)
    }

    /// The organisation's own password rules, before they are combined with the system defaults.
    pub fn password_policy(&self) -> OrganisationPasswordPolicy {
        OrganisationPasswordPolicy {
            min_length: self.min_password_length,
            require_upper: self.require_upper,
            require_lower: self.require_lower,
            require_digit: self.require_digit,
            require_symbol: self.require_symbol,
            expiry_days: self.password_expiry_days,
            reuse_count: self.password_reuse_count,
            lockout_attempts: self.lockout_attempts,
            lockout_minutes: self.lockout_minutes,
        }
    }

    /// The idle period, clamped to the 15–30 minutes the guide describes (the column's CHECK holds it there).
    pub fn idle_minutes(&self) -> u16 {
        u16::try_from(self.idle_minutes.clamp(15, 30)).unwrap_or(20)
    }
}
