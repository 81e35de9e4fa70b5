//! The core's one error type: what a user is told, or a fault of the machine. A value read from the database that
//! this version does not know ([`UnknownValue`]) is a fault of its own: it says what was read and what it held.

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
    Database(diesel::result::Error),
    /// The database holds a value this version does not know: a status or kind it has no name for, or JSON of
    /// another shape. Never read as a default, so nothing acts on a guess.
    #[error("the database holds a value this version does not know: {0}")]
    UnknownValue(UnknownValue),
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

/// A value read from the database that this version cannot read, for example a status written by a newer
/// version of Hiredesk or a column edited by hand. Diesel's `FromSql` impls return it (see `db::stored`), Diesel
/// carries it as a deserialization error, and `CoreError` takes it back out, so it stays typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownValue {
    /// What was read, in words: "offer status", "offer tag values".
    pub what: &'static str,
    /// The stored value as read (shortened when long).
    pub value: String,
    /// Why it could not be read, when the value alone does not say (a JSON error, a range).
    pub reason: Option<String>,
    /// The column it was read from, when Diesel says (it does for the fields of a row struct).
    pub column: Option<String>,
}

impl UnknownValue {
    /// Longer stored values are cut here in messages: enough to recognise them, not a whole letter.
    const SHOWN: usize = 80;

    /// A name or number this version has no meaning for.
    pub fn new(what: &'static str, value: impl Into<String>) -> Self {
        UnknownValue { what, value: Self::shortened(value.into()), reason: None, column: None }
    }

    /// A value that could not be read, with the reason (the JSON parser's message, the range it must be in).
    pub fn because(what: &'static str, value: impl Into<String>, reason: impl std::fmt::Display) -> Self {
        UnknownValue { reason: Some(reason.to_string()), ..Self::new(what, value) }
    }

    fn shortened(value: String) -> String {
        match value.char_indices().nth(Self::SHOWN) {
            Some((end, _)) => format!("{}…", &value[..end]),
            None => value,
        }
    }
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} \"{}\"", self.what, self.value)?;
        if let Some(reason) = &self.reason {
            write!(f, " ({reason})")?;
        }
        match &self.column {
            Some(column) => write!(f, " in column {column}"),
            None => Ok(()),
        }
    }
}

impl std::error::Error for UnknownValue {}

impl From<UnknownValue> for CoreError {
    fn from(unknown: UnknownValue) -> Self {
        CoreError::UnknownValue(unknown)
    }
}

impl From<diesel::result::Error> for CoreError {
    /// Takes an [`UnknownValue`] back out of the deserialization error Diesel wraps it in: directly for a single
    /// value or a tuple, inside a `DeserializeFieldError` (which names the field) for a row struct.
    fn from(error: diesel::result::Error) -> Self {
        use diesel::result::{DeserializeFieldError, Error};
        let Error::DeserializationError(inner) = error else { return CoreError::Database(error) };
        let inner = match inner.downcast::<UnknownValue>() {
            Ok(unknown) => return CoreError::UnknownValue(*unknown),
            Err(inner) => inner,
        };
        let unknown_field =
            inner.downcast_ref::<DeserializeFieldError>().is_some_and(|field| field.error.is::<UnknownValue>());
        if !unknown_field {
            return CoreError::Database(Error::DeserializationError(inner));
        }
        match inner.downcast::<DeserializeFieldError>().map(|field| *field) {
            Ok(field) => match field.error.downcast::<UnknownValue>() {
                Ok(unknown) => CoreError::UnknownValue(UnknownValue { column: field.field_name, ..*unknown }),
                Err(error) => CoreError::Database(Error::DeserializationError(error)),
            },
            Err(inner) => CoreError::Database(Error::DeserializationError(inner)),
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
            CoreError::UnknownValue(unknown) => IpcError::new(
                ErrorKind::Internal,
                format!(
                    "The database holds a value this version of Hiredesk does not know: {unknown}. A newer version may \
                     have written it; update Hiredesk, or ask your administrator to check the database."
                ),
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
