//! The main window's size, position and maximised state, remembered from one run to the next
//! (`tauri-plugin-window-state`, used from Rust only: the UI is granted none of its commands).
//!
//! The state is kept in the data folder, beside the database, so a demo, a test and each `--data-dir` has its
//! own and a fresh folder starts at tauri.conf.json's size. Visibility is not remembered: a window hidden in
//! the tray when Hiredesk quit must come back shown. The print window is not remembered either. The plugin
//! writes the file when the app exits; it is also written when the main window is hidden to the tray, so a
//! Hiredesk that ends with the desktop session (not through Quit) keeps what the user arranged.

use crate::print_window;
use std::path::Path;
use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_window_state::{AppHandleExt, StateFlags};

const FILE: &str = "window-state.json";

/// Managed once the plugin runs: saving asks the plugin's state, which is not there otherwise.
struct Remembering;

/// What is remembered.
fn flags() -> StateFlags {
    StateFlags::SIZE | StateFlags::POSITION | StateFlags::MAXIMIZED
}

/// Starts remembering the windows opened from now on, in `data_dir`.
pub fn remember<R: Runtime>(app: &AppHandle<R>, data_dir: &Path) -> tauri::Result<()> {
    // The plugin joins this to its own folder, and joining an absolute path gives that path.
    let file = data_dir.join(FILE);
    app.plugin(
        tauri_plugin_window_state::Builder::new()
            .with_filename(file.to_string_lossy())
            .with_state_flags(flags())
            .with_denylist(&[print_window::LABEL])
            .build(),
    )?;
    app.manage(Remembering);
    Ok(())
}

/// Writes the windows' state now.
pub fn save<R: Runtime>(app: &AppHandle<R>) {
    if app.try_state::<Remembering>().is_none() {
        return;
    }
    if let Err(error) = app.save_window_state(flags()) {
        tracing::warn!("the window's size and position could not be saved: {error}");
    }
}
