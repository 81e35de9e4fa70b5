//! The file an import reads: chosen in the native open dialog, its size checked before a byte is read, and
//! kept (with the session that chose it) for the preview and the import. The UI never reads the file: the
//! shell reads it here, bounded by the core's limit, and hands the bytes to the core's `preview_import` and
//! `commit_import` (the local core's, or the team server's in team mode), so a file too large is refused in
//! milliseconds and an accepted one costs its size once.

use crate::state::{AppState, ChosenImport};
use hiredesk_wire::{
    ChosenImportFile, CommitImportRequest, CurrentUserRequest, ErrorKind, ImportReport, ImportRequest, IpcError,
    PreviewImportRequest,
};
use std::path::PathBuf;
use tauri::State;

/// Imports read this file instead of asking with the open dialog (tests, scripted use), as exports write
/// into [`crate::cli::EXPORT_DIR_VARIABLE`].
pub const IMPORT_FILE_VARIABLE: &str = "HIREDESK_IMPORT_FILE";

/// The file's name as the page shows it and as the core tells CSV from XLSX by.
fn file_name(path: &std::path::Path) -> String {
    path.file_name().map(|name| name.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Asks for the file with the native open dialog. `None`: the user closed the dialog.
async fn ask(app: &tauri::AppHandle) -> Option<PathBuf> {
    if let Some(file) = std::env::var_os(IMPORT_FILE_VARIABLE).filter(|file| !file.is_empty()) {
        return Some(PathBuf::from(file));
    }
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().file().add_filter("Careers site export", &["csv", "xlsx", "txt"]);
    // The dialog waits for the user: not on the async runtime's threads.
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_file()).await.ok().flatten()?;
    chosen.into_path().ok()
}

/// Opens the dialog and keeps the chosen file for this session, refusing it at once when it is larger than
/// an import takes (its size only is read).
pub async fn choose(
    app: &tauri::AppHandle,
    state: &State<'_, AppState>,
    token: String,
) -> Result<Option<ChosenImportFile>, IpcError> {
    state.answer(token.clone(), CurrentUserRequest {}).await?;
    let Some(path) = ask(app).await else { return Ok(None) };
    let sized = path.clone();
    let size_bytes = blocking(move || {
        let size = std::fs::metadata(&sized).map(|metadata| metadata.len()).map_err(|error| {
            hiredesk_core::CoreError::field("file", format!("The file {} could not be read: {error}", sized.display()))
        })?;
        if size > hiredesk_core::intake::MAX_IMPORT_BYTES {
            return Err(hiredesk_core::intake::file_too_large());
        }
        Ok(size)
    })
    .await?;
    let chosen = ChosenImportFile { name: file_name(&path), size_bytes };
    *state.chosen_import.lock().unwrap_or_else(std::sync::PoisonError::into_inner) = Some(ChosenImport { token, path });
    Ok(Some(chosen))
}

/// Reads the file this session chose (bounded) and hands it to the core's preview, or to the import.
pub async fn send(
    state: &State<'_, AppState>,
    token: String,
    requisition_id: Option<i32>,
    commit: bool,
) -> Result<ImportReport, IpcError> {
    let chosen = state.chosen_import.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone();
    let path = match chosen {
        Some(chosen) if chosen.token == token => chosen.path,
        _ => return Err(hiredesk_core::CoreError::field("file", "Choose the file to import.").into()),
    };
    // The session first: a file is not read for a session that has ended.
    state.answer(token.clone(), CurrentUserRequest {}).await?;
    let name = file_name(&path);
    let content = blocking(move || hiredesk_core::intake::read_file(&path)).await?;
    let request = ImportRequest { requisition_id, file_name: name, content };
    if commit {
        state.answer(token, CommitImportRequest(request)).await
    } else {
        state.answer(token, PreviewImportRequest(request)).await
    }
}

/// Runs file work on a worker thread, not the async runtime's.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> hiredesk_core::CoreResult<T> + Send + 'static,
) -> Result<T, IpcError> {
    match tauri::async_runtime::spawn_blocking(work).await {
        Ok(result) => result.map_err(IpcError::from),
        Err(error) => Err(IpcError::new(ErrorKind::Internal, format!("Reading the import file stopped ({error})."))),
    }
}
