//! The state the shell keeps: the core's configuration and, once opened, the core itself; or, in team mode,
//! the team server this desktop joined. [`AppState::answer`] and [`AppState::answer_public`] are the one place
//! that chooses between the two for a command row (with `save_note` and `todo`, which do more in team mode).

use crate::diagnostics::LogFiles;
use crate::team::TeamDesk;
use hiredesk_core::{CoreResult, Handle, HandlePublic, Hiredesk, HiredeskConfig};
use hiredesk_wire::{About, IpcError, NoteView, NoticeTarget, SaveNoteRequest, TodoItem, TodoRequest};
use tokio::sync::OnceCell;

/// The print window's data: the request and the token of the session that opened it.
#[derive(Clone)]
pub struct Printed {
    pub token: String,
    pub request: hiredesk_wire::PrintRequest,
}

/// The file chosen for an import (`import_file.rs`), and the session that chose it: another user signed in on
/// the same window cannot import it.
#[derive(Clone)]
pub struct ChosenImport {
    pub token: String,
    pub path: std::path::PathBuf,
}

pub struct AppState {
    config: HiredeskConfig,
    /// The web view data folder every window shares (emptied at start; see `open_main_window`).
    pub web_view_data: std::path::PathBuf,
    /// What the print window shows, and the session that opened it (SPEC EX-2).
    pub printed: std::sync::Mutex<Option<Printed>>,
    /// The file chosen for an import, and the session that chose it (`import_file.rs`).
    pub chosen_import: std::sync::Mutex<Option<ChosenImport>>,
    /// The last clicked notification: (the user it was for, what it opens), until the UI takes it.
    notification_click: std::sync::Mutex<Option<(i32, NoticeTarget)>>,
    hiredesk: OnceCell<Hiredesk>,
    /// The team server, when this desktop joined one (`team.json`); then the local core is never opened.
    team: std::sync::OnceLock<TeamDesk>,
    /// Where this run logs (for Help → About).
    logs: LogFiles,
    /// `cargo xtask bench startup` is timing this start (see [`crate::cli::STARTUP_PROBE_VARIABLE`]).
    pub startup_probe: bool,
}

impl AppState {
    pub fn new(config: HiredeskConfig, web_view_data: std::path::PathBuf, logs: LogFiles, startup_probe: bool) -> Self {
        Self {
            config,
            web_view_data,
            printed: std::sync::Mutex::new(None),
            chosen_import: std::sync::Mutex::new(None),
            notification_click: std::sync::Mutex::new(None),
            hiredesk: OnceCell::new(),
            team: std::sync::OnceLock::new(),
            logs,
            startup_probe,
        }
    }

    /// The time now on this desktop's clock (a test's clock in a debug build that was given one).
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        (self.config.clock)()
    }

    /// What Help → About shows: this build's version and where this run keeps its data and its log.
    pub fn about(&self) -> About {
        About {
            version: env!("CARGO_PKG_VERSION").to_owned(),
            data_folder: self.config.data_dir.display().to_string(),
            log_file: self.logs.current().map(|file| file.display().to_string()),
        }
    }

    /// What the print window was opened with.
    pub fn printed(&self) -> Option<Printed> {
        self.printed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone()
    }

    pub fn set_printed(&self, printed: Printed) {
        *self.printed.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(printed);
    }

    /// Keeps what a clicked notification opens for `user_id`'s UI.
    pub fn notification_clicked(&self, user_id: i32, target: NoticeTarget) {
        *self.notification_click.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((user_id, target));
    }

    /// What the clicked notification opens, once, if it was for `user_id`.
    pub fn take_notification_click(&self, user_id: i32) -> Option<NoticeTarget> {
        let mut click = self.notification_click.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        match *click {
            Some((for_user, target)) if for_user == user_id => {
                *click = None;
                Some(target)
            }
            _ => None,
        }
    }

    /// The team server this desktop works with, in team mode.
    pub fn team(&self) -> Option<&TeamDesk> {
        self.team.get()
    }

    /// Puts this desktop in team mode for the rest of the run. `false`: it already was.
    pub fn work_with_team(&self, team: TeamDesk) -> bool {
        self.team.set(team).is_ok()
    }

    /// The data folder of this run.
    pub fn data_dir(&self) -> &std::path::Path {
        &self.config.data_dir
    }

    /// Answers a `session` row of the command table: the team server's answer in team mode, the local core's
    /// otherwise.
    pub async fn answer<R>(&self, token: String, request: R) -> Result<R::Response, IpcError>
    where
        R: Handle + Send + 'static,
        R::Response: Send + 'static,
    {
        match self.team() {
            Some(team) => team.call(Some(&token), &request).await,
            None => self.run(move |desk| desk.call(&token, &request)).await,
        }
    }

    /// Answers `save_note` as [`AppState::answer`] does; in team mode a new note is kept on this computer
    /// while the server cannot be reached (see `team.rs`).
    pub async fn save_note(&self, token: String, request: SaveNoteRequest) -> Result<NoteView, IpcError> {
        match self.team() {
            Some(team) => team.save_note(&token, request).await,
            None => self.answer(token, request).await,
        }
    }

    /// Answers `todo` as [`AppState::answer`] does; in team mode, while the server cannot be reached, from
    /// the last list it gave the user.
    pub async fn todo(&self, token: String, request: TodoRequest) -> Result<Vec<TodoItem>, IpcError> {
        match self.team() {
            Some(team) => team.todo(&token, request).await,
            None => self.answer(token, request).await,
        }
    }

    /// Answers a `public` row of the command table, as [`AppState::answer`] does.
    pub async fn answer_public<R>(&self, request: R) -> Result<R::Response, IpcError>
    where
        R: HandlePublic + Send + 'static,
        R::Response: Send + 'static,
    {
        match self.team() {
            Some(team) => team.call(None, &request).await,
            None => self.run(move |desk| desk.call_public(&request)).await,
        }
    }

    /// The core, opened on first use on a worker thread (migrations and a demo load never run on the UI
    /// thread). A failed open is not cached: the next command tries again.
    pub async fn hiredesk(&self) -> Result<Hiredesk, IpcError> {
        let config = self.config.clone();
        self.hiredesk.get_or_try_init(|| async move { blocking(move || Hiredesk::open(&config)).await }).await.cloned()
    }

    /// Runs one core use case on a blocking worker thread and maps its error for the UI.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Hiredesk) -> CoreResult<T> + Send + 'static,
    ) -> Result<T, IpcError> {
        let hiredesk = self.hiredesk().await?;
        blocking(move || work(&hiredesk)).await
    }
}

async fn blocking<T: Send + 'static>(work: impl FnOnce() -> CoreResult<T> + Send + 'static) -> Result<T, IpcError> {
    match tauri::async_runtime::spawn_blocking(work).await {
        Ok(result) => result.map_err(IpcError::from),
        Err(error) => Err(IpcError::new(
            hiredesk_wire::ErrorKind::Internal,
            format!("The operation stopped unexpectedly ({error}). Nothing was changed; try again."),
        )),
    }
}
