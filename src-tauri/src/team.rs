//! Team mode on the desktop: the team server this desktop joined, and the way commands reach it.
//!
//! A desktop that joined a team's server keeps the server's address and the certificate fingerprint the user
//! confirmed in `team.json` in its data folder (0600). With that file every `core` row of the command table is
//! sent to the server through `hiredesk-client` instead of the local core, and no local database is opened for
//! commands: the rules run where the data is, and the desktop holds no database password. Without it the
//! desktop is solo, exactly as before. [`TeamDesk`] also remembers what the shell must know of the answers: the
//! sessions signed in on this desktop (from the sign-in answers, for the watch and the notification clicks) and
//! whether the server answered the last call (for the banner).

use crate::offline::{KeptNote, OfflineNotes};
use crate::offline_reminders::OfflineReminders;
use hiredesk_client::{Fingerprint, TeamAddress, TeamClient};
use hiredesk_core::notices::Notice;
use hiredesk_core::time::UserZone;
use hiredesk_wire::{
    Command, ErrorKind, FieldError, IpcError, JoinTeamServerRequest, NoteView, Rpc, SaveNoteRequest, SignedIn,
    TodoItem, TodoRequest, TEAM_WIRE_VERSION,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The file in the data folder that says this desktop works with a team's server.
pub const TEAM_FILE: &str = "team.json";

/// What `team.json` holds: the server, and the fingerprint of its certificate that the user confirmed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TeamJoin {
    /// `https://host:port`.
    pub address: String,
    /// The SHA-256 of the server's certificate, `AB:CD:…`.
    pub fingerprint: String,
}

/// A `team.json` that is there but cannot be used; the message names the file.
#[derive(Debug, thiserror::Error)]
pub enum TeamFileError {
    #[error("The team settings {} cannot be read: {source}.", path.display())]
    Unreadable { path: PathBuf, source: std::io::Error },
    #[error(
        "The team settings {} are damaged ({detail}). Delete the file to choose again between working on this \
         computer and joining your team's server.",
        path.display()
    )]
    Damaged { path: PathBuf, detail: String },
}

/// The team this desktop joined, if it joined one.
pub fn read(data_dir: &Path) -> Result<Option<TeamJoin>, TeamFileError> {
    let path = data_dir.join(TEAM_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => return Err(TeamFileError::Unreadable { path, source }),
    };
    let damaged = |detail: String| TeamFileError::Damaged { path: path.clone(), detail };
    let join: TeamJoin = serde_json::from_str(&text).map_err(|error| damaged(error.to_string()))?;
    TeamAddress::parse(&join.address).map_err(|error| damaged(error.message))?;
    Fingerprint::parse(&join.fingerprint).ok_or_else(|| damaged("the fingerprint is not 32 hex pairs".to_owned()))?;
    // Written by hand or by a script, it may be readable by others; it is this user's, like the data folder.
    hiredesk_core::db::private::private_file(&path).map_err(|source| TeamFileError::Unreadable { path, source })?;
    Ok(Some(join))
}

/// Keeps `join` in the data folder, readable by its owner only from its first byte; written beside and then
/// renamed, so a crash never leaves half a file that would stop the next start.
pub fn write(data_dir: &Path, join: &TeamJoin) -> std::io::Result<()> {
    hiredesk_core::db::private::private_folder(data_dir)?;
    let path = data_dir.join(TEAM_FILE);
    let draft = data_dir.join(format!("{TEAM_FILE}.new"));
    let text = serde_json::to_vec_pretty(join).map_err(std::io::Error::other)?;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    std::io::Write::write_all(&mut options.open(&draft)?, &text)?;
    hiredesk_core::db::private::private_file(&draft)?;
    std::fs::rename(&draft, &path)
}

