//! Lockout after repeated failures (SPEC AC-3): wrong passwords and wrong security answers count toward the
//! same limit, and a locked account says until when.

use super::policy::PasswordPolicy;
use super::users::User;
use crate::db::schema::users;
use crate::db::stored::Count;
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Entry, HistoryKind};
use crate::time;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use hiredesk_wire::ErrorKind;

/// The one message for an unknown email and a wrong password, so neither reveals which it was.
pub const INVALID_CREDENTIALS: &str = "The email or password is not correct.";

/// What a locked account is told: until when, in its own time zone.
pub(super) fn locked_message(until: DateTime<Utc>, user: &User, conn: &mut DbConn) -> CoreResult<CoreError> {
    let when = time::render(until, user.zone(conn)?);
    Ok(CoreError::user(
        ErrorKind::Locked,
        format!("Too many failed sign-in attempts. This account is locked until {when}."),
    ))
}

/// An attempt to sign in (or to answer the security questions), taken before the password is verified.
pub(super) enum Attempt {
    /// Counted: verify now. `locks`: this was the last attempt the policy allows, and the account is already
    /// locked until then unless it succeeds.
    Counted { locks: Option<DateTime<Utc>> },
    /// The account is locked: verify nothing (but spend the same time) and answer with this.
    Refused(CoreError),
}

#[derive(QueryableByName)]
struct Taken {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    failed_attempts: Count,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    locked_until: Option<i64>,
}

/// Counts an attempt before its password is verified, in one statement, so that however many attempts arrive
/// at once — from one desktop's threads or from several servers — no more than the policy's limit are ever
/// verified: the attempt that reaches the limit locks the account there and then, and a success clears it
/// ([`succeeded`]). A lock that has run out starts the count again.
pub(super) fn take_attempt(
    conn: &mut DbConn,
    user: &User,
    policy: &PasswordPolicy,
    now: DateTime<Utc>,
) -> CoreResult<Attempt> {
    let now_ms = time::to_millis(now);
    let lock_until = time::to_millis(now + Duration::minutes(i64::from(policy.lockout_minutes)));
    let limit = i32::try_from(policy.lockout_attempts).unwrap_or(i32::MAX);
    // In an UPDATE, every expression reads the row as it was, so `failed_attempts` below is the old count.
    // Parameters first appear in the order they are bound (SQLite numbers `$N` by first appearance).
    let taken: Option<Taken> = diesel::sql_query(
        "UPDATE users SET
             failed_attempts = CASE WHEN locked_until <= $1 THEN 1 ELSE failed_attempts + 1 END,
             locked_until = CASE WHEN (CASE WHEN locked_until <= $1 THEN 1 ELSE failed_attempts + 1 END) >= $2
                                 THEN $3 ELSE NULL END
         WHERE id = $4 AND (locked_until IS NULL OR locked_until <= $1)
         RETURNING failed_attempts, locked_until",
    )
    .bind::<diesel::sql_types::BigInt, _>(now_ms)
    .bind::<diesel::sql_types::Integer, _>(limit)
    .bind::<diesel::sql_types::BigInt, _>(lock_until)
    .bind::<diesel::sql_types::Integer, _>(user.id)
    .get_result(conn)
    .optional()?;
    match taken {
        Some(Taken { failed_attempts: Count(_), locked_until }) => {
            Ok(Attempt::Counted { locks: locked_until.map(time::from_millis) })
        }
        None => {
            // Locked: by an earlier attempt, or by one still being verified (whose lock is already set).
            let until: Option<i64> = users::table.find(user.id).select(users::locked_until).first(conn)?;
            let until = until.map(time::from_millis).filter(|until| *until > now).unwrap_or(now);
            Ok(Attempt::Refused(locked_message(until, user, conn)?))
        }
    }
}

/// Clears the count after a right password or right answers; call inside the success's transaction.
pub(super) fn succeeded(conn: &mut DbConn, user: &User) -> CoreResult<()> {
    diesel::update(users::table.find(user.id))
        .set((users::failed_attempts.eq(0), users::locked_until.eq(None::<i64>)))
        .execute(conn)?;
    Ok(())
}

/// Records a counted attempt that failed, with its History line, and says what to answer: the usual refusal,
/// or the lockout message when this was the attempt that locked the account.
pub(super) fn failed(
    conn: &mut DbConn,
    user: &User,
    policy: &PasswordPolicy,
    locks: Option<DateTime<Utc>>,
    now: DateTime<Utc>,
) -> CoreResult<CoreError> {
    match locks {
        Some(until) => {
            let summary = format!(
                "Account locked for {} minutes after {} failed sign-ins",
                policy.lockout_minutes, policy.lockout_attempts
            );
            history::record(conn, &Entry::account(now, user.actor(), HistoryKind::AccountLocked, summary))?;
            locked_message(until, user, conn)
        }
        None => {
            history::record(conn, &Entry::account(now, user.actor(), HistoryKind::SignInFailed, "Failed sign-in"))?;
            Ok(CoreError::user(ErrorKind::InvalidCredentials, INVALID_CREDENTIALS))
        }
    }
}
