//! Users: the first administrator, creating accounts, and loading a user with their preferences.

use super::password;
use super::policy::PasswordPolicy;
use crate::db::schema::{password_history, user_preferences, users};
use crate::error::FieldErrors;
use crate::history::{self, Actor, Entry, HistoryKind};
use crate::organisation::Organisation;
use crate::time::{self, UserZone};
use crate::{CoreError, CoreResult};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::SqliteConnection;
use hiredesk_wire::{CreateFirstAdministratorRequest, ErrorKind, Role, UsTimeZone, UserProfile};

/// A row of `users`.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = users)]
pub struct User {
    pub id: i32,
    pub email: String,
    pub first_name: String,
    pub last_name: String,
    pub role: String,
    pub password_hash: String,
    pub password_changed_at: i64,
    pub must_change_password: bool,
    pub failed_attempts: i32,
    pub locked_until: Option<i64>,
    pub is_active: bool,
}

impl User {
    pub fn find_by_email(conn: &mut SqliteConnection, email: &str) -> CoreResult<Option<User>> {
        Ok(users::table
            .filter(users::email.eq(normalise_email(email)))
            .select(User::as_select())
            .first(conn)
            .optional()?)
    }

    pub fn find(conn: &mut SqliteConnection, id: i32) -> CoreResult<User> {
        Ok(users::table.find(id).select(User::as_select()).first(conn)?)
    }

    pub fn role(&self) -> Role {
        if self.role == "Administrator" {
            Role::Administrator
        } else {
            Role::Recruiter
        }
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
    pub fn profile(&self, conn: &mut SqliteConnection) -> CoreResult<UserProfile> {
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
    pub fn zone(&self, conn: &mut SqliteConnection) -> CoreResult<UserZone> {
        Ok(preferences(conn, self.id)?.0)
    }

    /// The user's zone and records per page: how every list is shown to them.
    pub fn view(&self, conn: &mut SqliteConnection) -> CoreResult<UserView> {
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

fn preferences(conn: &mut SqliteConnection, user_id: i32) -> CoreResult<(UserZone, bool, u16)> {
    let row: Option<(String, bool, i32)> = user_preferences::table
        .find(user_id)
        .select((
            user_preferences::time_zone,
            user_preferences::observe_daylight_saving,
            user_preferences::records_per_page,
        ))
        .first(conn)
        .optional()?;
    let (zone, dst, per_page) = row.unwrap_or_else(|| ("Eastern".to_owned(), true, 20));
    let zone = UsTimeZone::from_label(&zone).unwrap_or_default();
    Ok((UserZone { zone, observe_daylight_saving: dst }, dst, u16::try_from(per_page).unwrap_or(20)))
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

/// A new account to write; the password is already hashed.
#[derive(Debug)]
pub struct NewUser<'a> {
    pub email: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub role: Role,
    pub password_hash: &'a str,
    pub must_change_password: bool,
}

/// Inserts a user, their default preferences and the first entry of their password history. Call inside
/// a transaction; the caller writes the History entry.
pub fn insert(conn: &mut SqliteConnection, user: &NewUser<'_>, now: DateTime<Utc>) -> CoreResult<i32> {
    let now_ms = time::to_millis(now);
    let id: i32 = diesel::insert_into(users::table)
        .values((
            users::email.eq(normalise_email(user.email)),
            users::first_name.eq(user.first_name.trim()),
            users::last_name.eq(user.last_name.trim()),
            users::role.eq(user.role.label()),
            users::password_hash.eq(user.password_hash),
            users::password_changed_at.eq(now_ms),
            users::must_change_password.eq(user.must_change_password),
            users::created_at.eq(now_ms),
        ))
        .returning(users::id)
        .get_result(conn)?;
    diesel::insert_into(user_preferences::table).values(user_preferences::user_id.eq(id)).execute(conn)?;
    super::notifications::start_with_defaults(conn, id)?;
    diesel::insert_into(password_history::table)
        .values((
            password_history::user_id.eq(id),
            password_history::password_hash.eq(user.password_hash),
            password_history::created_at.eq(now_ms),
        ))
        .execute(conn)?;
    Ok(id)
}

/// Whether the installation has any user yet.
pub fn any_exist(conn: &mut SqliteConnection) -> CoreResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(users::table.select(users::id))).get_result(conn)?)
}

fn conflict_users_exist() -> CoreError {
    CoreError::user(
        ErrorKind::Conflict,
        "This installation already has users. Sign in, or ask an administrator for an account.",
    )
}

/// Checks the first-administrator form; every field's message at once.
pub fn validate_first_administrator(
    request: &CreateFirstAdministratorRequest,
    policy: &PasswordPolicy,
) -> CoreResult<()> {
    let mut errors = FieldErrors::default();
    if request.email.trim().is_empty() {
        errors.add("email", "Enter an email address.");
    } else if !is_valid_email(request.email.trim()) {
        errors.add("email", "Enter an email address like name@example.com.");
    }
    if request.first_name.trim().is_empty() {
        errors.add("first_name", "Enter a first name.");
    }
    if request.last_name.trim().is_empty() {
        errors.add("last_name", "Enter a last name.");
    }
    let words = [request.email.as_str(), request.first_name.as_str(), request.last_name.as_str()];
    if let Some(refusal) = policy.refusal(&request.password, &words) {
        errors.add("password", refusal);
    }
    if !errors.has("password") && request.password != request.confirm_password {
        errors.add("confirm_password", "The confirmation does not match the password.");
    }
    errors.finish()
}

/// Creates the first Administrator of an installation with no users (SPEC DT-1).
pub fn create_first_administrator(
    conn: &mut SqliteConnection,
    request: &CreateFirstAdministratorRequest,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    if any_exist(conn)? {
        return Err(conflict_users_exist());
    }
    let policy = PasswordPolicy::effective(&Organisation::load(conn)?.password_policy());
    validate_first_administrator(request, &policy)?;
    let phc = password::hash(&request.password)?;
    conn.immediate_transaction(|conn| {
        // Checked again inside the write transaction: two first-start forms must not both succeed.
        if any_exist(conn)? {
            return Err(conflict_users_exist());
        }
        let email = normalise_email(&request.email);
        let id = insert(
            conn,
            &NewUser {
                email: &email,
                first_name: &request.first_name,
                last_name: &request.last_name,
                role: Role::Administrator,
                password_hash: &phc,
                must_change_password: false,
            },
            now,
        )?;
        history::record(
            conn,
            &Entry::account(
                now,
                Actor { user_id: Some(id), email: &email },
                HistoryKind::AccountCreated,
                format!("First Administrator {email} created"),
            ),
        )
    })
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
