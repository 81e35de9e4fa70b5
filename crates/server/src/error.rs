//! Why the server could not start or stop cleanly, in words for the operator. Errors of a request are not here:
//! they are the core's `IpcError`, sent to the desktop (see `answer.rs`).

use hiredesk_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The command line was not understood.
    #[error("{0}")]
    Usage(String),
    /// The database URL could not be read, or the database could not be opened or is not at this version.
    #[error("{0}")]
    Database(String),
    /// The certificate could not be read, made or used.
    #[error("{0}")]
    Tls(String),
    /// The address could not be listened on, or the runtime failed.
    #[error("{0}")]
    Io(String),
}

impl From<CoreError> for ServerError {
    fn from(error: CoreError) -> Self {
        ServerError::Database(hiredesk_wire::IpcError::from(error).message)
    }
}
