//! Refusing a database written by a newer Hiredesk. Diesel applies the migrations a database lacks and says
//! nothing about migrations it has that this build does not know; such a database comes from a newer version
//! (a recruiter who went back to an older package, or a data folder shared with a newer computer), and this
//! build's queries would read a schema they were not written for. So it is refused before anything is
//! written, with a message that says which file and what to do.

use crate::error::CoreError;
use diesel::migration::MigrationSource;
use diesel::SqliteConnection;
use diesel_migrations::{EmbeddedMigrations, MigrationHarness};
use std::collections::HashSet;
use std::path::Path;

/// Fails with [`CoreError::Open`] when the database at `path` has migrations that `known` does not contain.
pub(super) fn refuse_newer(
    conn: &mut SqliteConnection,
    known: &EmbeddedMigrations,
    path: &Path,
) -> Result<(), CoreError> {
    let unreadable = |error| CoreError::Open(format!("The database {} could not be read: {error}", path.display()));
    let known: HashSet<String> = MigrationSource::<diesel::sqlite::Sqlite>::migrations(known)
        .map_err(unreadable)?
        .iter()
        .map(|migration| migration.name().version().to_string())
        .collect();
    let unknown: Vec<String> = conn
        .applied_migrations()
        .map_err(unreadable)?
        .into_iter()
        .map(|version| version.to_string())
        .filter(|version| !known.contains(version))
        .collect();
    if unknown.is_empty() {
        return Ok(());
    }
    Err(CoreError::Open(format!(
        "The database {} was written by a newer version of Hiredesk (it has changes this version does not know: \
         {}). Nothing was changed. Install the newer version again, or start this one on another data folder.",
        path.display(),
        unknown.join(", ")
    )))
}
