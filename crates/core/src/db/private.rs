//! The solo data folder and its database files, readable by their owner only.
//!
//! The SQLite file holds every job seeker, the password hashes and the mail settings, so on Unix the data folder
//! is created 0700 and the database file (and its `-wal` and `-shm` companions, which hold recent writes) 0600,
//! whatever the umask; an installation made before this is tightened at the next start. SQLite gives its
//! companion files the database file's own mode, so creating the database file ourselves, 0600, before SQLite
//! first opens it keeps the companions private from their first byte too. On other systems a user's data folder
//! is private by default and nothing is changed here.

use std::io;
use std::path::{Path, PathBuf};

/// The suffixes of the files SQLite keeps beside a database in WAL mode.
const COMPANIONS: [&str; 2] = ["-wal", "-shm"];

/// Creates `folder` (and any missing parents) for its owner only, or tightens it if it exists.
pub fn private_folder(folder: &Path) -> io::Result<()> {
    // A bare file name's folder is the current one, which is not ours to change.
    if folder.as_os_str().is_empty() {
        return Ok(());
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(folder)?;
        std::fs::set_permissions(folder, std::fs::Permissions::from_mode(0o700))
    }
    #[cfg(not(unix))]
    {
        std::fs::create_dir_all(folder)
    }
}

/// Creates the database file `file` for its owner only if it does not exist yet (SQLite takes an empty file
/// for a new database), and tightens it and its companions if they exist.
pub fn private_database_file(file: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // `create` without `truncate`: an existing database is opened and left as it is.
        std::fs::OpenOptions::new().write(true).create(true).truncate(false).mode(0o600).open(file)?;
    }
    tighten_database_files(file)
}

/// Tightens the database file `file` and those of its companions that exist to 0600 (on Unix).
pub fn tighten_database_files(file: &Path) -> io::Result<()> {
    for path in std::iter::once(file.to_path_buf()).chain(COMPANIONS.iter().map(|suffix| companion(file, suffix))) {
        private_file(&path)?;
    }
    Ok(())
}

/// Makes an existing file readable and writable by its owner only (on Unix); a missing one is left missing.
pub fn private_file(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        match std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600)) {
            Err(error) if error.kind() == io::ErrorKind::NotFound => Ok(()),
            other => other,
        }
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        Ok(())
    }
}

/// `file` with `suffix` appended to its name (`hiredesk.sqlite3` → `hiredesk.sqlite3-wal`).
fn companion(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
