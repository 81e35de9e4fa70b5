//! One Hiredesk per data folder. A second start on the same folder would share the database with a running
//! app (two mail workers could send the same outbox row twice), empty the web view data under its window and,
//! with `--demo`, seed over its data. So the first start holds an exclusive lock on `hiredesk.lock` in the
//! data folder for as long as it runs, and a second start only asks the running one to show its window (it may
//! be hidden in the tray, or on a desktop that shows no tray at all) and ends.
//!
//! The asking goes through a Unix socket beside the lock, which answers nothing and understands one word,
//! `show`. Windows has no such socket in `std`; there the second start only says that Hiredesk is running
//! (the window is in the tray, which Windows always shows).

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::Path;

const LOCK_FILE: &str = "hiredesk.lock";
#[cfg(unix)]
const SOCKET_FILE: &str = "hiredesk.sock";
/// What a second start sends.
#[cfg(unix)]
const SHOW: &[u8] = b"show\n";

/// The lock of the running app on its data folder; released when the process ends, however it ends.
pub struct Instance {
    _lock: File,
}

/// Takes the data folder for this process: `None` when another Hiredesk holds it.
pub fn claim(data_dir: &Path) -> io::Result<Option<Instance>> {
    // The folder holds the database: for its owner only (the core tightens it again when it opens the database).
    hiredesk_core::db::private::private_folder(data_dir)?;
    let mut options = OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let lock = options.open(data_dir.join(LOCK_FILE))?;
    match lock.try_lock() {
        Ok(()) => Ok(Some(Instance { _lock: lock })),
        Err(TryLockError::WouldBlock) => Ok(None),
        Err(TryLockError::Error(error)) => Err(error),
    }
}

/// Asks the Hiredesk running on `data_dir` to show its main window; true if it was asked.
#[cfg(unix)]
pub fn ask_to_show(data_dir: &Path) -> bool {
    use std::io::Write;
    std::os::unix::net::UnixStream::connect(data_dir.join(SOCKET_FILE))
        .and_then(|mut stream| stream.write_all(SHOW))
        .is_ok()
}

#[cfg(not(unix))]
pub fn ask_to_show(_data_dir: &Path) -> bool {
    false
}

/// Listens for later starts on `data_dir` and calls `show` for each; only the holder of the lock calls this,
/// so a socket file left by a crashed run is stale and replaced. A folder whose path is too long for a socket
/// address only loses the showing.
#[cfg(unix)]
pub fn listen(data_dir: &Path, show: impl Fn() + Send + 'static) {
    use std::io::Read;
    let path = data_dir.join(SOCKET_FILE);
    let _ = std::fs::remove_file(&path);
    let listener = match std::os::unix::net::UnixListener::bind(&path) {
        Ok(listener) => listener,
        Err(error) => {
            eprintln!("hiredesk: a second start will not bring this window forward ({}: {error})", path.display());
            return;
        }
    };
    std::thread::spawn(move || {
        for mut stream in listener.incoming().flatten() {
            let mut word = [0; SHOW.len()];
            if stream.read_exact(&mut word).is_ok() && word == SHOW {
                show();
            }
        }
    });
}

#[cfg(not(unix))]
pub fn listen(_data_dir: &Path, _show: impl Fn() + Send + 'static) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_folder_is_held_until_the_holder_ends() {
        let dir = tempfile::tempdir().expect("a folder");
        let first = claim(dir.path()).expect("claim").expect("free");
        assert!(claim(dir.path()).expect("claim").is_none(), "held by the first");
        drop(first);
        assert!(claim(dir.path()).expect("claim").is_some(), "free again");
    }

    #[cfg(unix)]
    #[test]
    fn a_later_start_asks_the_holder_to_show_its_window() {
        let dir = tempfile::tempdir().expect("a folder");
        assert!(!ask_to_show(dir.path()), "nobody listens yet");
        let (shown, asked) = std::sync::mpsc::channel();
        listen(dir.path(), move || shown.send(()).expect("the test waits"));
        assert!(ask_to_show(dir.path()));
        asked.recv_timeout(std::time::Duration::from_secs(10)).expect("asked to show");
    }
}
