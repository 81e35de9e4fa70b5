//! The shell's own handlers: the table's `shell` rows, which add something only the shell has (the native
//! save and open dialogs, a window, the print window's kept session, a clicked notification, the team server
//! this desktop joins). In team mode the ones that need the database use the server's export and print
//! routes. Each takes the [`Shell`] it may use, the session token for a `session` row, and the decoded
//! request; its Tauri command is generated with the others (`commands.rs`).

use super::{Answer, Shell};
use crate::state::{AppState, Printed};
use hiredesk_wire::*;
use tauri::State;

/// The UI's first form is interactive: the tray icon goes up now ([`crate::tray::put_up`]). Under the start-up
/// benchmark, report it with the UI's marks (each as milliseconds since the Unix epoch, which the benchmark
/// sets against the moment it started the app) and quit; under the memory benchmark (the probe's value
/// `stay`), report it and stay open.
pub async fn app_ready(cx: Shell<'_>, request: AppReadyRequest) -> Answer<()> {
    let Shell { app, state, .. } = cx;
    crate::tray::put_up(&app);
    if state.startup_probe {
        println!("hiredesk-mark {:.3} page: time origin", request.time_origin);
        for mark in &request.marks {
            println!("hiredesk-mark {:.3} page: {}", request.time_origin + mark.at, mark.name);
        }
        println!("hiredesk-ready");
        if std::env::var_os(crate::cli::STARTUP_PROBE_VARIABLE).is_none_or(|value| value != "stay") {
            app.exit(0);
        }
    }
    Ok(())
}

/// Help → About: the version, the data folder and the log file.
pub async fn about(cx: Shell<'_>, request: AboutRequest) -> Answer<About> {
    let AboutRequest {} = request;
    Ok(cx.state.about())
}

/// How this desktop works: solo, or with the team server it joined.
pub async fn desktop_mode(cx: Shell<'_>, request: DesktopModeRequest) -> Answer<DesktopMode> {
    let DesktopModeRequest {} = request;
    Ok(match cx.state.team() {
        Some(team) => DesktopMode::Team { address: team.client().address().to_string() },
        None => DesktopMode::Solo,
    })
}

/// The fingerprint of a team server's certificate, for the user to confirm before joining.
pub async fn probe_team_server(_: Shell<'_>, request: ProbeTeamServerRequest) -> Answer<TeamServerFound> {
    let address = hiredesk_client::TeamAddress::parse(&request.address)?;
    let fingerprint = hiredesk_client::probe(&address).await?;
    Ok(TeamServerFound { address: address.to_string(), fingerprint: fingerprint.to_string() })
}

/// Joins the team server whose fingerprint the user confirmed. Only a desktop without data of its own may
/// join (the first start offers it), so nothing typed on this computer is left behind unseen.
pub async fn join_team_server(cx: Shell<'_>, request: JoinTeamServerRequest) -> Answer<DesktopMode> {
    let state = cx.state;
    if state.team().is_some() {
        return Err(IpcError::new(ErrorKind::Conflict, "This computer already works with a team's server."));
    }
    if state.answer_public(AppStatusRequest {}).await?.has_users {
        return Err(IpcError::new(
            ErrorKind::Conflict,
            "This computer already has Hiredesk data of its own, so it keeps working on this computer.",
        ));
    }
    let (join, team) = crate::team::join(state.data_dir(), &request).await?;
    tracing::info!("joined the team server at {}; commands go there from now on", join.address);
    state.work_with_team(team);
    Ok(DesktopMode::Team { address: join.address })
}

