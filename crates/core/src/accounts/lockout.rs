//! Lockout after repeated failures (SPEC AC-3): wrong passwords and wrong security answers count toward the
//! same limit, and a locked account says until when.

use super::policy::PasswordPolicy;
use super::users::User;
use crate::db::schema::users;
use crate::db::stored::Count;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Entry, HistoryKind};
use crate::time;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use diesel::SqliteConnection;
use hiredesk_wire::ErrorKind;

/// The one message for an unknown email and a wrong password, so neither reveals which it was.
pub const INVALID_CREDENTIALS: &str = "The email or password is not correct.";

/// What a locked account is told: until when, in its own time zone.
pub(super) fn locked_message(until: DateTime<Utc>, user: &User, conn: &mut SqliteConnection) -> CoreResult<CoreError> {
    let when = time::render(until, user.zone(conn)?);
    Ok(CoreError::user(
        ErrorKind::Locked,
        format!("Too many failed sign-in attempts. This account is locked until {when}."),
    ))
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
        // A negative count is refused as unknown, not read as 0: that would never lock the account.
        let Count(failures) = diesel::update(users::table.find(user.id))
            .set(users::failed_attempts.eq(users::failed_attempts + 1))
            .returning(users::failed_attempts)
            .get_result(conn)?;
        if failures >= policy.lockout_attempts {
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
