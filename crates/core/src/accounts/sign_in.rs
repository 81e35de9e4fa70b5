//! Signing in by email and password (SPEC AC-3): the same answer for an unknown email and a wrong password,
//! failures counted toward the lockout, and a new session on success; and signing out.

use super::lockout::{self, INVALID_CREDENTIALS};
use super::policy::PasswordPolicy;
use super::sessions::SignedInUser;
use super::users::User;
use super::{password, questions, sessions};
use crate::command::{Access, Context, Handle, HandlePublic, PublicContext};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Entry, HistoryKind};
use crate::organisation::Organisation;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{ErrorKind, SignInRequest, SignOutRequest, SignedIn};

/// Signs in by email and password.
///
/// The attempt is checked by [`lockout::check`]: one at a time per account, and the outcome — a new session,
/// or a counted failure and perhaps a lockout — written in one transaction with its History entry.
pub fn sign_in(conn: &mut DbConn, email: &str, password_typed: &str, now: DateTime<Utc>) -> CoreResult<SignedIn> {
    let organisation = Organisation::load(conn)?;
    let policy = PasswordPolicy::effective(&organisation.password_policy());
    let Some(user) = User::find_by_email(conn, email)? else {
        // Counted and locked like an account's failures, so that the answers do not tell which emails exist.
        let decoy = || password::verify_against_nothing(password_typed);
        let failure = || CoreError::user(ErrorKind::InvalidCredentials, INVALID_CREDENTIALS);
        return Err(lockout::check_unknown(conn, email, &policy, now, decoy, failure)?);
    };
    let checks =
        (|| password::verify(password_typed, &user.password_hash), || password::verify_against_nothing(password_typed));
    let token = lockout::check(conn, &user, &policy, now, checks, |conn| {
        if !user.is_active {
            // Said only to someone who knows the password.
            return Err(CoreError::user(
                ErrorKind::Forbidden,
                "This account has been deactivated. Ask your Hiredesk Administrator to reactivate it.",
            ));
        }
        let token = sessions::open(conn, user.id, now)?;
        history::record(conn, &Entry::account(now, user.actor(), HistoryKind::SignedIn, "Signed in"))?;
        Ok(token)
    })??;
    Ok(SignedIn {
        token,
        security_questions_missing: questions::missing(conn, user.id)?,
        must_change_password: user.password_change_due(&policy, now),
        user: user.profile(conn)?,
        idle_minutes: organisation.idle_minutes(),
    })
}

/// Ends the session.
pub fn sign_out(conn: &mut DbConn, signed_in: &SignedInUser, now: DateTime<Utc>) -> CoreResult<()> {
    crate::db::write(conn, |conn| {
        diesel::delete(crate::db::schema::sessions::table.find(signed_in.session_id)).execute(conn)?;
        history::record(conn, &Entry::account(now, signed_in.user.actor(), HistoryKind::SignedOut, "Signed out"))
    })
}

// The commands of the sign-in screen and of Logout (allowed while a password change is due, so that the user
// can always leave).

impl HandlePublic for SignInRequest {
    fn handle(&self, cx: &mut PublicContext<'_>) -> CoreResult<SignedIn> {
        sign_in(cx.conn, &self.email, &self.password, cx.now)
    }
}

impl Handle for SignOutRequest {
    const ACCESS: Access = Access::BeforePasswordChange;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<()> {
        sign_out(cx.conn, &cx.user, cx.now)
    }
}
