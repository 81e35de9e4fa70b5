//! The signed-in session as the UI holds it, what the sign-in screen is told on arrival, and the
//! [`SessionContext`] that `App` provides to every screen with a session (the forced password change and the
//! workspace). It sits below `pages/` and `hooks/`, so both can read it without depending on each other.

use hiredesk_wire::{DemoAccount, ErrorKind, IpcError, UserProfile};
use yew::prelude::*;

/// A signed-in user and their opaque session token.
#[derive(Clone, PartialEq)]
pub struct Session {
    pub token: String,
    pub user: UserProfile,
    /// Fewer than three security questions were set at sign-in.
    pub remind_questions: bool,
    /// The organisation's idle period (SPEC AC-6).
    pub idle_minutes: u16,
}

/// What the sign-in screen tells the user on arrival (signed out, session ended, demo accounts, …).
#[derive(Clone, PartialEq, Default)]
pub struct Notice {
    pub text: String,
    pub demo_accounts: Vec<DemoAccount>,
}

/// What the sign-in screen says above the demo accounts.
pub const DEMO_NOTICE: &str =
    "Demo data loaded. Sign in with one of these accounts; you will be asked to choose a new password.";

impl Notice {
    pub fn text(text: impl Into<String>) -> Self {
        Notice { text: text.into(), demo_accounts: Vec::new() }
    }
}

/// What `App` gives the screens of a signed-in user: the session, the way back to sign-in once the core says
/// it has ended, and the way to tell `App` that the user's name or settings changed.
#[derive(Clone, PartialEq)]
pub struct SessionContext {
    pub session: Session,
    ended: Callback<IpcError>,
    user_changed: Callback<UserProfile>,
}

impl SessionContext {
    pub fn new(session: Session, ended: Callback<IpcError>, user_changed: Callback<UserProfile>) -> Self {
        SessionContext { session, ended, user_changed }
    }

    pub fn token(&self) -> &str {
        &self.session.token
    }

    /// Sends `failure` to sign-in when the session has ended; otherwise hands it back to the caller.
    pub fn check(&self, failure: IpcError) -> Option<IpcError> {
        if failure.kind == ErrorKind::SessionExpired {
            self.ended.emit(failure);
            None
        } else {
            Some(failure)
        }
    }

    /// The user's name or settings changed: the header and every list follow.
    pub fn user_changed(&self, user: UserProfile) {
        self.user_changed.emit(user);
    }
}
