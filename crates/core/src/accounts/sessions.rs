//! Signing in and out, sessions, lockout and the password change (SPEC AC-3, AC-4, AC-6).
//!
//! A session is an opaque random token given to the UI; only its SHA-256 digest is stored. Every command
//! that needs a user calls [`authenticate`], which refuses unknown and idle sessions and records activity.

use super::password;
use super::policy::PasswordPolicy;
use super::users::User;
use crate::db::schema::{password_history, sessions, users};
use crate::history::{self, Entry, HistoryKind};
use crate::organisation::Organisation;
use crate::{mail, time};
use crate::{CoreError, CoreResult};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::SqliteConnection;
use hiredesk_wire::{ChangePasswordRequest, ErrorKind, SignedIn};
use sha2::{Digest, Sha256};

/// The one message for an unknown email and a wrong password, so neither reveals which it was.
pub const INVALID_CREDENTIALS: &str = "The email or password is not correct.";

/// The user behind a checked session.
#[derive(Debug, Clone)]
pub struct SignedInUser {
    pub user: User,
    pub session_id: i32,
    pub password_change_due: bool,
}

impl SignedInUser {
    /// Refuses everything but the password change while an initial, reset or expired password is in use.
    pub fn require_current_password(&self) -> CoreResult<()> {
        if self.password_change_due {
            Err(CoreError::user(ErrorKind::PasswordChangeRequired, "Change your password before you continue."))
        } else {
            Ok(())
        }
    }
}

fn digest(token: &str) -> String {
    let digest = Sha256::digest(token.as_bytes());
    digest.iter().map(|byte| format!("{byte:02x}")).collect()
}

fn new_token() -> CoreResult<String> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|error| CoreError::Hashing(format!("no randomness available: {error}")))?;
    Ok(base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes))
}

pub(super) fn locked_message(until: DateTime<Utc>, user: &User, conn: &mut SqliteConnection) -> CoreResult<CoreError> {
    let when = time::render(until, user.zone(conn)?);
    Ok(CoreError::user(
        ErrorKind::Locked,
        format!("Too many failed sign-in attempts. This account is locked until {when}."),
    ))
}

/// Signs in by email and password.
///
/// The password is verified outside any write transaction (hashing takes tens of milliseconds); the
/// outcome — a new session, or a counted failure and perhaps a lockout — is then written in one transaction
/// with its History entry.
pub fn sign_in(
    conn: &mut SqliteConnection,
    email: &str,
    password_typed: &str,
    now: DateTime<Utc>,
) -> CoreResult<SignedIn> {
    let organisation = Organisation::load(conn)?;
    let policy = PasswordPolicy::effective(&organisation.password_policy());
    let Some(user) = User::find_by_email(conn, email)? else {
        password::verify_against_nothing(password_typed);
        return Err(CoreError::user(ErrorKind::InvalidCredentials, INVALID_CREDENTIALS));
    };
    if let Some(until) = user.locked_until.map(time::from_millis).filter(|until| *until > now) {
        password::verify_against_nothing(password_typed);
        return Err(locked_message(until, &user, conn)?);
    }
    if !password::verify(password_typed, &user.password_hash) {
        return Err(record_failure(conn, &user, &policy, now)?);
    }
    if !user.is_active {
        // Said only to someone who knows the password.
        return Err(CoreError::user(
            ErrorKind::Forbidden,
            "This account has been deactivated. Ask your Hiredesk Administrator to reactivate it.",
        ));
    }
    let token = new_token()?;
    conn.immediate_transaction(|conn| {
        let now_ms = time::to_millis(now);
        diesel::update(users::table.find(user.id))
            .set((users::failed_attempts.eq(0), users::locked_until.eq(None::<i64>)))
            .execute(conn)?;
        diesel::insert_into(sessions::table)
            .values((
                sessions::token_digest.eq(digest(&token)),
                sessions::user_id.eq(user.id),
                sessions::created_at.eq(now_ms),
                sessions::last_seen_at.eq(now_ms),
            ))
            .execute(conn)?;
        history::record(conn, &Entry::account(now, user.actor(), HistoryKind::SignedIn, "Signed in"))?;
        Ok::<_, CoreError>(())
    })?;
    Ok(SignedIn {
        token,
        security_questions_missing: super::questions::missing(conn, user.id)?,
        must_change_password: user.password_change_due(&policy, now),
        user: user.profile(conn)?,
        idle_minutes: organisation.idle_minutes(),
    })
}

