//! Where the mail server's password is kept: never in the database. On a desktop it is the operating
//! system's credential store (the `keyring` crate: the Secret Service on Linux, the Keychain on macOS, the
//! Credential Manager on Windows), one entry per data folder or team database. A machine without one (the
//! headless team server) names a file for it instead with [`PASSWORD_FILE_VARIABLE`]: an explicit choice,
//! written 0600. Where neither is available, saving a password is refused with a message that says so; there
//! is no silent fallback to plain text.

use crate::error::CoreError;
use std::path::{Path, PathBuf};

/// Names a file that keeps the mail password instead of the credential store (a headless server, a machine
/// without a Secret Service). The file is created 0600; its folder must exist.
pub const PASSWORD_FILE_VARIABLE: &str = "HIREDESK_MAIL_PASSWORD_FILE";

/// The credential store's service name for Hiredesk's mail password.
const SERVICE: &str = "Hiredesk mail server";

/// Where this installation keeps the mail password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordStore {
    /// The operating system's credential store, under `account` (the data folder or the team database).
    CredentialStore { account: String },
    /// A file of its own, 0600, chosen by configuration.
    File(PathBuf),
}

/// Why the password could not be kept or read, in words for the administrator.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error(
        "This computer has no credential store to keep the mail password in ({0}). Start the desktop's keyring \
         (for example GNOME Keyring or KeePassXC), or have Hiredesk keep it in a file of its own by naming the \
         file in HIREDESK_MAIL_PASSWORD_FILE."
    )]
    NoCredentialStore(String),
    #[error("The mail password file {0} could not be used: {1}")]
    File(String, String),
}

impl From<SecretError> for CoreError {
    fn from(error: SecretError) -> Self {
        CoreError::field("password", error.to_string())
    }
}

impl PasswordStore {
    /// The store configured for an installation: the file named in [`PASSWORD_FILE_VARIABLE`] if any, otherwise
    /// the credential store, under `account`.
    pub fn configured(account: impl Into<String>) -> Self {
        match std::env::var_os(PASSWORD_FILE_VARIABLE).filter(|file| !file.is_empty()) {
            Some(file) => PasswordStore::File(PathBuf::from(file)),
            None => PasswordStore::CredentialStore { account: account.into() },
        }
    }

    fn entry(account: &str) -> Result<keyring::Entry, SecretError> {
        keyring::Entry::new(SERVICE, account).map_err(|error| SecretError::NoCredentialStore(error.to_string()))
    }

    /// The kept password; empty when none was kept.
    pub fn read(&self) -> Result<String, SecretError> {
        match self {
            PasswordStore::CredentialStore { account } => match Self::entry(account)?.get_password() {
                Ok(password) => Ok(password),
                Err(keyring::Error::NoEntry) => Ok(String::new()),
                Err(error) => Err(SecretError::NoCredentialStore(error.to_string())),
            },
            PasswordStore::File(path) => match std::fs::read_to_string(path) {
                Ok(password) => Ok(password),
                Err(error) if error.kind() == std::io::ErrorKind::NotFound => Ok(String::new()),
                Err(error) => Err(file_error(path, &error)),
            },
        }
    }

    /// Keeps `password`, replacing the one kept before.
    pub fn write(&self, password: &str) -> Result<(), SecretError> {
        match self {
            PasswordStore::CredentialStore { account } => Self::entry(account)?
                .set_password(password)
                .map_err(|error| SecretError::NoCredentialStore(error.to_string())),
            PasswordStore::File(path) => write_private(path, password).map_err(|error| file_error(path, &error)),
        }
    }
}

fn file_error(path: &Path, error: &std::io::Error) -> SecretError {
    SecretError::File(path.display().to_string(), error.to_string())
}

/// Writes the file readable and writable by its owner only, also when it existed with wider permissions.
fn write_private(path: &Path, password: &str) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(0o600);
        let mut file = options.open(path)?;
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
        file.write_all(password.as_bytes())
    }
    #[cfg(not(unix))]
    {
        options.open(path)?.write_all(password.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_file_is_private_and_replaced_whole() {
        let folder = tempfile::tempdir().expect("a folder");
        let path = folder.path().join("mail-password");
        let store = PasswordStore::File(path.clone());
        assert_eq!(store.read(), Ok(String::new()), "none kept yet");
        std::fs::write(&path, "an old, longer password").expect("an old file");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("wide open");
        }
        store.write("s3cret").expect("kept");
        assert_eq!(store.read(), Ok("s3cret".to_owned()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&path).expect("metadata").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }
}
