//! Lockout after repeated failures (SPEC AC-3): wrong passwords and wrong security answers count toward the
//! same limit, and a locked account says until when.
//!
//! An email that has no account is counted and locked the same way ([`check_unknown`], in
//! `unknown_email_failures`), so that repeated tries answer alike whether or not the account exists and cannot
//! tell which emails have one.

use super::policy::PasswordPolicy;
use super::users::normalise_email;
use super::users::User;
use crate::db::schema::{unknown_email_failures, users};
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
    Ok(locked_in(until, user.zone(conn)?))
}

fn locked_in(until: DateTime<Utc>, zone: time::UserZone) -> CoreError {
    let when = time::render(until, zone);
    CoreError::user(
        ErrorKind::Locked,
        format!("Too many failed sign-in attempts. This account is locked until {when}."),
    )
}

/// The longest email an account can have (RFC 5321's limit on a path); a longer one is never counted, since no
/// account could have it, and is not stored.
const LONGEST_EMAIL: usize = 254;

/// Attempts on one solo database are checked one at a time (see [`check`]). SQLite has one writer at a time
/// anyway; waiting here rather than on its lock keeps other writers (the mail worker, say) from timing out.
static CHECKING: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[derive(QueryableByName)]
struct Standing {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    failed_attempts: Count,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::BigInt>)]
    locked_until: Option<i64>,
}

/// Checks one attempt to sign in (or to answer the security questions) on `user`'s account.
///
/// Attempts on one account are checked one at a time, however many arrive at once — from one desktop's threads
/// or from a team's servers — so that no more than the policy's limit of guesses is ever verified: the account's
/// row is locked for the check on PostgreSQL (`FOR UPDATE`; other accounts are not held up), and a solo
/// database checks one attempt at a time. Within that, in one transaction: a locked account is refused
/// (`decoy` spends the same time as a verification); otherwise `verify` runs, and a success clears the count
/// and runs `succeed` (a session, a new password) while a failure is counted with its History line, locking the
/// account at the limit. Answers `Ok(Err(refusal))` for a refused or failed attempt, which is committed.
pub(super) fn check<T>(
    conn: &mut DbConn,
    user: &User,
    policy: &PasswordPolicy,
    now: DateTime<Utc>,
    (verify, decoy): (impl FnOnce() -> bool, impl FnOnce()),
    succeed: impl FnOnce(&mut DbConn) -> CoreResult<T>,
) -> CoreResult<Result<T, CoreError>> {
    // A poisoned lock only means another attempt panicked; the database, not the lock, holds the count.
    let _one_at_a_time =
        (!crate::db::is_postgres(conn)).then(|| CHECKING.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    crate::db::write(conn, |conn| {
        let lock = if crate::db::is_postgres(conn) { "FOR UPDATE" } else { "" };
        let Standing { failed_attempts: Count(failures), locked_until } =
            diesel::sql_query(format!("SELECT failed_attempts, locked_until FROM users WHERE id = $1 {lock}"))
                .bind::<diesel::sql_types::Integer, _>(user.id)
                .get_result(conn)?;
        if let Some(until) = locked_until.map(time::from_millis).filter(|until| *until > now) {
            decoy();
            return Ok(Err(locked_message(until, user, conn)?));
        }
        if verify() {
            diesel::update(users::table.find(user.id))
                .set((users::failed_attempts.eq(0), users::locked_until.eq(None::<i64>)))
                .execute(conn)?;
            return succeed(conn).map(Ok);
        }
        // A lock that has run out starts the count again (the count was cleared when it locked).
        let failures = failures + 1;
        if failures >= policy.lockout_attempts {
            let until = now + Duration::minutes(i64::from(policy.lockout_minutes));
            diesel::update(users::table.find(user.id))
                .set((users::failed_attempts.eq(0), users::locked_until.eq(Some(time::to_millis(until)))))
                .execute(conn)?;
            let summary =
                format!("Account locked for {} minutes after {failures} failed sign-ins", policy.lockout_minutes);
            history::record(conn, &Entry::account(now, user.actor(), HistoryKind::AccountLocked, summary))?;
            Ok(Err(locked_message(until, user, conn)?))
        } else {
            diesel::update(users::table.find(user.id))
                .set((users::failed_attempts.eq(users::failed_attempts + 1), users::locked_until.eq(None::<i64>)))
                .execute(conn)?;
            history::record(conn, &Entry::account(now, user.actor(), HistoryKind::SignInFailed, "Failed sign-in"))?;
            Ok(Err(CoreError::user(ErrorKind::InvalidCredentials, INVALID_CREDENTIALS)))
        }
    })
}

/// Checks one attempt on an email that has no account, as [`check`] does for an account: a locked email is
/// refused, and otherwise the attempt is a failure (`decoy` spends the time a verification would), counted
/// toward the same limit and locking the email for the same time. `failure` is what a counted failure answers
/// (the wrong password's or the wrong answers' message), exactly as an account's would.
///
/// No History line is written: there is no account to write it for, and anyone could fill History by trying
/// emails. The lock's time is shown in the zone a new account starts in, which is what an account whose owner
/// never chose another shows.
pub(super) fn check_unknown(
    conn: &mut DbConn,
    email: &str,
    policy: &PasswordPolicy,
    now: DateTime<Utc>,
    decoy: impl FnOnce(),
    failure: impl FnOnce() -> CoreError,
) -> CoreResult<CoreError> {
    let email = normalise_email(email);
    if email.chars().count() > LONGEST_EMAIL {
        decoy();
        return Ok(failure());
    }
    let zone = time::UserZone::default();
    let _one_at_a_time =
        (!crate::db::is_postgres(conn)).then(|| CHECKING.lock().unwrap_or_else(std::sync::PoisonError::into_inner));
    crate::db::write(conn, |conn| {
        // The row exists before it is locked, so that parallel attempts on one email queue on it.
        diesel::sql_query(
            "INSERT INTO unknown_email_failures (email, failed_attempts) VALUES ($1, 0) ON CONFLICT (email) DO NOTHING",
        )
        .bind::<diesel::sql_types::Text, _>(&email)
        .execute(conn)?;
        let lock = if crate::db::is_postgres(conn) { "FOR UPDATE" } else { "" };
        let Standing { failed_attempts: Count(failures), locked_until } = diesel::sql_query(format!(
            "SELECT failed_attempts, locked_until FROM unknown_email_failures WHERE email = $1 {lock}"
        ))
        .bind::<diesel::sql_types::Text, _>(&email)
        .get_result(conn)?;
        decoy();
        if let Some(until) = locked_until.map(time::from_millis).filter(|until| *until > now) {
            return Ok(locked_in(until, zone));
        }
        let failures = failures + 1;
        let row = unknown_email_failures::table.find(&email);
        if failures >= policy.lockout_attempts {
            let until = now + Duration::minutes(i64::from(policy.lockout_minutes));
            diesel::update(row)
                .set((
                    unknown_email_failures::failed_attempts.eq(0),
                    unknown_email_failures::locked_until.eq(Some(time::to_millis(until))),
                ))
                .execute(conn)?;
            Ok(locked_in(until, zone))
        } else {
            diesel::update(row)
                .set((
                    unknown_email_failures::failed_attempts.eq(unknown_email_failures::failed_attempts + 1),
                    unknown_email_failures::locked_until.eq(None::<i64>),
                ))
                .execute(conn)?;
            Ok(failure())
        }
    })
}