/// Joins the team server at `request.address` whose certificate has the fingerprint the user confirmed:
/// the server must answer with that certificate and speak this desktop's wire, and then `team.json` is
/// written in `data_dir`. Answers the connection to use from now on.
pub async fn join(data_dir: &Path, request: &JoinTeamServerRequest) -> Result<(TeamJoin, TeamDesk), IpcError> {
    let address = TeamAddress::parse(&request.address)?;
    let fingerprint = Fingerprint::parse(&request.fingerprint).ok_or_else(|| {
        let message = "The fingerprint is 32 pairs of letters and digits joined by ':', as the server shows it.";
        IpcError::validation(vec![FieldError { field: "fingerprint".to_owned(), message: message.to_owned() }])
    })?;
    let client = TeamClient::new(address.clone(), fingerprint.clone())?;
    let health = client.health().await?;
    if health.wire != TEAM_WIRE_VERSION {
        return Err(IpcError::new(
            ErrorKind::Conflict,
            format!(
                "The team server runs Hiredesk {} (wire {}), which does not work with this Hiredesk {} (wire {}). \
                 Install the same version as the server.",
                health.version,
                health.wire,
                env!("CARGO_PKG_VERSION"),
                TEAM_WIRE_VERSION
            ),
        ));
    }
    let join = TeamJoin { address: address.to_string(), fingerprint: fingerprint.to_string() };
    write(data_dir, &join).map_err(|error| {
        IpcError::new(
            ErrorKind::Internal,
            format!("The team settings could not be kept in {}: {error}", data_dir.join(TEAM_FILE).display()),
        )
    })?;
    Ok((join, TeamDesk::with_client(client, data_dir)?))
}

/// The desktop's side of a team server: the pinned client and what the shell learns from the answers.
pub struct TeamDesk {
    client: TeamClient,
    /// The sessions signed in on this desktop: token → the user's email.
    sessions: Mutex<HashMap<String, String>>,
    /// Why the server did not answer the last call; `None` once a call was answered.
    unreachable: Mutex<Option<String>>,
    /// New notes and tasks written while the server could not be reached, oldest first.
    offline: OfflineNotes,
    /// One replay at a time, so the kept notes go out in order and each once.
    replaying: tokio::sync::Mutex<()>,
    /// The last To-Do list the server gave each user signed in here (by email), for when it cannot be reached.
    todo_copies: Mutex<HashMap<String, Vec<TodoItem>>>,
    /// Each signed-in user's zone (by email, from the sign-in answer), for the reminders shown offline.
    zones: Mutex<HashMap<String, UserZone>>,
    /// The task reminders this desktop showed while the server could not be reached.
    reminders: OfflineReminders,
    /// The sessions whose watch runs now.
    watched: Mutex<std::collections::HashSet<String>>,
    /// How many watches said something changed (the UI reloads its shared pages when this grows).
    changes: std::sync::atomic::AtomicU64,
    /// A number for each user signed in here (by email), standing in for the user id a clicked notification
    /// is kept for: the server's notices name no user id.
    click_ids: Mutex<Vec<String>>,
}

impl TeamDesk {
    pub fn new(join: &TeamJoin, data_dir: &Path) -> Result<Self, IpcError> {
        let address = TeamAddress::parse(&join.address)?;
        let fingerprint = Fingerprint::parse(&join.fingerprint)
            .ok_or_else(|| IpcError::new(ErrorKind::Internal, "The team server's fingerprint cannot be read."))?;
        Self::with_client(TeamClient::new(address, fingerprint)?, data_dir)
    }

    /// The desktop's side of `client`, with the notes an earlier run kept in `data_dir`.
    pub fn with_client(client: TeamClient, data_dir: &Path) -> Result<Self, IpcError> {
        let offline = OfflineNotes::open(data_dir).map_err(|error| {
            let path = data_dir.join(crate::offline::QUEUE_FILE);
            IpcError::new(
                ErrorKind::Internal,
                format!("The notes kept on this computer ({}) cannot be read: {error}", path.display()),
            )
        })?;
        Ok(Self {
            client,
            sessions: Mutex::new(HashMap::new()),
            unreachable: Mutex::new(None),
            offline,
            replaying: tokio::sync::Mutex::new(()),
            todo_copies: Mutex::new(HashMap::new()),
            zones: Mutex::new(HashMap::new()),
            reminders: OfflineReminders::default(),
            watched: Mutex::new(std::collections::HashSet::new()),
            changes: std::sync::atomic::AtomicU64::new(0),
            click_ids: Mutex::new(Vec::new()),
        })
    }

    pub fn client(&self) -> &TeamClient {
        &self.client
    }

