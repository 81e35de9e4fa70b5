//! The commands the UI invokes, all from the command table (`hiredesk_wire::for_each_command!`).
//!
//! The table's `core` rows get a generated adapter: it hands the request (and the session token, for a
//! `session` row) to the core's dispatcher on a worker thread and returns the core's answer or its typed
//! error. The `shell` rows are written here by hand because each adds something only the shell has: the
//! native save and open dialogs, a window, the print window's kept session, a clicked notification.

use crate::state::{AppState, Printed};
use hiredesk_wire::*;
use tauri::State;

type Answer<T> = Result<T, IpcError>;

/// The adapter of one row: generated for the core's rows, nothing for the shell's (written below).
macro_rules! adapter {
    ($name:ident: $request:ty => $response:ty, session core) => {
        #[tauri::command]
        pub async fn $name(state: State<'_, AppState>, token: String, request: $request) -> Answer<$response> {
            state.run(move |desk| desk.call(&token, &request)).await
        }
    };
    ($name:ident: $request:ty => $response:ty, public core) => {
        #[tauri::command]
        pub async fn $name(state: State<'_, AppState>, request: $request) -> Answer<$response> {
            state.run(move |desk| desk.call_public(&request)).await
        }
    };
    ($name:ident: $request:ty => $response:ty, $caller:ident shell) => {};
}

/// Every row's adapter.
macro_rules! adapters {
    ($(
        $name:ident: $variant:ident($request:ty) -> $response:ty [$window:ident, $caller:ident, $handler:ident];
    )+) => {
        $( adapter!($name: $request => $response, $caller $handler); )+
    };
}

hiredesk_wire::for_each_command!(adapters);

/// The UI's first form is interactive. Under the start-up benchmark, report it and quit.
#[tauri::command]
pub fn app_ready(app: tauri::AppHandle, state: State<'_, AppState>) {
    if state.startup_probe {
        println!("hiredesk-ready");
        app.exit(0);
    }
}

/// Help → About: the version, the data folder and the log file.
#[tauri::command]
pub fn about(state: State<'_, AppState>, request: AboutRequest) -> About {
    let AboutRequest {} = request;
    state.about()
}

/// The file an export goes to: chosen in the native save dialog, or (for tests and scripted use) a file in
/// `HIREDESK_EXPORT_DIR`. `None`: the user closed the dialog.
async fn export_path(app: &tauri::AppHandle, file_name: String) -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os(crate::cli::EXPORT_DIR_VARIABLE).filter(|dir| !dir.is_empty()) {
        return Some(unused_path(&std::path::PathBuf::from(dir), &file_name));
    }
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().file().add_filter("Excel workbook", &["xlsx"]).set_file_name(file_name);
    // The dialog waits for the user: not on the async runtime's threads.
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file()).await.ok().flatten()?;
    chosen.into_path().ok()
}

/// `file_name` in `dir`, or with " (2)", " (3)" … before its extension when that file exists: a preset
/// export folder never has one export overwrite another.
fn unused_path(dir: &std::path::Path, file_name: &str) -> std::path::PathBuf {
    let (stem, extension) = file_name.rsplit_once('.').unwrap_or((file_name, "xlsx"));
    std::iter::once(dir.join(file_name))
        .chain((2..).map(|n| dir.join(format!("{stem} ({n}).{extension}"))))
        .find(|path| !path.exists())
        .unwrap_or_else(|| dir.join(file_name))
}

/// The name an export proposes: whose and when, in the user's zone (the core knows both).
async fn file_name(state: &State<'_, AppState>, token: &str, job_seeker_id: i32, what: &'static str) -> Answer<String> {
    let token = token.to_owned();
    state.run(move |desk| desk.export_file_name(&token, job_seeker_id, what)).await
}

#[tauri::command]
pub async fn export_history(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    token: String,
    request: ExportHistoryRequest,
) -> Answer<Option<ExportResult>> {
    let name = file_name(&state, &token, request.history.job_seeker_id, "History").await?;
    let Some(path) = export_path(&app, name).await else { return Ok(None) };
    let target = path.clone();
    let rows = state.run(move |desk| desk.export_history(&token, &request, &target)).await?;
    Ok(Some(ExportResult { path: path.display().to_string(), rows }))
}

#[tauri::command]
pub async fn export_notes(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    token: String,
    request: ExportNotesRequest,
) -> Answer<Option<ExportResult>> {
    let name = file_name(&state, &token, request.notes.job_seeker_id, "Notes").await?;
    let Some(path) = export_path(&app, name).await else { return Ok(None) };
    let target = path.clone();
    let rows = state.run(move |desk| desk.export_notes(&token, &request, &target)).await?;
    Ok(Some(ExportResult { path: path.display().to_string(), rows }))
}

/// Import: the file comes from the native open dialog and only the shell reads it (`import_file.rs`).
#[tauri::command]
pub async fn choose_import_file(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    token: String,
    request: ChooseImportFileRequest,
) -> Answer<Option<ChosenImportFile>> {
    let ChooseImportFileRequest {} = request;
    crate::import_file::choose(&app, &state, token).await
}

