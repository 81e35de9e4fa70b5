//! One Hiredesk per data folder. A second start on the same folder would share the database with a running
//! app (two mail workers could send the same outbox row twice), empty the web view data under its window and,
//! with `--demo`, seed over its data. So the first start holds an exclusive lock on `hiredesk.lock` in the
//! data folder for as long as it runs, and a second start only asks the running one to show its window (it may
//! be hidden in the tray, or on a desktop that shows no tray at all) and ends.
//!
//! The asking goes over a local socket named after the data folder, the same code on every platform through
//! `interprocess`: an abstract Unix socket on Linux, a Unix socket in `/tmp` on macOS, a named pipe on
//! Windows. The later start sends `show`; the running app answers `shown` once it has shown its window, or
//! `other NAME` when the later start is another user's (a data folder shared between accounts): that user is
//! told whose Hiredesk holds the folder instead of bringing a window forward on someone else's screen. Unix
//! sockets tell the running app who connected; on Windows the named pipe's default security already keeps
//! other users from connecting, which the later start reads as "another user".

use interprocess::local_socket::{prelude::*, GenericNamespaced, ListenerOptions, Name, Stream};
use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, BufRead, BufReader, Write};
use std::path::Path;
use std::time::Duration;

const LOCK_FILE: &str = "hiredesk.lock";
/// What a later start sends, and what the running app answers.
const SHOW: &str = "show";
const SHOWN: &str = "shown";
const OTHER_USER: &str = "other";
/// How long either side waits for the other's line: both are local processes that answer at once.
const PATIENCE: Duration = Duration::from_secs(5);

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

/// What came of asking the Hiredesk that holds a data folder to show itself.
#[derive(Debug)]
pub enum Handover {
    /// It showed its main window.
    Shown,
    /// It runs for another user (named, when it said who).
    OtherUser(Option<String>),
    /// It did not answer (it may hang, or run on another computer that shares the folder).
    NoAnswer(io::Error),
}

/// Asks the Hiredesk running on `data_dir` to show its main window.
pub fn ask_to_show(data_dir: &Path) -> Handover {
    match exchange(data_dir) {
        Ok(answer) if answer == SHOWN => Handover::Shown,
        Ok(answer) => match answer.strip_prefix(OTHER_USER) {
            Some(name) => Handover::OtherUser(Some(name.trim().to_owned()).filter(|name| !name.is_empty())),
            None => Handover::NoAnswer(io::Error::new(io::ErrorKind::InvalidData, format!("it said {answer:?}"))),
        },
        Err(error) if error.kind() == io::ErrorKind::PermissionDenied => Handover::OtherUser(None),
        Err(error) => Handover::NoAnswer(error),
    }
}

fn exchange(data_dir: &Path) -> io::Result<String> {
    let stream = Stream::connect(socket_name(data_dir)?)?;
    stream.set_recv_timeout(Some(PATIENCE))?;
    stream.set_send_timeout(Some(PATIENCE))?;
    let mut writer = &stream;
    writer.write_all(format!("{SHOW}\n").as_bytes())?;
    let mut answer = String::new();
    BufReader::new(&stream).read_line(&mut answer)?;
    Ok(answer.trim().to_owned())
}

/// Listens for later starts on `data_dir` and calls `show` for each of this user's; only the holder of the
/// lock calls this, so a name left behind by a crashed run is stale and taken over.
pub fn listen(data_dir: &Path, show: impl Fn() + Send + 'static) -> io::Result<()> {
    let listener = ListenerOptions::new().name(socket_name(data_dir)?).try_overwrite(true).create_sync()?;
    std::thread::Builder::new().name("instance".to_owned()).spawn(move || {
        for stream in listener.incoming() {
            match stream.and_then(|stream| answer(&stream, &show)) {
                Ok(()) => {}
                Err(error) => tracing::warn!("a later start could not be answered: {error}"),
            }
        }
    })?;
    Ok(())
}

fn answer(stream: &Stream, show: &impl Fn()) -> io::Result<()> {
    stream.set_recv_timeout(Some(PATIENCE))?;
    stream.set_send_timeout(Some(PATIENCE))?;
    let mut word = String::new();
    BufReader::new(stream).read_line(&mut word)?;
    if word.trim() != SHOW {
        return Err(io::Error::new(io::ErrorKind::InvalidData, format!("it asked {word:?}")));
    }
    let reply = if same_user(stream)? {
        tracing::info!("a later start asked for the main window");
        show();
        SHOWN.to_owned()
    } else {
        tracing::info!("another user's start found this data folder in use");
        format!("{OTHER_USER} {}", user_name())
    };
    let mut writer = stream;
    writer.write_all(format!("{reply}\n").as_bytes())
}

/// Whether the peer runs as this process's user (the kernel says who connected to a Unix socket).
#[cfg(unix)]
fn same_user(stream: &Stream) -> io::Result<bool> {
    let peer = stream.peer_creds()?.euid();
    Ok(peer.is_none_or(|uid| uid == rustix::process::geteuid().as_raw()))
}

/// On Windows only this user (and administrators) may open the pipe: its default security says so.
#[cfg(not(unix))]
fn same_user(_stream: &Stream) -> io::Result<bool> {
    Ok(true)
}

/// The local socket of `data_dir`: one name per folder, the same for every start that names the folder in
/// any way (the path is made canonical first), short enough for every platform's limit.
fn socket_name(data_dir: &Path) -> io::Result<Name<'static>> {
    let canonical = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    format!("hiredesk-{:016x}", fnv1a(canonical.as_os_str().as_encoded_bytes())).to_ns_name::<GenericNamespaced>()
}

/// FNV-1a, 64 bits: stable across builds and Rust versions (std's hasher is not), so an older and a newer
/// Hiredesk agree on the name.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// This user's name, for telling another user whose Hiredesk holds a folder.
pub fn user_name() -> String {
    ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .find_map(|variable| std::env::var(variable).ok().filter(|name| !name.is_empty()))
        .unwrap_or_else(|| "unknown".to_owned())
}

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

    #[test]
    fn a_later_start_asks_the_holder_to_show_its_window() {
        let dir = tempfile::tempdir().expect("a folder");
        assert!(matches!(ask_to_show(dir.path()), Handover::NoAnswer(_)), "nobody listens yet");
        let (shown, asked) = std::sync::mpsc::channel();
        listen(dir.path(), move || shown.send(()).expect("the test waits")).expect("listening");
        assert!(matches!(ask_to_show(dir.path()), Handover::Shown));
        asked.recv_timeout(Duration::from_secs(10)).expect("asked to show");
    }

    #[test]
    fn the_name_is_the_folders_however_it_is_written() {
        let dir = tempfile::tempdir().expect("a folder");
        std::fs::create_dir(dir.path().join("data")).expect("a data folder");
        let plain = socket_name(&dir.path().join("data")).expect("a name");
        let roundabout = socket_name(&dir.path().join("data").join("..").join("data")).expect("a name");
        assert_eq!(format!("{plain:?}"), format!("{roundabout:?}"));
        let other = socket_name(dir.path()).expect("a name");
        assert_ne!(format!("{plain:?}"), format!("{other:?}"));
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325, "FNV-1a's offset basis");
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c, "FNV-1a's published value for \"a\"");
    }
}
