//! Why a chore of this tool stopped.

use hiredesk_core::db::transfer::TransferError;
use hiredesk_core::CoreError;

#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// The core refused or the database failed.
    #[error(transparent)]
    Core(#[from] CoreError),
    /// A database move was refused or failed; nothing of it was kept.
    #[error(transparent)]
    Transfer(#[from] TransferError),
    /// The command line could not be understood.
    #[error("{0}")]
    Usage(String),
    /// What a benchmark needs could not be started or found (tauri-driver, a seeded database).
    #[error("{0}")]
    Setup(String),
    /// A benchmark's own check of what it measured failed.
    #[error("{0}")]
    Check(String),
}
