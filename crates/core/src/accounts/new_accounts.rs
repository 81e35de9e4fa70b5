//! Creating accounts: the first Administrator of a new installation (SPEC DT-1), and the one insert every new
//! account goes through (with its preferences, the organisation's notification defaults and the first entry of
//! its password history), used by Administration, the demo and the benchmark seed.

use super::notification_preferences;
use super::password;
use super::password_store::NewPasswordHistory;
use super::policy::PasswordPolicy;
use super::users::{is_valid_email, normalise_email};
use crate::db::schema::{password_history, user_preferences, users};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult, FieldErrors};
use crate::history::{self, Actor, Entry, HistoryKind};
use crate::organisation::Organisation;
use crate::time;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{CreateFirstAdministratorRequest, ErrorKind, Role};

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

/// A row of `users` as written: the email normalised, the names trimmed.
#[derive(Insertable)]
#[diesel(table_name = users)]
struct UserRow<'a> {
    email: String,
    first_name: &'a str,
    last_name: &'a str,
    #[diesel(serialize_as = Stored<Role>)]
    role: Role,
    password_hash: &'a str,
    password_changed_at: i64,
    must_change_password: bool,
    created_at: i64,
}

/// Inserts a user, their default preferences and the first entry of their password history. Call inside
/// a transaction; the caller writes the History entry.
pub fn insert(conn: &mut DbConn, user: &NewUser<'_>, now: DateTime<Utc>) -> CoreResult<i32> {
    let now_ms = time::to_millis(now);
    let row = UserRow {
        email: normalise_email(user.email),
        first_name: user.first_name.trim(),
        last_name: user.last_name.trim(),
        role: user.role,
        password_hash: user.password_hash,
        password_changed_at: now_ms,
        must_change_password: user.must_change_password,
        created_at: now_ms,
    };
    let id: i32 = diesel::insert_into(users::table).values(row).returning(users::id).get_result(conn)?;
    diesel::insert_into(user_preferences::table).values(user_preferences::user_id.eq(id)).execute(conn)?;
    notification_preferences::start_with_defaults(conn, id)?;
    diesel::insert_into(password_history::table)
        .values(NewPasswordHistory { user_id: id, password_hash: user.password_hash, created_at: now_ms })
        .execute(conn)?;
    Ok(id)
}

/// Whether the installation has any user yet.
pub fn any_exist(conn: &mut DbConn) -> CoreResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(users::table.select(users::id))).get_result(conn)?)
}

fn conflict_users_exist() -> CoreError {
    CoreError::user(
        ErrorKind::Conflict,
        "This installation already has users. Sign in, or ask an administrator for an account.",
    )
}

/// Checks the first-administrator form; every field's message at once.
/// The text rules every account's email and names meet, whoever creates the account.
pub(crate) fn check_identity(errors: &mut FieldErrors, email: &str, first_name: &str, last_name: &str) {
    use crate::validation::TextRule;
    TextRule::EMAIL.check(errors, "email", email);
    TextRule::NAME.check(errors, "first_name", first_name);
    TextRule::NAME.check(errors, "last_name", last_name);
}

pub fn validate_first_administrator(
    request: &CreateFirstAdministratorRequest,
    policy: &PasswordPolicy,
) -> CoreResult<()> {
    let mut errors = FieldErrors::default();
    check_identity(&mut errors, &request.email, &request.first_name, &request.last_name);
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
    conn: &mut DbConn,
    request: &CreateFirstAdministratorRequest,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    if any_exist(conn)? {
        return Err(conflict_users_exist());
    }
    let policy = PasswordPolicy::effective(&Organisation::load(conn)?.password_policy());
    validate_first_administrator(request, &policy)?;
    let phc = password::hash(&request.password)?;
    crate::db::write(conn, |conn| {
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