/// Counts a failed attempt; at the policy's limit the account locks for its duration. Returns the error
/// to answer with: the usual one, or the lockout message when this attempt locked the account.
pub(super) fn record_failure(
    conn: &mut SqliteConnection,
    user: &User,
    policy: &PasswordPolicy,
    now: DateTime<Utc>,
) -> CoreResult<CoreError> {
    let locked_until = conn.immediate_transaction(|conn| {
        let failures: i32 = diesel::update(users::table.find(user.id))
            .set(users::failed_attempts.eq(users::failed_attempts + 1))
            .returning(users::failed_attempts)
            .get_result(conn)?;
        if u32::try_from(failures).unwrap_or(0) >= policy.lockout_attempts {
            let until = now + Duration::minutes(i64::from(policy.lockout_minutes));
            diesel::update(users::table.find(user.id))
                .set((users::failed_attempts.eq(0), users::locked_until.eq(Some(time::to_millis(until)))))
                .execute(conn)?;
            let summary =
                format!("Account locked for {} minutes after {failures} failed sign-ins", policy.lockout_minutes);
            history::record(conn, &Entry::account(now, user.actor(), HistoryKind::AccountLocked, summary))?;
            Ok::<_, CoreError>(Some(until))
        } else {
            history::record(conn, &Entry::account(now, user.actor(), HistoryKind::SignInFailed, "Failed sign-in"))?;
            Ok(None)
        }
    })?;
    match locked_until {
        Some(until) => locked_message(until, user, conn),
        None => Ok(CoreError::user(ErrorKind::InvalidCredentials, INVALID_CREDENTIALS)),
    }
}

/// Checks a session token and records activity. A session idle for longer than the organisation's idle
/// period is ended and refused (SPEC AC-6).
pub fn authenticate(conn: &mut SqliteConnection, token: &str, now: DateTime<Utc>) -> CoreResult<SignedInUser> {
    let token_digest = digest(token);
    let found: Option<(i32, i32, i64)> = sessions::table
        .filter(sessions::token_digest.eq(&token_digest))
        .select((sessions::id, sessions::user_id, sessions::last_seen_at))
        .first(conn)
        .optional()?;
    let Some((session_id, user_id, last_seen_at)) = found else {
        return Err(CoreError::session_expired());
    };
    let organisation = Organisation::load(conn)?;
    let idle_limit = Duration::minutes(i64::from(organisation.idle_minutes()));
    if time::from_millis(last_seen_at) + idle_limit <= now {
        diesel::delete(sessions::table.find(session_id)).execute(conn)?;
        return Err(CoreError::user(
            ErrorKind::SessionExpired,
            "You were signed out after a period without activity. Please sign in again.",
        ));
    }
    diesel::update(sessions::table.find(session_id))
        .set(sessions::last_seen_at.eq(time::to_millis(now)))
        .execute(conn)?;
    let user = User::find(conn, user_id)?;
    if !user.is_active {
        return Err(CoreError::session_expired());
    }
    let policy = PasswordPolicy::effective(&organisation.password_policy());
    Ok(SignedInUser { password_change_due: user.password_change_due(&policy, now), user, session_id })
}

/// The user of a live session, without recording activity: for the UI's background polling (a clicked
/// notification's job seeker), which must not keep an idle session alive. Refuses what [`authenticate`]
/// refuses, but leaves an idle session for `authenticate` to end.
pub fn identify(conn: &mut SqliteConnection, token: &str, now: DateTime<Utc>) -> CoreResult<i32> {
    let found: Option<(i32, i64)> = sessions::table
        .filter(sessions::token_digest.eq(digest(token)))
        .select((sessions::user_id, sessions::last_seen_at))
        .first(conn)
        .optional()?;
    let Some((user_id, last_seen_at)) = found else {
        return Err(CoreError::session_expired());
    };
    let idle_limit = Duration::minutes(i64::from(Organisation::load(conn)?.idle_minutes()));
    if time::from_millis(last_seen_at) + idle_limit <= now || !User::find(conn, user_id)?.is_active {
        return Err(CoreError::session_expired());
    }
    Ok(user_id)
}

/// The users with a live session on this installation: those a native notification is for.
pub fn signed_in_user_ids(conn: &mut SqliteConnection, now: DateTime<Utc>) -> CoreResult<Vec<i32>> {
    let idle = Duration::minutes(i64::from(Organisation::load(conn)?.idle_minutes()));
    Ok(sessions::table
        .filter(sessions::last_seen_at.gt(time::to_millis(now - idle)))
        .select(sessions::user_id)
        .distinct()
        .load(conn)?)
}

