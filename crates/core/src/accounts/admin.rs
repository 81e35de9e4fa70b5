//! Administration (SPEC AC-3, AC-4): users and the organisation's security policy. Every function here
//! refuses anyone but an Administrator, whatever the UI shows.

use super::new_accounts::{self, NewUser};
use super::password_store::NewPassword;
use super::policy::PasswordPolicy;
use super::users::{is_valid_email, normalise_email, User};
use super::{password, SignedInUser};
use crate::command::{Access, Context, Handle, Wakes};
use crate::db::schema::{organisation, sessions, users as users_table};
use crate::db::DbConn;
use crate::error::FieldErrors;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, changes_details, Entry, HistoryKind};
use crate::organisation::Organisation;
use crate::time;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{
    CreateUserRequest, ErrorKind, FieldChange, ListUsersRequest, ResetPasswordRequest, SaveSecurityPolicyRequest,
    SecurityPolicy, SecurityPolicyRequest, SecurityPolicyView, SetUserActiveRequest, TemporaryPassword,
    UnlockUserRequest, UserRow,
};

/// Letters and digits that cannot be mistaken for one another when read out (no 0/O, 1/l/I).
const UNAMBIGUOUS: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";

/// A temporary password: sixteen unambiguous characters (about 92 random bits) in four groups, easy to read
/// out and type once.
fn temporary_password() -> CoreResult<String> {
    let mut chosen = Vec::with_capacity(16);
    // Rejection sampling keeps every character equally likely.
    let limit = u8::try_from(256 / UNAMBIGUOUS.len() * UNAMBIGUOUS.len()).unwrap_or(u8::MAX);
    while chosen.len() < 16 {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|error| CoreError::Hashing(format!("no randomness available: {error}")))?;
        chosen.extend(
            bytes.iter().filter(|byte| **byte < limit).map(|byte| UNAMBIGUOUS[usize::from(*byte) % UNAMBIGUOUS.len()]),
        );
    }
    chosen.truncate(16);
    Ok(chosen.chunks(4).map(|chunk| String::from_utf8_lossy(chunk).into_owned()).collect::<Vec<_>>().join("-"))
}

/// The email that gives a user their temporary password (also shown once to the administrator).
fn temporary_password_email(email: &str, first_name: &str, temporary: &str, new_account: bool) -> crate::mail::Email {
    let opening = if new_account {
        "An account has been created for you in Hiredesk"
    } else {
        "Your Hiredesk password has been reset"
    };
    crate::mail::Email {
        to: email.to_owned(),
        subject: if new_account { "Your new Hiredesk account" } else { "Your Hiredesk password was reset" }.to_owned(),
        text: format!(
            "Hello {},\n\n{opening}. Sign in with\n\n  Email: {email}\n  Temporary password: {temporary}\n\n\
             You will be asked to choose your own password at once.\n",
            first_name.trim()
        ),
        html: None,
        job_seeker_id: None,
        user_id: None,
        secret: Some(temporary.to_owned()),
    }
}

/// Every user, active ones first, by name.
pub fn list(conn: &mut DbConn, signed_in: &SignedInUser, now: DateTime<Utc>) -> CoreResult<Vec<UserRow>> {
    let zone = signed_in.user.zone(conn)?;
    let rows: Vec<User> = users_table::table
        .order((users_table::is_active.desc(), users_table::last_name, users_table::first_name))
        .select(User::as_select())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|user| UserRow {
            id: user.id,
            role: user.role(),
            name: format!("{} {}", user.first_name, user.last_name),
            active: user.is_active,
            locked_until: user
                .locked_until
                .map(time::from_millis)
                .filter(|until| *until > now)
                .map(|until| time::render(until, zone)),
            must_change_password: user.must_change_password,
            email: user.email,
        })
        .collect())
}

