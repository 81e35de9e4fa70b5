//! The state the shell keeps: the core's configuration and, once opened, the core itself.

use hiredesk_core::{CoreResult, Hiredesk, HiredeskConfig};
use hiredesk_wire::IpcError;
use tokio::sync::OnceCell;

pub struct AppState {
    config: HiredeskConfig,
    hiredesk: OnceCell<Hiredesk>,
    /// Wakes the notice scheduler when a command raised an event (an application, a completed form).
    pub notices_due: tokio::sync::Notify,
    /// Wakes the mail worker when a command queued an email the user waits for (an offer sent).
    pub mail_due: tokio::sync::Notify,
    /// `cargo xtask bench startup` is timing this start (see [`crate::cli::STARTUP_PROBE_VARIABLE`]).
    pub startup_probe: bool,
}

impl AppState {
    pub fn new(config: HiredeskConfig, startup_probe: bool) -> Self {
        Self { config, hiredesk: OnceCell::new(), notices_due: tokio::sync::Notify::new(), mail_due: tokio::sync::Notify::new(), startup_probe }
    }

    /// The core, opened on first use on a worker thread (migrations and a demo load never run on the UI
    /// thread). A failed open is not cached: the next command tries again.
    async fn hiredesk(&self) -> Result<Hiredesk, IpcError> {
        let config = self.config.clone();
        self.hiredesk
            .get_or_try_init(|| async move { blocking(move || Hiredesk::open(&config)).await })
            .await
            .cloned()
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
