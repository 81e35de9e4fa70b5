//! Why a chore of this tool stopped.

use hiredesk_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The core refused or the database failed.
    #[error(transparent)]
    Core(#[from] CoreError),
    /// The command line could not be understood.
    #[error("{0}")]
    Usage(String),
    /// A benchmark's own check of what it measured failed.
    #[error("{0}")]
    Check(String),
}