    /// Sends a command row to the server and decodes its answer as the row's response. The sessions
    /// signed in here are followed through the sign-in and sign-out answers.
    pub async fn call<R: Rpc>(&self, token: Option<&str>, request: &R) -> Result<R::Response, IpcError> {
        let body = serde_json::to_vec(request).map_err(|error| {
            IpcError::new(ErrorKind::Internal, format!("The request could not be written: {error}"))
        })?;
        let answer = self.observe(self.client.call(R::COMMAND, token, body).await)?;
        match (R::COMMAND, token) {
            (Command::SignIn, _) => {
                if let Ok(signed_in) = serde_json::from_slice::<SignedIn>(&answer) {
                    if let Err(error) = self.offline.renew_session(&signed_in.user.email, &signed_in.token) {
                        tracing::error!("the notes kept on this computer could not take the new session: {error}");
                    }
                    let user = &signed_in.user;
                    let zone = UserZone { zone: user.time_zone, observe_daylight_saving: user.observe_daylight_saving };
                    self.lock_zones().insert(user.email.clone(), zone);
                    self.lock_sessions().insert(signed_in.token, signed_in.user.email);
                }
            }
            (Command::SignOut, Some(token)) => {
                self.lock_sessions().remove(token);
            }
            _ => {}
        }
        serde_json::from_slice(&answer).map_err(|error| {
            IpcError::new(ErrorKind::Internal, format!("The team server's answer could not be read: {error}"))
        })
    }

    /// Saves a note on the server; a new one that cannot reach it (or that would overtake notes kept earlier)
    /// is kept on this computer and replayed later. Edits are not kept: they change what the server has.
    pub async fn save_note(&self, token: &str, request: SaveNoteRequest) -> Result<NoteView, IpcError> {
        if request.id.is_some() {
            return self.call(Some(token), &request).await;
        }
        let written_at = chrono::Utc::now().timestamp_millis();
        let request = SaveNoteRequest {
            client_key: Some(crate::offline::new_client_key()),
            written_at: Some(written_at),
            ..request
        };
        // Earlier kept notes go first, so the order stays the one they were written in.
        self.replay().await;
        if self.offline.is_empty() {
            match self.call(Some(token), &request).await {
                Err(error) if error.kind == ErrorKind::Unreachable => {}
                answered => return answered,
            }
        }
        self.keep(token, request)
    }

    /// Keeps a new note that the server cannot take now, once it passed the checks that need no server.
    fn keep(&self, token: &str, request: SaveNoteRequest) -> Result<NoteView, IpcError> {
        let Some(email) = self.lock_sessions().get(token).cloned() else {
            return Err(IpcError::new(ErrorKind::SessionExpired, "Sign in again to keep writing notes."));
        };
        let refused =
            |field: &str, message: String| IpcError::validation(vec![FieldError { field: field.to_owned(), message }]);
        if request.text.trim().is_empty() {
            return Err(refused("text", "Write the note before you save it.".to_owned()));
        }
        if request.is_task {
            hiredesk_core::notes::parse_due_date(&request.due_date)
                .map_err(|refusal| refused("due_date", refusal.to_string()))?;
        }
        let view = NoteView {
            id: 0,
            application_id: request.application_id,
            requisition: String::new(),
            text: request.text.trim().to_owned(),
            author_email: email.clone(),
            entered_on: chrono::Local::now().format("%m/%d/%Y").to_string(),
            is_task: request.is_task,
            due_date: request.is_task.then(|| request.due_date.trim().to_owned()),
            completed: false,
            overdue: false,
            kept_on_this_computer: true,
        };
        self.offline.keep(KeptNote { email, token: token.to_owned(), request }).map_err(|error| {
            IpcError::new(ErrorKind::Internal, format!("The note could not be kept on this computer: {error}"))
        })?;
        tracing::info!("a note was kept on this computer ({} waiting for the team server)", self.offline.len());
        Ok(view)
    }

