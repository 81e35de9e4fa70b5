//! Notes and tasks kept on this computer while the team server cannot be reached, until it answers again.
//!
//! Each kept note is one JSON line of `offline-notes.jsonl` in the data folder (0600), written and flushed to
//! the disk before the UI is told "kept on this computer", so nothing typed is lost if the app or the computer
//! stops. A kept note carries the key and the time the shell gave it when it was written; the core saves a key
//! once and puts the note and its History line at that time, so a replay after a lost answer saves nothing
//! twice. The notes are replayed in the order they were written (see `team.rs`), and a line leaves the file
//! only once the server has answered it.

use hiredesk_wire::SaveNoteRequest;
use serde::{Deserialize, Serialize};
use std::collections::VecDeque;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The file in the data folder that holds the kept notes.
pub const QUEUE_FILE: &str = "offline-notes.jsonl";

/// A note written while the server could not be reached: who wrote it and the request to replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptNote {
    /// The author's email, so that a later sign-in of the same user can replay it.
    pub email: String,
    /// The session it was written in; replaced when the author signs in again.
    pub token: String,
    /// With its client key and written-at time.
    pub request: SaveNoteRequest,
}

/// The kept notes, in the order they were written, and their file.
pub struct OfflineNotes {
    path: PathBuf,
    kept: Mutex<VecDeque<KeptNote>>,
}

impl OfflineNotes {
    /// The notes kept in `data_dir` by an earlier run, if any. A line that cannot be read is a damaged file:
    /// refused by name rather than dropped, so nothing is lost unseen.
    pub fn open(data_dir: &Path) -> std::io::Result<Self> {
        let path = data_dir.join(QUEUE_FILE);
        let kept = match std::fs::read_to_string(&path) {
            Ok(text) => text
                .lines()
                .filter(|line| !line.trim().is_empty())
                .map(|line| serde_json::from_str(line).map_err(std::io::Error::other))
                .collect::<std::io::Result<VecDeque<KeptNote>>>()?,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => VecDeque::new(),
            Err(error) => return Err(error),
        };
        Ok(Self { path, kept: Mutex::new(kept) })
    }

    /// Keeps `note` after the others, on the disk before this returns.
    pub fn keep(&self, note: KeptNote) -> std::io::Result<()> {
        let mut kept = self.lock();
        let mut line = serde_json::to_vec(&note).map_err(std::io::Error::other)?;
        line.push(b'\n');
        let mut options = std::fs::OpenOptions::new();
        options.append(true).create(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&self.path)?;
        file.write_all(&line)?;
        file.sync_all()?;
        kept.push_back(note);
        Ok(())
    }

    /// The oldest kept note.
    pub fn first(&self) -> Option<KeptNote> {
        self.lock().front().cloned()
    }

    pub fn is_empty(&self) -> bool {
        self.lock().is_empty()
    }

    /// How many notes are kept.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    /// The oldest kept note is saved (or given up on): it leaves the queue and the file.
    pub fn done_with_first(&self) -> std::io::Result<()> {
        let mut kept = self.lock();
        kept.pop_front();
        self.rewrite(&kept)
    }

    /// Changes the oldest kept note (to replay it in another way).
    pub fn change_first(&self, change: impl FnOnce(&mut KeptNote)) -> std::io::Result<()> {
        let mut kept = self.lock();
        if let Some(first) = kept.front_mut() {
            change(first);
        }
        self.rewrite(&kept)
    }

    /// The author of kept notes signed in again: their notes are replayed in the new session.
    pub fn renew_session(&self, email: &str, token: &str) -> std::io::Result<()> {
        let mut kept = self.lock();
        let mut changed = false;
        for note in kept.iter_mut().filter(|note| note.email == email && note.token != token) {
            note.token = token.to_owned();
            changed = true;
        }
        if changed {
            self.rewrite(&kept)?;
        }
        Ok(())
    }

