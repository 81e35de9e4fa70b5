//! Start-up failures that a recruiter is told about: a data folder Hiredesk cannot write to, one that another
//! user's Hiredesk holds (or a Hiredesk that does not answer), a database it cannot open (written by a newer
//! version, say). Each is logged and shown in a native message box that names the folder or file and the log
//! file, instead of a panic on a terminal nobody sees; the app ends with exit code 1 when the box is closed.
//!
//! The box is the dialog plugin's message dialog, shown without blocking: a failure found in `setup` (before
//! the event loop runs) queues it for the main thread, which shows it as soon as the loop starts; one found
//! later (the database, opened on a worker thread) is shown the same way.

use crate::diagnostics::LogFiles;
use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};

/// The message box's title; the end-to-end test finds the box by it.
pub const TITLE: &str = "Hiredesk cannot start";

/// Why Hiredesk cannot start, in words for the recruiter (and their IT person).
#[derive(Debug, thiserror::Error)]
pub enum StartupError {
    #[error(
        "Hiredesk cannot use its data folder {}: {source}. Choose a folder you may write to (--data-dir or \
         HIREDESK_DATA_DIR), or ask your IT person for write access to this one.",
        path.display()
    )]
    DataFolder { path: PathBuf, source: std::io::Error },
    #[error(
        "The data folder {} is in use by {} Hiredesk. Only one person can use a data folder at a time: ask them \
         to quit Hiredesk (Quit in its tray menu), or start yours on a folder of your own.",
        path.display(),
        user.as_ref().map_or_else(|| "another user's".to_owned(), |user| format!("{user}'s"))
    )]
    InUseByOtherUser { path: PathBuf, user: Option<String> },
    #[error(
        "Hiredesk is already running on the data folder {}, but it does not answer ({source}). If it runs on \
         another computer that shares the folder, quit it there; otherwise end it (or sign out and in again) \
         and start Hiredesk once more.",
        path.display()
    )]
    NotAnswering { path: PathBuf, source: std::io::Error },
    #[error(
        "The operating system does not say where Hiredesk should keep its data. Start it with --data-dir \
         FOLDER, or set HIREDESK_DATA_DIR."
    )]
    NoDataFolder,
    /// The core could not open the database; its message names the file.
    #[error("{0}")]
    Database(String),
    /// The data folder's `team.json` cannot be used.
    #[error(transparent)]
    TeamFile(#[from] crate::team::TeamFileError),
    /// The team server's connection cannot be set up; the message says why.
    #[error("{0}")]
    Team(String),
    #[error("The main window could not be opened: {0}.")]
    Window(#[from] tauri::Error),
}

/// Logs `error`, shows it in a message box with the log file, and ends the app once the box is closed.
pub fn fail(app: &AppHandle, error: &StartupError, logs: &LogFiles) {
    tracing::error!("Hiredesk cannot start: {error}");
    let message = format!("{error}\n\nThe log file has the details: {}", logs.describe());
    let handle = app.clone();
    app.dialog()
        .message(message)
        .title(TITLE)
        .kind(MessageDialogKind::Error)
        .buttons(MessageDialogButtons::Ok)
        .show(move |_| handle.exit(1));
}