#[tauri::command]
pub async fn preview_import_file(
    state: State<'_, AppState>,
    token: String,
    request: PreviewImportFileRequest,
) -> Answer<ImportReport> {
    crate::import_file::send(&state, token, request.requisition_id, false).await
}

#[tauri::command]
pub async fn commit_import_file(
    state: State<'_, AppState>,
    token: String,
    request: CommitImportFileRequest,
) -> Answer<ImportReport> {
    crate::import_file::send(&state, token, request.requisition_id, true).await
}

/// Opens the print window with the tab's data (SPEC EX-2), for this session.
#[tauri::command]
pub async fn open_print_window(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    token: String,
    request: OpenPrintWindowRequest,
) -> Answer<()> {
    let checked = token.clone();
    state.run(move |desk| desk.check_session(&checked)).await?;
    state.set_printed(Printed { token, request: request.0 });
    crate::print_window::open(&app, &state.web_view_data)
        .map_err(|error| IpcError::new(ErrorKind::Internal, format!("The print window could not be opened: {error}")))
}

/// What the print window was opened with; refused to any other window.
fn printed_for(window: &tauri::Window, state: &AppState) -> Answer<Printed> {
    let printed = (window.label() == crate::print_window::LABEL).then(|| state.printed()).flatten();
    printed.ok_or_else(|| IpcError::new(ErrorKind::NotFound, "There is nothing to print; open Print from a tab again."))
}

#[tauri::command]
pub async fn print_view(
    window: tauri::Window,
    state: State<'_, AppState>,
    request: PrintViewRequest,
) -> Answer<PrintView> {
    let PrintViewRequest {} = request;
    let Printed { token, request } = printed_for(&window, &state)?;
    state.run(move |desk| desk.print_view(&token, &request)).await
}

/// Save as .xlsx from the print window: the tab's export, through the save dialog.
#[tauri::command]
pub async fn print_export(
    app: tauri::AppHandle,
    window: tauri::Window,
    state: State<'_, AppState>,
    request: PrintExportRequest,
) -> Answer<Option<ExportResult>> {
    let export_id = request.export_id;
    let Printed { token, request } = printed_for(&window, &state)?;
    let (what, job_seeker_id) = match &request {
        PrintRequest::History(history) => ("History", history.job_seeker_id),
        PrintRequest::Notes(notes) => ("Notes", notes.job_seeker_id),
    };
    let name = file_name(&state, &token, job_seeker_id, what).await?;
    let Some(path) = export_path(&app, name).await else { return Ok(None) };
    let target = path.clone();
    let rows = state.run(move |desk| desk.export_printed(&token, &request, export_id, &target)).await?;
    Ok(Some(ExportResult { path: path.display().to_string(), rows }))
}

/// The job seeker of a clicked notification, once; the UI asks every second. The session is identified
/// without counting as activity.
#[tauri::command]
pub async fn take_notification_click(
    state: State<'_, AppState>,
    token: String,
    request: TakeNotificationClickRequest,
) -> Answer<Option<NoticeTarget>> {
    let TakeNotificationClickRequest {} = request;
    let user_id = state.run(move |desk| desk.session_user_id(&token)).await?;
    Ok(state.take_notification_click(user_id))
}

#[tauri::command]
pub async fn print_export_progress(
    window: tauri::Window,
    state: State<'_, AppState>,
    request: PrintExportProgressRequest,
) -> Answer<Option<ExportProgress>> {
    let Printed { token, .. } = printed_for(&window, &state)?;
    state.run(move |desk| desk.call(&token, &ExportProgressRequest { export_id: request.export_id })).await
}

#[tauri::command]
pub async fn cancel_print_export(
    window: tauri::Window,
    state: State<'_, AppState>,
    request: CancelPrintExportRequest,
) -> Answer<bool> {
    let Printed { token, .. } = printed_for(&window, &state)?;
    state.run(move |desk| desk.call(&token, &CancelExportRequest { export_id: request.export_id })).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_export_never_takes_the_name_of_an_existing_file() {
        let folder = tempfile::tempdir().expect("a folder");
        let name = "Hiredesk History - Ana Souza - 2026-11-24 100512.xlsx";
        let first = super::unused_path(folder.path(), name);
        assert_eq!(first, folder.path().join(name));
        std::fs::write(&first, b"one").expect("the first export");
        let second = super::unused_path(folder.path(), name);
        assert_eq!(second, folder.path().join("Hiredesk History - Ana Souza - 2026-11-24 100512 (2).xlsx"));
        std::fs::write(&second, b"two").expect("the second export");
        assert_eq!(
            super::unused_path(folder.path(), name),
            folder.path().join("Hiredesk History - Ana Souza - 2026-11-24 100512 (3).xlsx")
        );
    }
}
