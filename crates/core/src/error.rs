//! The core's one error type: what a user is told, or a fault of the machine.

use hiredesk_wire::{ErrorKind, FieldError, IpcError};

/// Shorthand for the results of this crate.
pub type CoreResult<T> = Result<T, CoreError>;

/// What a core operation can fail with: either an error meant for the user (already worded, with its kind
/// and field messages) or a fault of the machine (database, file system) that the user cannot fix.
#[derive(Debug, thiserror::Error)]
pub enum CoreError {
    #[error("{0}")]
    User(IpcError),
    #[error("database error: {0}")]
    Database(#[from] diesel::result::Error),
    #[error("could not open the database: {0}")]
    Open(String),
    #[error("password hashing failed: {0}")]
    Hashing(String),
    /// An answer that could not be written for the wire (a fault of the program, not of the user's input).
    #[error("the answer could not be encoded: {0}")]
    Encoding(String),
}

impl CoreError {
    pub fn user(kind: ErrorKind, message: impl Into<String>) -> Self {
        CoreError::User(IpcError::new(kind, message))
    }

    /// A refusal of one field's value.
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        CoreError::User(IpcError::validation(vec![FieldError { field: field.to_owned(), message: message.into() }]))
    }

    /// The refusal of several fields at once; `Ok` when there is nothing to refuse.
    pub fn fields(fields: Vec<FieldError>) -> Result<(), Self> {
        if fields.is_empty() {
            Ok(())
        } else {
            Err(CoreError::User(IpcError::validation(fields)))
        }
    }

    pub fn session_expired() -> Self {
        Self::user(ErrorKind::SessionExpired, "Your session has ended. Please sign in again.")
    }

    /// The kind, when this is an error meant for the user.
    pub fn kind(&self) -> ErrorKind {
        match self {
            CoreError::User(error) => error.kind,
            _ => ErrorKind::Internal,
        }
    }
}

impl From<CoreError> for IpcError {
    fn from(error: CoreError) -> Self {
        match error {
            CoreError::User(error) => error,
            CoreError::Database(error) => IpcError::new(
                ErrorKind::Internal,
                format!("The database could not be read or written ({error}). Nothing was changed; try again."),
            ),
            CoreError::Open(message) => IpcError::new(ErrorKind::Internal, message),
            CoreError::Encoding(message) => {
                IpcError::new(ErrorKind::Internal, format!("The answer could not be sent ({message})."))
            }
            CoreError::Hashing(message) => {
                IpcError::new(ErrorKind::Internal, format!("The password could not be processed ({message})."))
            }
        }
    }
}

/// Collects field messages so a form gets all its refusals at once, not one per attempt.
#[derive(Debug, Default)]
pub(crate) struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub(crate) fn add(&mut self, field: &str, message: impl Into<String>) {
        if !self.0.iter().any(|f| f.field == field) {
            self.0.push(FieldError { field: field.to_owned(), message: message.into() });
        }
    }

    pub(crate) fn has(&self, field: &str) -> bool {
        self.0.iter().any(|f| f.field == field)
    }

    pub(crate) fn finish(self) -> Result<(), CoreError> {
        CoreError::fields(self.0)
    }
}
