//! The state the shell keeps: the core's configuration and, once opened, the core itself.

use crate::diagnostics::LogFiles;
use hiredesk_core::{CoreResult, Hiredesk, HiredeskConfig};
use hiredesk_wire::{About, IpcError, NoticeTarget};
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
            logs,
            startup_probe,
        }
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