    /// Sends the kept notes, oldest first, until none is left or the server does not answer. A note whose
    /// session ended waits for its author to sign in again; one whose time the server refuses (older than
    /// the new session) is saved at the time of saving instead; one the server refuses otherwise (its
    /// application was deleted meanwhile, say) is logged with its text and given up.
    pub async fn replay(&self) {
        let _turn = self.replaying.lock().await;
        while let Some(kept) = self.offline.first() {
            let answer = self.call(Some(&kept.token), &kept.request).await;
            let done = match answer {
                Ok(_) => self.offline.done_with_first(),
                Err(error) if matches!(error.kind, ErrorKind::Unreachable | ErrorKind::SessionExpired) => return,
                Err(error) if error.field("written_at").is_some() => {
                    tracing::warn!("a kept note is saved at the time of saving: {}", error.message);
                    self.offline.change_first(|note| note.request.written_at = None)
                }
                Err(error) => {
                    tracing::error!(
                        "a note kept on this computer was refused by the team server and not saved ({}): {:?}",
                        error.message,
                        kept.request.text
                    );
                    self.offline.done_with_first()
                }
            };
            if let Err(error) = done {
                tracing::error!("the notes kept on this computer could not be updated: {error}");
                return;
            }
        }
    }

    /// Whether notes are waiting for the server.
    pub fn has_kept_notes(&self) -> bool {
        !self.offline.is_empty()
    }

    /// The user's To-Do list; while the server cannot be reached, the last one it gave this user.
    pub async fn todo(&self, token: &str, request: TodoRequest) -> Result<Vec<TodoItem>, IpcError> {
        let email = self.lock_sessions().get(token).cloned();
        let answer = self.call(Some(token), &request).await;
        let mut copies = self.todo_copies.lock().unwrap_or_else(PoisonError::into_inner);
        match (answer, email) {
            (Ok(todo), Some(email)) => {
                copies.insert(email, todo.clone());
                Ok(todo)
            }
            (Err(error), Some(email)) if error.kind == ErrorKind::Unreachable => {
                copies.get(&email).cloned().ok_or(error)
            }
            (answer, _) => answer,
        }
    }

    /// How many watches said something changed.
    pub fn changes(&self) -> u64 {
        self.changes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// The number clicks on notifications are kept under for the user of `token`, if it is signed in here.
    pub fn click_id(&self, token: &str) -> Option<i32> {
        let email = self.lock_sessions().get(token).cloned()?;
        let mut ids = self.click_ids.lock().unwrap_or_else(PoisonError::into_inner);
        let index = match ids.iter().position(|known| *known == email) {
            Some(index) => index,
            None => {
                ids.push(email);
                ids.len() - 1
            }
        };
        i32::try_from(index).ok().map(|index| -1 - index)
    }

    /// The sessions signed in here whose watch is not running yet; each is marked as watched.
    pub fn unwatched(&self) -> Vec<String> {
        let sessions: Vec<String> = self.lock_sessions().keys().cloned().collect();
        let mut watched = self.watched.lock().unwrap_or_else(PoisonError::into_inner);
        sessions.into_iter().filter(|token| watched.insert(token.clone())).collect()
    }

    /// Follows one session's watch until it signs out or ends: its native notices go to `show` (the
    /// notifier), and a change anywhere counts for the UI's reload.
    pub async fn watch(&self, token: String, show: impl Fn(Vec<Notice>)) {
        let mut cursor = hiredesk_wire::WatchCursor::default();
        while self.lock_sessions().contains_key(&token) {
            match self.observe(self.client.watch(&token, cursor).await) {
                Ok(answer) => {
                    if let Some(user_id) = self.click_id(&token) {
                        let notices = answer
                            .notices
                            .into_iter()
                            .map(|notice| Notice {
                                user_id,
                                title: notice.title,
                                body: notice.body,
                                opens: notice.opens,
                                show_here: true,
                            })
                            .collect();
                        show(notices);
                    }
                    // The first answer only gives the cursor: nothing before this desktop started is news.
                    if answer.changed && cursor != hiredesk_wire::WatchCursor::default() {
                        self.changes.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    }
                    cursor = answer.cursor;
                }
                Err(error) if error.kind == ErrorKind::SessionExpired => {
                    self.lock_sessions().remove(&token);
                }
                // The banner says so; the watch tries again a little later.
                Err(_) => tokio::time::sleep(REPLAY_EVERY).await,
            }
        }
        self.watched.lock().unwrap_or_else(PoisonError::into_inner).remove(&token);
    }

    /// Notes whether the server answered: an `Unreachable` error raises the banner, any other answer (an
    /// error the server gave included) lowers it.
    pub fn observe<T>(&self, answer: Result<T, IpcError>) -> Result<T, IpcError> {
        let mut unreachable = self.unreachable.lock().unwrap_or_else(PoisonError::into_inner);
        *unreachable = match &answer {
            Err(error) if error.kind == ErrorKind::Unreachable => Some(error.message.clone()),
            _ => None,
        };
        answer
    }

    /// Why the server did not answer the last call, while it does not.
    pub fn unreachable(&self) -> Option<String> {
        self.unreachable.lock().unwrap_or_else(PoisonError::into_inner).clone()
    }

    fn lock_sessions(&self) -> std::sync::MutexGuard<'_, HashMap<String, String>> {
        self.sessions.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn lock_zones(&self) -> std::sync::MutexGuard<'_, HashMap<String, UserZone>> {
        self.zones.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// While the server cannot be reached: the task reminders owed at `now` to the users signed in here, from
    /// their last To-Do copies, each once a day. None while it answers (it reminds them itself).
    pub fn offline_reminders(&self, now: chrono::DateTime<chrono::Utc>) -> Vec<Notice> {
        if self.unreachable.lock().unwrap_or_else(PoisonError::into_inner).is_none() {
            return Vec::new();
        }
        let signed_in: Vec<(String, String)> =
            self.lock_sessions().iter().map(|(token, email)| (token.clone(), email.clone())).collect();
        let copies = self.todo_copies.lock().unwrap_or_else(PoisonError::into_inner).clone();
        let mut owed = Vec::new();
        for (token, email) in signed_in {
            let (Some(todo), Some(zone), Some(user_id)) =
                (copies.get(&email), self.lock_zones().get(&email).copied(), self.click_id(&token))
            else {
                continue;
            };
            owed.extend(self.reminders.due(todo, zone, now, user_id));
        }
        owed
    }

    /// `notices` the server sent for the session `token` without the reminders this desktop already showed
    /// today while it could not reach the server.
    pub fn not_reminded_offline(
        &self,
        token: &str,
        notices: Vec<Notice>,
        now: chrono::DateTime<chrono::Utc>,
    ) -> Vec<Notice> {
        let email = self.lock_sessions().get(token).cloned();
        match email.and_then(|email| self.lock_zones().get(&email).copied()) {
            Some(zone) => self.reminders.not_shown_yet(notices, zone, now),
            None => notices,
        }
    }
}

/// How often kept notes are offered to the server again while it does not answer.
pub const REPLAY_EVERY: std::time::Duration = std::time::Duration::from_secs(3);

#[cfg(test)]
mod tests {
    use super::*;