fn find(conn: &mut DbConn, user_id: i32) -> CoreResult<User> {
    users_table::table
        .find(user_id)
        .select(User::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This user no longer exists."))
}

/// Creates a user with a temporary password, which is returned once and must be changed at first sign-in.
pub fn create(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &CreateUserRequest,
    now: DateTime<Utc>,
) -> CoreResult<TemporaryPassword> {
    let email = normalise_email(&request.email);
    let mut errors = FieldErrors::default();
    new_accounts::check_identity(&mut errors, &request.email, &request.first_name, &request.last_name);
    if errors.has("email") {
        // Refused already: not looked up.
    } else if !is_valid_email(&email) {
        errors.add("email", "Enter an email address like name@example.com.");
    } else if User::find_by_email(conn, &email)?.is_some() {
        errors.add("email", "A user with this email already exists. Reactivate or reset that account instead.");
    }
    if request.first_name.trim().is_empty() {
        errors.add("first_name", "Enter a first name.");
    }
    if request.last_name.trim().is_empty() {
        errors.add("last_name", "Enter a last name.");
    }
    errors.finish()?;
    let temporary = temporary_password()?;
    let phc = password::hash(&temporary)?;
    crate::db::write(conn, |conn| {
        new_accounts::insert(
            conn,
            &NewUser {
                email: &email,
                first_name: &request.first_name,
                last_name: &request.last_name,
                role: request.role,
                password_hash: &phc,
                must_change_password: true,
            },
            now,
        )?;
        crate::mail::enqueue(conn, &temporary_password_email(&email, &request.first_name, &temporary, true), now)?;
        let summary = format!("{} {email} created", request.role.label());
        history::record(conn, &Entry::account(now, signed_in.user.actor(), HistoryKind::AccountCreated, summary))
    })?;
    Ok(TemporaryPassword { email, password: temporary })
}

/// Replaces a user's password with a temporary one that must be changed at the next sign-in, unlocks the
/// account, and ends the user's sessions.
pub fn reset_password(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    user_id: i32,
    now: DateTime<Utc>,
) -> CoreResult<TemporaryPassword> {
    let user = find(conn, user_id)?;
    let temporary = temporary_password()?;
    let phc = password::hash(&temporary)?;
    crate::db::write(conn, |conn| {
        let temporary_one = NewPassword {
            password_hash: &phc,
            password_changed_at: time::to_millis(now),
            must_change_password: true,
            failed_attempts: 0,
            locked_until: None,
        };
        diesel::update(users_table::table.find(user.id)).set(&temporary_one).execute(conn)?;
        diesel::delete(sessions::table.filter(sessions::user_id.eq(user.id))).execute(conn)?;
        crate::mail::enqueue(conn, &temporary_password_email(&user.email, &user.first_name, &temporary, false), now)?;
        let summary = format!("Password of {} reset by an administrator", user.email);
        history::record(conn, &Entry::account(now, signed_in.user.actor(), HistoryKind::PasswordReset, summary))
    })?;
    Ok(TemporaryPassword { email: user.email, password: temporary })
}

/// Deactivates (signing the user out everywhere) or reactivates an account. Administrators cannot
/// deactivate themselves, so an installation always keeps one who can sign in.
pub fn set_active(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    user_id: i32,
    active: bool,
    now: DateTime<Utc>,
) -> CoreResult<Vec<UserRow>> {
    if user_id == signed_in.user.id && !active {
        return Err(CoreError::user(ErrorKind::Conflict, "You cannot deactivate your own account."));
    }
    let user = find(conn, user_id)?;
    if user.is_active != active {
        crate::db::write(conn, |conn| {
            diesel::update(users_table::table.find(user.id)).set(users_table::is_active.eq(active)).execute(conn)?;
            if !active {
                diesel::delete(sessions::table.filter(sessions::user_id.eq(user.id))).execute(conn)?;
            }
            let (kind, verb) = if active {
                (HistoryKind::UserReactivated, "reactivated")
            } else {
                (HistoryKind::UserDeactivated, "deactivated")
            };
            history::record(conn, &Entry::account(now, signed_in.user.actor(), kind, format!("{} {verb}", user.email)))
        })?;
    }
    list(conn, signed_in, now)
}

/// Ends a lockout before its time.
pub fn unlock(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    user_id: i32,
    now: DateTime<Utc>,
) -> CoreResult<Vec<UserRow>> {
    let user = find(conn, user_id)?;
    if user.locked_until.is_some() || user.failed_attempts > 0 {
        crate::db::write(conn, |conn| {
            diesel::update(users_table::table.find(user.id))
                .set((users_table::failed_attempts.eq(0), users_table::locked_until.eq(None::<i64>)))
                .execute(conn)?;
            history::record(
                conn,
                &Entry::account(
                    now,
                    signed_in.user.actor(),
                    HistoryKind::UserUnlocked,
                    format!("{} unlocked", user.email),
                ),
            )
        })?;
    }
    list(conn, signed_in, now)
}

fn to_wire(organisation: &Organisation) -> SecurityPolicy {
    let policy = organisation.password_policy();
    SecurityPolicy {
        min_length: policy.min_length,
        require_upper: policy.require_upper,
        require_lower: policy.require_lower,
        require_digit: policy.require_digit,
        require_symbol: policy.require_symbol,
        expiry_days: policy.expiry_days,
        reuse_count: policy.reuse_count,
        lockout_attempts: policy.lockout_attempts,
        lockout_minutes: policy.lockout_minutes,
        idle_minutes: u32::from(organisation.idle_minutes()),
        question_recovery: organisation.question_recovery,
    }
}

/// Where the system defaults are stricter than what the organisation asks, in the administrator's words.
fn system_stricter(organisation: &SecurityPolicy) -> Vec<String> {
    let system = PasswordPolicy::SYSTEM;
    let mut notes = Vec::new();
    if organisation.min_length < system.min_length {
        notes.push(format!("Minimum length: the system already requires at least {} characters.", system.min_length));
    }
    if organisation.reuse_count < system.reuse_count {
        notes.push(format!("Passwords remembered: the system already refuses the last {}.", system.reuse_count));
    }
    if organisation.lockout_attempts == 0 || organisation.lockout_attempts > system.lockout_attempts {
        notes.push(format!("Failed attempts: the system already locks an account after {}.", system.lockout_attempts));
    }
    if organisation.lockout_minutes < system.lockout_minutes {
        notes.push(format!("Lockout: the system already locks for at least {} minutes.", system.lockout_minutes));
    }
    notes
}

/// The columns of `organisation` the security policy form saves.
#[derive(AsChangeset)]
#[diesel(table_name = organisation)]
struct PolicyColumns {
    min_password_length: i32,
    require_upper: bool,
    require_lower: bool,
    require_digit: bool,
    require_symbol: bool,
    password_expiry_days: i32,
    password_reuse_count: i32,
    lockout_attempts: i32,
    lockout_minutes: i32,
    idle_minutes: i32,
    question_recovery: bool,
}

impl From<&SecurityPolicy> for PolicyColumns {
    /// The form's numbers are checked against their limits before saving, so each fits an INTEGER column.
    fn from(policy: &SecurityPolicy) -> Self {
        let number = |value: u32| i32::try_from(value).unwrap_or(i32::MAX);
        PolicyColumns {
            min_password_length: number(policy.min_length),
            require_upper: policy.require_upper,
            require_lower: policy.require_lower,
            require_digit: policy.require_digit,
            require_symbol: policy.require_symbol,
            password_expiry_days: number(policy.expiry_days),
            password_reuse_count: number(policy.reuse_count),
            lockout_attempts: number(policy.lockout_attempts),
            lockout_minutes: number(policy.lockout_minutes),
            idle_minutes: number(policy.idle_minutes),
            question_recovery: policy.question_recovery,
        }
    }
}

pub fn policy(conn: &mut DbConn) -> CoreResult<SecurityPolicyView> {
    let organisation = to_wire(&Organisation::load(conn)?);
    Ok(SecurityPolicyView { system_stricter: system_stricter(&organisation), organisation })
}

/// Saves the organisation's rules; the effective policy is then the stricter of these and the system's.
pub fn save_policy(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    new: &SecurityPolicy,
    now: DateTime<Utc>,
) -> CoreResult<SecurityPolicyView> {
    let mut errors = FieldErrors::default();
    if new.min_length > PasswordPolicy::SYSTEM.max_length {
        errors.add(
            "min_length",
            format!("Passwords can be at most {} characters long.", PasswordPolicy::SYSTEM.max_length),
        );
    }
    if !(15..=30).contains(&new.idle_minutes) {
        errors.add("idle_minutes", "Choose an idle period from 15 to 30 minutes.");
    }
    for (field, value, limit) in [
        ("expiry_days", new.expiry_days, 3650),
        ("reuse_count", new.reuse_count, 24),
        ("lockout_attempts", new.lockout_attempts, 100),
        ("lockout_minutes", new.lockout_minutes, 1440),
    ] {
        if value > limit {
            errors.add(field, format!("Use a number from 0 to {limit}."));
        }
    }
    errors.finish()?;
    crate::db::write(conn, |conn| {
        let old = to_wire(&Organisation::load(conn)?);
        diesel::update(organisation::table.find(1)).set(PolicyColumns::from(new)).execute(conn)?;
        let old_text = serde_json::to_value(old).unwrap_or_default();
        let new_text = serde_json::to_value(new).unwrap_or_default();
        let changes: Vec<FieldChange> = new_text
            .as_object()
            .into_iter()
            .flatten()
            .filter(|(name, value)| old_text.get(name.as_str()) != Some(*value))
            .map(|(name, value)| FieldChange {
                field: name.replace('_', " "),
                old: old_text.get(name.as_str()).map(ToString::to_string).unwrap_or_default(),
                new: value.to_string(),
            })
            .collect();
        if changes.is_empty() {
            return Ok(());
        }
        let mut entry =
            Entry::account(now, signed_in.user.actor(), HistoryKind::PolicyChanged, "Security policy changed");
        entry.details = changes_details(&changes);
        history::record(conn, &entry)
    })?;
    policy(conn)
}

// The commands of Administration → Users and Security Policy; only Administrators may send them.

impl Handle for ListUsersRequest {
    const ACCESS: Access = Access::Administrator;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<UserRow>> {
        list(cx.conn, &cx.user, cx.now)
    }
}

impl Handle for CreateUserRequest {
    const ACCESS: Access = Access::Administrator;
    /// The temporary password goes out by email.
    const WAKES: Wakes = Wakes::MAIL;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<TemporaryPassword> {
        create(cx.conn, &cx.user, self, cx.now)
    }
}

impl Handle for ResetPasswordRequest {
    const ACCESS: Access = Access::Administrator;
    /// The temporary password goes out by email.
    const WAKES: Wakes = Wakes::MAIL;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<TemporaryPassword> {
        reset_password(cx.conn, &cx.user, self.user_id, cx.now)
    }
}

impl Handle for SetUserActiveRequest {
    const ACCESS: Access = Access::Administrator;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<UserRow>> {
        set_active(cx.conn, &cx.user, self.user_id, self.active, cx.now)
    }
}

impl Handle for UnlockUserRequest {
    const ACCESS: Access = Access::Administrator;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<UserRow>> {
        unlock(cx.conn, &cx.user, self.user_id, cx.now)
    }
}

impl Handle for SecurityPolicyRequest {
    const ACCESS: Access = Access::Administrator;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<SecurityPolicyView> {
        policy(cx.conn)
    }
}

impl Handle for SaveSecurityPolicyRequest {
    const ACCESS: Access = Access::Administrator;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<SecurityPolicyView> {
        save_policy(cx.conn, &cx.user, &self.0, cx.now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporary_passwords_are_long_random_and_readable() {
        let first = temporary_password().expect("password");
        assert_eq!(first.len(), 19, "{first}");
        assert_eq!(first.matches('-').count(), 3);
        assert_ne!(first, temporary_password().expect("password"));
        assert!(first.bytes().all(|byte| byte == b'-' || UNAMBIGUOUS.contains(&byte)));
    }

    #[test]
    fn the_form_says_where_the_system_is_stricter() {
        let weak = SecurityPolicy {
            min_length: 8,
            reuse_count: 3,
            lockout_attempts: 10,
            lockout_minutes: 5,
            idle_minutes: 20,
            ..Default::default()
        };
        assert_eq!(system_stricter(&weak).len(), 4);
        let strict = SecurityPolicy {
            min_length: 16,
            reuse_count: 10,
            lockout_attempts: 3,
            lockout_minutes: 30,
            idle_minutes: 15,
            ..Default::default()
        };
        assert!(system_stricter(&strict).is_empty());
    }
}
