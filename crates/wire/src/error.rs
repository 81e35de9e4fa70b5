//! The one error type every command fails with.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What went wrong, for the UI to decide what to do (stay on the form, go back to sign-in, …).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    /// Input was refused; `fields` says which field and why.
    Validation,
    /// Email or password did not match (the same for an unknown email and a wrong password).
    InvalidCredentials,
    /// Too many failed sign-ins; the message says until when.
    Locked,
    /// No session, an ended one, or one idle for longer than the organisation allows: sign in again.
    SessionExpired,
    /// The password must be changed before anything else.
    PasswordChangeRequired,
    /// The signed-in user may not do this.
    Forbidden,
    /// The thing asked for does not exist (any more).
    NotFound,
    /// The request conflicts with the current state (e.g. a first administrator already exists).
    Conflict,
    /// Something failed that the user cannot fix (database, file system); the message says what.
    Internal,
    /// In team mode: the team server did not answer (the network, or the server is down). The UI says so in
    /// a banner and keeps what still works offline.
    Unreachable,
}

/// A message for one input field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldError {
    /// The request field's name, as in the request struct (`new_password`, `email`, …).
    pub field: String,
    pub message: String,
}

/// The typed error of every command: a machine-readable kind, a message a recruiter can act on, and
/// per-field messages for forms.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IpcError {
    pub kind: ErrorKind,
    pub message: String,
    #[serde(default)]
    pub fields: Vec<FieldError>,
}

impl IpcError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), fields: Vec::new() }
    }

    /// A validation error whose messages belong to fields.
    pub fn validation(fields: Vec<FieldError>) -> Self {
        let message = match fields.as_slice() {
            [one] => one.message.clone(),
            _ => "Some fields need attention.".to_owned(),
        };
        Self { kind: ErrorKind::Validation, message, fields }
    }

    /// The message for `field`, if there is one.
    pub fn field(&self, field: &str) -> Option<&str> {
        self.fields.iter().find(|f| f.field == field).map(|f| f.message.as_str())
    }
}

impl fmt::Display for IpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for IpcError {}