    fn join() -> TeamJoin {
        let fingerprint = Fingerprint::of_certificate(b"a certificate").to_string();
        TeamJoin { address: "https://team.example.org:8443".to_owned(), fingerprint }
    }

    #[test]
    fn no_file_is_solo_and_a_written_one_reads_back_private() {
        let dir = tempfile::tempdir().expect("temporary folder");
        assert!(read(dir.path()).expect("no file is no team").is_none());
        write(dir.path(), &join()).expect("written");
        assert_eq!(read(dir.path()).expect("read back"), Some(join()));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.path().join(TEAM_FILE)).expect("there").permissions().mode();
            assert_eq!(mode & 0o777, 0o600);
        }
        assert!(!dir.path().join(format!("{TEAM_FILE}.new")).exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_file_written_by_hand_is_made_private_when_read() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temporary folder");
        let path = dir.path().join(TEAM_FILE);
        std::fs::write(&path, serde_json::to_vec(&join()).expect("json")).expect("written");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).expect("opened up");
        assert_eq!(read(dir.path()).expect("read"), Some(join()));
        assert_eq!(std::fs::metadata(&path).expect("there").permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn a_damaged_file_is_refused_by_name() {
        let dir = tempfile::tempdir().expect("temporary folder");
        for damaged in ["{", r#"{"address":"http://team:80","fingerprint":"AB"}"#] {
            std::fs::write(dir.path().join(TEAM_FILE), damaged).expect("written");
            let error = read(dir.path()).expect_err("refused");
            assert!(error.to_string().contains(TEAM_FILE), "{error}");
        }
        let bad_fingerprint = TeamJoin { fingerprint: "AB:CD".to_owned(), ..join() };
        std::fs::write(dir.path().join(TEAM_FILE), serde_json::to_vec(&bad_fingerprint).expect("json"))
            .expect("written");
        assert!(matches!(read(dir.path()), Err(TeamFileError::Damaged { .. })));
    }
}