    /// Writes the queue beside the file and renames it over, so the file is always whole.
    fn rewrite(&self, kept: &VecDeque<KeptNote>) -> std::io::Result<()> {
        if kept.is_empty() {
            return match std::fs::remove_file(&self.path) {
                Err(error) if error.kind() != std::io::ErrorKind::NotFound => Err(error),
                _ => Ok(()),
            };
        }
        let draft = self.path.with_extension("jsonl.new");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&draft)?;
        for note in kept {
            let mut line = serde_json::to_vec(note).map_err(std::io::Error::other)?;
            line.push(b'\n');
            file.write_all(&line)?;
        }
        file.sync_all()?;
        std::fs::rename(&draft, &self.path)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<KeptNote>> {
        self.kept.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A key for a note written on this desktop: unique without coordination (the time, this process, a counter and
/// the standard library's random hasher keys), in the letters, digits and '-' the core accepts.
pub fn new_client_key() -> String {
    use std::hash::{BuildHasher, Hasher};
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |since| since.as_nanos());
    let mut hasher = std::hash::RandomState::new().build_hasher();
    hasher.write_u128(nanos);
    hasher.write_u32(std::process::id());
    hasher.write_u64(count);
    format!("{nanos:x}-{:x}-{count:x}-{:016x}", std::process::id(), hasher.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn note(text: &str, email: &str) -> KeptNote {
        let request = SaveNoteRequest {
            application_id: 3,
            text: text.to_owned(),
            client_key: Some(new_client_key()),
            written_at: Some(1_700_000_000_000),
            ..SaveNoteRequest::default()
        };
        KeptNote { email: email.to_owned(), token: "token-1".to_owned(), request }
    }

    #[test]
    fn kept_notes_survive_a_restart_in_order_and_leave_once_saved() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let queue = OfflineNotes::open(dir.path()).expect("no file yet");
        assert!(queue.is_empty());
        let (first, second) = (note("First", "a@example.org"), note("Second", "a@example.org"));
        queue.keep(first.clone()).expect("kept");
        queue.keep(second.clone()).expect("kept");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(QUEUE_FILE)).expect("there").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        // The app stopped: the next run finds both, in order.
        let reopened = OfflineNotes::open(dir.path()).expect("read back");
        assert_eq!((reopened.len(), reopened.first()), (2, Some(first)));
        reopened.done_with_first().expect("saved");
        assert_eq!(OfflineNotes::open(dir.path()).expect("read").first(), Some(second));
        reopened.done_with_first().expect("saved");
        assert!(!dir.path().join(QUEUE_FILE).exists(), "an empty queue leaves no file");
    }

    #[test]
    fn a_new_sign_in_of_the_author_takes_over_their_kept_notes() {
        let dir = tempfile::tempdir().expect("temporary folder");
        let queue = OfflineNotes::open(dir.path()).expect("no file yet");
        queue.keep(note("Mine", "a@example.org")).expect("kept");
        queue.keep(note("Theirs", "b@example.org")).expect("kept");
        queue.renew_session("a@example.org", "token-2").expect("renewed");
        let reopened = OfflineNotes::open(dir.path()).expect("read back");
        let tokens: Vec<String> = reopened.lock().iter().map(|note| note.token.clone()).collect();
        assert_eq!(tokens, ["token-2", "token-1"]);
    }

    #[test]
    fn keys_are_unique_and_of_the_form_the_core_accepts() {
        let keys: std::collections::HashSet<String> = (0..1000).map(|_| new_client_key()).collect();
        assert_eq!(keys.len(), 1000);
        assert!(keys.iter().all(|key| key.len() <= 64 && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')));
    }

    #[test]
    fn a_damaged_file_is_refused_not_dropped() {
        let dir = tempfile::tempdir().expect("temporary folder");
        std::fs::write(dir.path().join(QUEUE_FILE), "{not json\n").expect("written");
        assert!(OfflineNotes::open(dir.path()).is_err());
    }
}