/// Ends the session.
pub fn sign_out(conn: &mut SqliteConnection, signed_in: &SignedInUser, now: DateTime<Utc>) -> CoreResult<()> {
    conn.immediate_transaction(|conn| {
        diesel::delete(sessions::table.find(signed_in.session_id)).execute(conn)?;
        history::record(conn, &Entry::account(now, signed_in.user.actor(), HistoryKind::SignedOut, "Signed out"))
    })
}

/// Changes the signed-in user's password (SPEC AC-4): the old one must be right, the new one must meet the
/// effective policy, match its confirmation and not be one of the last N.
pub fn change_password(
    conn: &mut SqliteConnection,
    signed_in: &SignedInUser,
    request: &ChangePasswordRequest,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let user = &signed_in.user;
    if !password::verify(&request.old_password, &user.password_hash) {
        return Err(CoreError::field("old_password", "The old password is not correct."));
    }
    let phc = new_password_hash(conn, user, &request.new_password, &request.confirm_password)?;
    let zone = user.zone(conn)?;
    conn.immediate_transaction(|conn| {
        store_password(conn, user, &phc, Some(signed_in.session_id), now)?;
        mail::enqueue(conn, &password_changed_notice(user, now, zone), now)?;
        history::record(conn, &Entry::account(now, user.actor(), HistoryKind::PasswordChanged, "Password changed"))
    })
}

/// The notice that tells a user their password changed (SPEC AC-4), so a change they did not make does not
/// go unnoticed.
pub(super) fn password_changed_notice(user: &User, now: DateTime<Utc>, zone: time::UserZone) -> mail::Email {
    mail::Email {
        to: user.email.clone(),
        subject: "Your Hiredesk password was changed".to_owned(),
        text: format!(
            "Hello {},\n\nThe password of your Hiredesk account {} was changed on {}.\n\n\
             If you did not change it, contact your Hiredesk Administrator at once.\n",
            user.first_name,
            user.email,
            time::render(now, zone)
        ),
        html: None,
        job_seeker_id: None,
        user_id: Some(user.id),
    }
}

/// Checks a new password against the effective policy, its confirmation and the user's recent passwords,
/// and hashes it. The messages belong to the `new_password` and `confirm_password` fields.
pub(super) fn new_password_hash(
    conn: &mut SqliteConnection,
    user: &User,
    new: &str,
    confirm: &str,
) -> CoreResult<String> {
    let policy = PasswordPolicy::effective(&Organisation::load(conn)?.password_policy());
    let words = [user.email.as_str(), user.first_name.as_str(), user.last_name.as_str()];
    if let Some(refusal) = policy.refusal(new, &words) {
        return Err(CoreError::field("new_password", refusal));
    }
    if new != confirm {
        return Err(CoreError::field("confirm_password", "The confirmation does not match the new password."));
    }
    let recent: Vec<String> = password_history::table
        .filter(password_history::user_id.eq(user.id))
        .order((password_history::created_at.desc(), password_history::id.desc()))
        .limit(i64::from(policy.reuse_count))
        .select(password_history::password_hash)
        .load(conn)?;
    if recent.iter().any(|phc| password::verify(new, phc)) {
        return Err(CoreError::field("new_password", policy.reuse_refusal()));
    }
    password::hash(new)
}

/// Stores a new password hash in the user's row and password history, clears any lockout, and ends the
/// user's sessions but `keep` (whoever knew the old password is signed out). Call inside a transaction; the
/// caller writes the History entry.
pub(super) fn store_password(
    conn: &mut SqliteConnection,
    user: &User,
    phc: &str,
    keep: Option<i32>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let now_ms = time::to_millis(now);
    diesel::update(users::table.find(user.id))
        .set((
            users::password_hash.eq(phc),
            users::password_changed_at.eq(now_ms),
            users::must_change_password.eq(false),
            users::failed_attempts.eq(0),
            users::locked_until.eq(None::<i64>),
        ))
        .execute(conn)?;
    diesel::insert_into(password_history::table)
        .values((
            password_history::user_id.eq(user.id),
            password_history::password_hash.eq(phc),
            password_history::created_at.eq(now_ms),
        ))
        .execute(conn)?;
    let of_user = sessions::table.filter(sessions::user_id.eq(user.id));
    match keep {
        Some(session_id) => diesel::delete(of_user.filter(sessions::id.ne(session_id))).execute(conn)?,
        None => diesel::delete(of_user).execute(conn)?,
    };
    Ok(())
}