/// Whether the team server answered the last call (for the banner); no network.
pub async fn team_status(cx: Shell<'_>, request: TeamStatusRequest) -> Answer<TeamStatus> {
    let TeamStatusRequest {} = request;
    Ok(match cx.state.team() {
        Some(team) => TeamStatus { unreachable: team.unreachable(), changes: team.changes() },
        None => TeamStatus::default(),
    })
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

/// Writes a workbook the team server made to the file the user chose, on a worker thread; answers its rows.
async fn save_workbook(workbook: hiredesk_client::Workbook, path: std::path::PathBuf) -> Answer<u64> {
    let shown = path.display().to_string();
    let written = tauri::async_runtime::spawn_blocking(move || std::fs::write(&path, &workbook.bytes)).await;
    match written {
        Ok(Ok(())) => Ok(workbook.rows),
        Ok(Err(error)) => {
            Err(IpcError::new(ErrorKind::Internal, format!("The file {shown} could not be written: {error}")))
        }
        Err(error) => {
            Err(IpcError::new(ErrorKind::Internal, format!("Writing {shown} stopped unexpectedly ({error}).")))
        }
    }
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

/// The name an export proposes: whose and when, in the user's zone (the core knows both, or the team server).
async fn file_name(state: &State<'_, AppState>, token: &str, job_seeker_id: i32, kind: ExportKind) -> Answer<String> {
    state.answer(token.to_owned(), ExportFileNameRequest { job_seeker_id, kind }).await
}

pub async fn export_history(
    cx: Shell<'_>,
    token: String,
    request: ExportHistoryRequest,
) -> Answer<Option<ExportResult>> {
    let Shell { app, state, .. } = cx;
    let name = file_name(&state, &token, request.history.job_seeker_id, ExportKind::History).await?;
    let Some(path) = export_path(&app, name).await else { return Ok(None) };
    let target = path.clone();
    let rows = match state.team() {
        Some(team) => {
            save_workbook(team.observe(team.client().export_history(&token, &request).await)?, target).await?
        }
        None => state.run(move |desk| desk.export_history(&token, &request, &target)).await?,
    };
    Ok(Some(ExportResult { path: path.display().to_string(), rows }))
}

pub async fn export_notes(cx: Shell<'_>, token: String, request: ExportNotesRequest) -> Answer<Option<ExportResult>> {
    let Shell { app, state, .. } = cx;
    let name = file_name(&state, &token, request.notes.job_seeker_id, ExportKind::Notes).await?;
    let Some(path) = export_path(&app, name).await else { return Ok(None) };
    let target = path.clone();
    let rows = match state.team() {
        Some(team) => save_workbook(team.observe(team.client().export_notes(&token, &request).await)?, target).await?,
        None => state.run(move |desk| desk.export_notes(&token, &request, &target)).await?,
    };
    Ok(Some(ExportResult { path: path.display().to_string(), rows }))
}

/// Import: the file comes from the native open dialog and only the shell reads it (`import_file.rs`).
pub async fn choose_import_file(
    cx: Shell<'_>,
    token: String,
    request: ChooseImportFileRequest,
) -> Answer<Option<ChosenImportFile>> {
    let Shell { app, state, .. } = cx;
    let ChooseImportFileRequest {} = request;
    crate::import_file::choose(&app, &state, token).await
}

pub async fn preview_import_file(
    cx: Shell<'_>,
    token: String,
    request: PreviewImportFileRequest,
) -> Answer<ImportReport> {
    let state = cx.state;
    crate::import_file::send(&state, token, request.requisition_id, false).await
}

pub async fn commit_import_file(
    cx: Shell<'_>,
    token: String,
    request: CommitImportFileRequest,
) -> Answer<ImportReport> {
    let state = cx.state;
    crate::import_file::send(&state, token, request.requisition_id, true).await
}

/// Opens the print window with the tab's data (SPEC EX-2), for this session.
pub async fn open_print_window(cx: Shell<'_>, token: String, request: OpenPrintWindowRequest) -> Answer<()> {
    let Shell { app, state, .. } = cx;
    let checked = token.clone();
    match state.team() {
        // The server checks the session as any command does; its profile is not needed here.
        Some(team) => team.call(Some(&checked), &CurrentUserRequest {}).await.map(drop)?,
        None => state.run(move |desk| desk.check_session(&checked)).await?,
    }
    state.set_printed(Printed { token, request: request.0 });
    crate::print_window::open(&app, &state.web_view_data)
        .map_err(|error| IpcError::new(ErrorKind::Internal, format!("The print window could not be opened: {error}")))
}

/// What the print window was opened with; refused to any other window.
fn printed_for(window: &tauri::Window, state: &AppState) -> Answer<Printed> {
    let printed = (window.label() == crate::print_window::LABEL).then(|| state.printed()).flatten();
    printed.ok_or_else(|| IpcError::new(ErrorKind::NotFound, "There is nothing to print; open Print from a tab again."))
}

pub async fn print_view(cx: Shell<'_>, request: PrintViewRequest) -> Answer<PrintView> {
    let Shell { window, state, .. } = cx;
    let PrintViewRequest {} = request;
    let Printed { token, request } = printed_for(&window, &state)?;
    match state.team() {
        Some(team) => team.observe(team.client().print_view(&token, &request).await),
        None => state.run(move |desk| desk.print_view(&token, &request)).await,
    }
}

/// Save as .xlsx from the print window: the tab's export, through the save dialog.
pub async fn print_export(cx: Shell<'_>, request: PrintExportRequest) -> Answer<Option<ExportResult>> {
    let Shell { app, window, state } = cx;
    let export_id = request.export_id;
    let Printed { token, request } = printed_for(&window, &state)?;
    let (what, job_seeker_id) = match &request {
        PrintRequest::History(history) => (ExportKind::History, history.job_seeker_id),
        PrintRequest::Notes(notes) => (ExportKind::Notes, notes.job_seeker_id),
    };
    let name = file_name(&state, &token, job_seeker_id, what).await?;
    let Some(path) = export_path(&app, name).await else { return Ok(None) };
    let target = path.clone();
    let rows = match state.team() {
        Some(team) => {
            let workbook = team.observe(team.client().export_printed(&token, &request, export_id).await)?;
            save_workbook(workbook, target).await?
        }
        None => state.run(move |desk| desk.export_printed(&token, &request, export_id, &target)).await?,
    };
    Ok(Some(ExportResult { path: path.display().to_string(), rows }))
}

/// The job seeker of a clicked notification, once; the UI asks every second. The session is identified
/// without counting as activity.
pub async fn take_notification_click(
    cx: Shell<'_>,
    token: String,
    request: TakeNotificationClickRequest,
) -> Answer<Option<NoticeTarget>> {
    let state = cx.state;
    let TakeNotificationClickRequest {} = request;
    if let Some(team) = state.team() {
        // In team mode the notices come through the session's watch: no network here.
        // A session this desktop did not see sign in has no notices here.
        let Some(click_id) = team.click_id(&token) else { return Ok(None) };
        return Ok(state.take_notification_click(click_id));
    }
    let user_id = state.run(move |desk| desk.session_user_id(&token)).await?;
    Ok(state.take_notification_click(user_id))
}

pub async fn print_export_progress(
    cx: Shell<'_>,
    request: PrintExportProgressRequest,
) -> Answer<Option<ExportProgress>> {
    let Shell { window, state, .. } = cx;
    let Printed { token, .. } = printed_for(&window, &state)?;
    state.answer(token, ExportProgressRequest { export_id: request.export_id }).await
}

pub async fn cancel_print_export(cx: Shell<'_>, request: CancelPrintExportRequest) -> Answer<bool> {
    let Shell { window, state, .. } = cx;
    let Printed { token, .. } = printed_for(&window, &state)?;
    state.answer(token, CancelExportRequest { export_id: request.export_id }).await
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
