//! Help → About: which Hiredesk this is and where it keeps its files, for the recruiter and their IT person.

use serde::{Deserialize, Serialize};

/// Asks what Help → About shows; answered by the shell, which knows the data folder and the log.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AboutRequest {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct About {
    /// The app's version, e.g. `0.1.0`.
    pub version: String,
    /// The folder that holds the database.
    pub data_folder: String,
    /// Today's log file; `None` when no log file could be written (the log then goes to the terminal only).
    pub log_file: Option<String>,
}
