//! Sessions and who may do what (SPEC AC-6): the checked session behind every command, its idle expiry, and
//! the authorisation rules that go with it (a current password, the Administrator role).
//!
//! A session is an opaque random token given to the UI; only its SHA-256 digest is stored. Every command
//! that needs a user calls [`authenticate`], which refuses unknown and idle sessions and records activity.

use super::policy::PasswordPolicy;
use super::users::User;
use crate::db::schema::sessions;
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::organisation::Organisation;
use crate::time;
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use hiredesk_wire::{ErrorKind, Role};
use sha2::{Digest, Sha256};

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

    /// Refuses users who are not Administrators: managing users, the policy, mail and offer templates.
    pub fn require_administrator(&self) -> CoreResult<()> {
        if self.user.role() == Role::Administrator {
            Ok(())
        } else {
            Err(CoreError::user(ErrorKind::Forbidden, "Only an Administrator can do this."))
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

/// A row of `sessions`: the token's digest, never the token.
#[derive(Insertable)]
#[diesel(table_name = sessions)]
struct NewSession {
    token_digest: String,
    user_id: i32,
    created_at: i64,
    last_seen_at: i64,
}

/// Opens a session for `user_id` and returns its token (the only copy; the table keeps its digest). Call
/// inside the sign-in's transaction.
pub(super) fn open(conn: &mut DbConn, user_id: i32, now: DateTime<Utc>) -> CoreResult<String> {
    let token = new_token()?;
    let now_ms = time::to_millis(now);
    let session = NewSession { token_digest: digest(&token), user_id, created_at: now_ms, last_seen_at: now_ms };
    diesel::insert_into(sessions::table).values(session).execute(conn)?;
    Ok(token)
}

/// Checks a session token and records activity. A session idle for longer than the organisation's idle
/// period is ended and refused (SPEC AC-6).
pub fn authenticate(conn: &mut DbConn, token: &str, now: DateTime<Utc>) -> CoreResult<SignedInUser> {
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
pub fn identify(conn: &mut DbConn, token: &str, now: DateTime<Utc>) -> CoreResult<i32> {
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
pub fn signed_in_user_ids(conn: &mut DbConn, now: DateTime<Utc>) -> CoreResult<Vec<i32>> {
    let idle = Duration::minutes(i64::from(Organisation::load(conn)?.idle_minutes()));
    Ok(sessions::table
        .filter(sessions::last_seen_at.gt(time::to_millis(now - idle)))
        .select(sessions::user_id)
        .distinct()
        .load(conn)?)
}
