//! Storing a new password (SPEC AC-3, AC-4): checked against the effective policy, its confirmation and the
//! user's recent passwords, hashed, stored with the password history, the user's other sessions ended, and the
//! user told by email. The password change from Security uses it, and so does Forgot password.

use super::password;
use super::policy::PasswordPolicy;
use super::sessions::SignedInUser;
use super::users::User;
use crate::command::{Access, Context, Handle, HandlePublic, PublicContext, Wakes};
use crate::db::schema::{password_history, sessions, users};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Entry, HistoryKind};
use crate::organisation::Organisation;
use crate::{mail, time};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{ChangePasswordRequest, CheckPasswordRequest, PasswordRuleCheck};

/// An entry of `password_history`: a hash the user may not use again for a while.
#[derive(Insertable)]
#[diesel(table_name = password_history)]
pub(super) struct NewPasswordHistory<'a> {
    pub user_id: i32,
    pub password_hash: &'a str,
    pub created_at: i64,
}

/// The columns a new password sets in `users`: the hash, when, and the end of any lockout or forced change.
#[derive(AsChangeset)]
#[diesel(table_name = users, treat_none_as_null = true)]
pub(super) struct NewPassword<'a> {
    pub password_hash: &'a str,
    pub password_changed_at: i64,
    pub must_change_password: bool,
    pub failed_attempts: i32,
    pub locked_until: Option<i64>,
}

/// Changes the signed-in user's password (SPEC AC-4): the old one must be right, the new one must meet the
/// effective policy, match its confirmation and not be one of the last N.
pub fn change_password(
    conn: &mut DbConn,
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
    crate::db::write(conn, |conn| {
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
        secret: None,
    }
}

/// Checks a new password against the effective policy, its confirmation and the user's recent passwords,
/// and hashes it. The messages belong to the `new_password` and `confirm_password` fields.
pub(super) fn new_password_hash(conn: &mut DbConn, user: &User, new: &str, confirm: &str) -> CoreResult<String> {
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
    conn: &mut DbConn,
    user: &User,
    phc: &str,
    keep: Option<i32>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let now_ms = time::to_millis(now);
    let new = NewPassword {
        password_hash: phc,
        password_changed_at: now_ms,
        must_change_password: false,
        failed_attempts: 0,
        locked_until: None,
    };
    diesel::update(users::table.find(user.id)).set(&new).execute(conn)?;
    diesel::insert_into(password_history::table)
        .values(NewPasswordHistory { user_id: user.id, password_hash: phc, created_at: now_ms })
        .execute(conn)?;
    let of_user = sessions::table.filter(sessions::user_id.eq(user.id));
    match keep {
        Some(session_id) => diesel::delete(of_user.filter(sessions::id.ne(session_id))).execute(conn)?,
        None => diesel::delete(of_user).execute(conn)?,
    };
    Ok(())
}

// The commands of Security → Password: the live rules while typing, and the change itself (allowed while a
// change is due: that is when it must be made).

impl HandlePublic for CheckPasswordRequest {
    /// The effective policy's rules against a candidate, for the live display while typing.
    fn handle(&self, cx: &mut PublicContext<'_>) -> CoreResult<Vec<PasswordRuleCheck>> {
        let policy = PasswordPolicy::effective(&Organisation::load(cx.conn)?.password_policy());
        let words: Vec<&str> = self.personal_words.iter().map(String::as_str).collect();
        let mut checks = policy.checks(&self.new_password, &words);
        if self.new_account {
            // The reuse rule is the only one checked at save time (`met: None`), and a new account has no past.
            checks.retain(|check| check.met.is_some());
        }
        Ok(checks)
    }
}

impl Handle for ChangePasswordRequest {
    const ACCESS: Access = Access::BeforePasswordChange;
    /// The "your password was changed" email.
    const WAKES: Wakes = Wakes::MAIL;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<()> {
        change_password(cx.conn, &cx.user, self, cx.now)
    }
}
