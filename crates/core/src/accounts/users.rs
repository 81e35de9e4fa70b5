//! Users: a row of `users`, loaded by id or email, with the preferences every screen needs (time zone,
//! records per page), and the rules for email addresses. Creating accounts is `new_accounts`.

use super::policy::PasswordPolicy;
use crate::db::schema::{user_preferences, users};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::{CoreResult, UnknownValue};
use crate::history::Actor;
use crate::time::{self, UserZone};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{Role, UsTimeZone, UserProfile, RECORDS_PER_PAGE};

/// A row of `users`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i32,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    #[diesel(deserialize_as = Stored<Role>)]
    pub role: Role,
    pub password_hash: String,
    pub password_changed_at: i64,
    pub must_change_password: bool,
    pub failed_attempts: i32,
    pub locked_until: Option<i64>,
    pub is_active: bool,
}

impl User {
    pub fn find_by_email(conn: &mut DbConn, email: &str) -> CoreResult<Option<User>> {
        Ok(users::table
            .filter(users::email.eq(normalise_email(email)))
            .select(User::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find(conn: &mut DbConn, id: i32) -> CoreResult<User> {
        Ok(users::table.find(id).select(User::as_select()).first(conn)?)
    }

    pub fn role(&self) -> Role {
        self.role
    }

    pub fn actor(&self) -> Actor<'_> {
        Actor { user_id: Some(self.id), email: &self.email }
    }

    /// Whether the password must be changed before anything else: an initial or reset one, or one older
    /// than the policy's expiry.
    pub fn password_change_due(&self, policy: &PasswordPolicy, now: DateTime<Utc>) -> bool {
        self.must_change_password
            || policy.expiry_days.is_some_and(|days| {
                time::from_millis(self.password_changed_at) + chrono::Duration::days(i64::from(days)) <= now
            })
    }

    /// The user as the UI shows them, with their preferences.
    pub fn profile(&self, conn: &mut DbConn) -> CoreResult<UserProfile> {
        let (zone, observe_daylight_saving, records_per_page) = preferences(conn, self.id)?;
        Ok(UserProfile {
            email: self.email.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            role: self.role(),
            time_zone: zone.zone,
            observe_daylight_saving,
            records_per_page,
        })
    }

    /// The user's zone, for rendering instants for them.
    pub fn zone(&self, conn: &mut DbConn) -> CoreResult<UserZone> {
        Ok(preferences(conn, self.id)?.0)
    }

    /// The user's zone and records per page: how every list is shown to them.
    pub fn view(&self, conn: &mut DbConn) -> CoreResult<UserView> {
        let (zone, _, records_per_page) = preferences(conn, self.id)?;
        Ok(UserView { zone, records_per_page })
    }
}

/// How lists and instants are shown to one user (SPEC AC-7, AC-9).
#[derive(Debug, Clone, Copy)]
pub struct UserView {
    pub zone: UserZone,
    pub records_per_page: u16,
}

/// The user's zone, daylight-saving choice and records per page. Every account gets its preferences row when it
/// is created; a user without one (written by hand) is shown with the defaults new users start with.
fn preferences(conn: &mut DbConn, user_id: i32) -> CoreResult<(UserZone, bool, u16)> {
    let row: Option<(Stored<UsTimeZone>, bool, i32)> = user_preferences::table
        .find(user_id)
        .select((
            user_preferences::time_zone,
            user_preferences::observe_daylight_saving,
            user_preferences::records_per_page,
        ))
        .first(conn)
        .optional()?;
    let Some((Stored(zone), dst, per_page)) = row else {
        let zone = UserZone::default();
        return Ok((zone, zone.observe_daylight_saving, 20));
    };
    let per_page = u16::try_from(per_page)
        .ok()
        .filter(|per_page| RECORDS_PER_PAGE.contains(per_page))
        .ok_or_else(|| UnknownValue::because("records per page", per_page.to_string(), "not 10, 20, 50, 100 or 250"))?;
    Ok((UserZone { zone, observe_daylight_saving: dst }, dst, per_page))
}

/// Emails are identifiers: compared without case and surrounding spaces.
pub fn normalise_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A plain, strict-enough check: one `@`, something before it, a dotted domain after it, no spaces.
pub fn is_valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && domain.contains('.')
        && !domain.contains('@')
        && !email.chars().any(char::is_whitespace)
        && email.len() <= 254
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails() {
        for good in ["a@b.co", "maria.alvarez@northwind.example", "x+tag@sub.domain.org"] {
            assert!(is_valid_email(good), "{good}");
        }
        for bad in ["", "plain", "@b.co", "a@", "a@b", "a b@c.de", "a@.com", "a@b.com.", "a@b@c.com"] {
            assert!(!is_valid_email(bad), "{bad}");
        }
        assert_eq!(normalise_email("  Maria@Northwind.Example "), "maria@northwind.example");
    }
}
