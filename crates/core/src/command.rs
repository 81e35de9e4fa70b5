//! How a command reaches its rules: the [`Handle`] and [`HandlePublic`] traits that every feature implements
//! beside its logic for the requests of the command table (`hiredesk_wire::for_each_command!`), and the
//! contexts they receive.
//!
//! The dispatcher ([`crate::Hiredesk::call`]) checks the session once, with the [`Access`] the handler asks
//! for, loads what every handler may need (the user, their zone and records per page, the instant of the
//! command), calls the handler, and wakes the background workers the handler declared in [`Handle::WAKES`].
//! A handler is therefore only its rule: it never checks a token or a role itself.
//!
//! This module knows nothing of any feature, so every feature may depend on it.

use crate::accounts::sessions::SignedInUser;
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::export::jobs::Jobs;
use crate::time::UserZone;
use chrono::{DateTime, Utc};
use hiredesk_wire::Rpc;

/// Who may run a command that needs a session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Any signed-in user whose password is current (not an initial, reset or expired one).
    SignedIn,
    /// Administrators only (users, the security policy, outgoing mail, offer templates).
    Administrator,
    /// Any signed-in user, even while a password change is due: signing out, reading who is signed in and
    /// changing the password must work then.
    BeforePasswordChange,
}

/// The background work a command may have given cause to, so that it happens now rather than at the next
/// tick: mail queued in the outbox, or a notice (an application, a completed form, a task due today, an
/// approval step) that is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Wakes {
    pub mail: bool,
    pub notices: bool,
}

impl Wakes {
    pub const NOTHING: Wakes = Wakes { mail: false, notices: false };
    pub const MAIL: Wakes = Wakes { mail: true, notices: false };
    pub const NOTICES: Wakes = Wakes { mail: false, notices: true };
    pub const MAIL_AND_NOTICES: Wakes = Wakes { mail: true, notices: true };
}

/// What a handler of a signed-in user's command receives.
pub struct Context<'a> {
    /// The connection the command runs on; handlers open their own transactions.
    pub conn: &'a mut DbConn,
    /// The user of the checked session.
    pub user: SignedInUser,
    /// The user's time zone and daylight-saving choice, for every instant the command shows.
    pub zone: UserZone,
    /// The user's Records per Page, for every list the command pages.
    pub records_per_page: u16,
    /// The instant of the command (the configured clock, read once).
    pub now: DateTime<Utc>,
    /// The exports running now, for their progress and Cancel.
    pub exports: &'a Jobs,
    /// Where the mail server's password is kept (never in the database).
    pub mail_password: &'a crate::mail::secret::PasswordStore,
}

/// What a handler of a command without a session receives.
pub struct PublicContext<'a> {
    pub conn: &'a mut DbConn,
    pub now: DateTime<Utc>,
    /// The installation was opened on a fresh demo database (its accounts are shown on the sign-in screen).
    pub demo: bool,
}

/// The rule behind a command that a signed-in user sends (the table's `session` rows).
pub trait Handle: Rpc {
    /// Who may run it; checked by the dispatcher before [`Handle::handle`] runs.
    const ACCESS: Access = Access::SignedIn;
    /// The workers to wake once it has succeeded.
    const WAKES: Wakes = Wakes::NOTHING;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Self::Response>;
}

/// The rule behind a command that needs no session (the table's `public` rows: before sign-in).
pub trait HandlePublic: Rpc {
    /// The workers to wake once it has succeeded.
    const WAKES: Wakes = Wakes::NOTHING;

    fn handle(&self, cx: &mut PublicContext<'_>) -> CoreResult<Self::Response>;
}
