//! The commands the UI invokes: each reads its arguments, hands them to the core on a worker thread and
//! returns the core's answer or its typed error. Names match `hiredesk_wire::Command`.

use crate::state::{AppState, Printed};
use hiredesk_wire::{
    AddJobSeekerRequest, AppStatus, CancelExportRequest, CancelPrintExportRequest, ChangePasswordRequest,
    CheckPasswordRequest, CommitImportRequest, CommunicationRequest, ContactInformation,
    CreateFirstAdministratorRequest, CreateUserRequest, DeleteApplicationRequest, DeleteJobSeekerRequest,
    DeleteNoteRequest, DemoAccount, EmailView, ExportHistoryRequest, ExportNotesRequest, ExportProgress,
    ExportProgressRequest, ExportResult, HistoryPage, HistoryPageRequest, ImportReport, IpcError, JobSeekerDetail,
    JobSeekerListRequest, JobSeekerPage, JobSeekerRequest, KeepDraftRequest, MailSettings, Neighbours,
    NeighboursRequest, NoteView, NotesRequest, NoticeTarget, NotificationPreferences, NotificationPreferencesRequest,
    OfferActionRequest, OfferTab, OfferTabRequest, OfferTag, OfferTagsRequest, OfferTemplates, OfferedDraft,
    OpenPrintWindowRequest, PasswordRuleCheck, PendingApproval, PreviewImportRequest, PrintExportProgressRequest,
    PrintExportRequest, PrintView, PrintViewRequest, RecoverPasswordRequest, RecoveryQuestionsRequest,
    RequisitionChoice, RequisitionView, ResendEmailRequest, ResetPasswordRequest, SaveContactInformationRequest,
    SaveMailSettingsRequest, SaveNoteRequest, SaveNotificationPreferencesRequest, SaveOfferRequest,
    SaveOfferTemplateRequest, SavePreferencesRequest, SaveRequisitionRequest, SaveSecurityPolicyRequest,
    SaveSecurityQuestionsRequest, SecurityPolicyView, SecurityQuestions, SetFormCompletedRequest, SetStageRequest,
    SetTaskCompletedRequest, SetUserActiveRequest, SignInRequest, SignedIn, TakeNotificationClickRequest,
    TemporaryPassword, TodoItem, UnlockUserRequest, UpdateProfileRequest, UserProfile, UserRow,
};
use tauri::State;

type Answer<T> = Result<T, IpcError>;

#[tauri::command]
pub async fn app_status(state: State<'_, AppState>) -> Answer<AppStatus> {
    state.run(|desk| desk.app_status()).await
}

/// The UI's first form is interactive. Under the start-up benchmark, report it and quit.
#[tauri::command]
pub fn app_ready(app: tauri::AppHandle, state: State<'_, AppState>) {
    if state.startup_probe {
        println!("hiredesk-ready");
        app.exit(0);
    }
}

#[tauri::command]
pub async fn create_first_administrator(
    state: State<'_, AppState>,
    request: CreateFirstAdministratorRequest,
) -> Answer<()> {
    state.run(move |desk| desk.create_first_administrator(&request)).await
}

#[tauri::command]
pub async fn load_demo_data(state: State<'_, AppState>) -> Answer<Vec<DemoAccount>> {
    state.run(|desk| desk.load_demo_data()).await
}

#[tauri::command]
pub async fn sign_in(state: State<'_, AppState>, request: SignInRequest) -> Answer<SignedIn> {
    state.run(move |desk| desk.sign_in(&request)).await
}

#[tauri::command]
pub async fn sign_out(state: State<'_, AppState>, token: String) -> Answer<()> {
    state.run(move |desk| desk.sign_out(&token)).await
}

#[tauri::command]
pub async fn current_user(state: State<'_, AppState>, token: String) -> Answer<UserProfile> {
    state.run(move |desk| desk.current_user(&token)).await
}

#[tauri::command]
pub async fn check_password(
    state: State<'_, AppState>,
    request: CheckPasswordRequest,
) -> Answer<Vec<PasswordRuleCheck>> {
    state.run(move |desk| desk.check_password(&request)).await
}

#[tauri::command]
pub async fn change_password(state: State<'_, AppState>, token: String, request: ChangePasswordRequest) -> Answer<()> {
    state.run(move |desk| desk.change_password(&token, &request)).await
}

#[tauri::command]
pub async fn list_job_seekers(
    state: State<'_, AppState>,
    token: String,
    request: JobSeekerListRequest,
) -> Answer<JobSeekerPage> {
    state.run(move |desk| desk.list_job_seekers(&token, &request)).await
}

#[tauri::command]
pub async fn job_seeker_neighbours(
    state: State<'_, AppState>,
    token: String,
    request: NeighboursRequest,
) -> Answer<Neighbours> {
    state.run(move |desk| desk.job_seeker_neighbours(&token, &request)).await
}

#[tauri::command]
pub async fn get_job_seeker(
    state: State<'_, AppState>,
    token: String,
    request: JobSeekerRequest,
) -> Answer<JobSeekerDetail> {
    state.run(move |desk| desk.job_seeker(&token, &request)).await
}

#[tauri::command]
pub async fn update_job_seeker_profile(
    state: State<'_, AppState>,
    token: String,
    request: UpdateProfileRequest,
) -> Answer<JobSeekerDetail> {
    state.run(move |desk| desk.update_job_seeker_profile(&token, &request)).await
}

#[tauri::command]
pub async fn set_application_stage(
    state: State<'_, AppState>,
    token: String,
    request: SetStageRequest,
) -> Answer<JobSeekerDetail> {
    state.run(move |desk| desk.set_application_stage(&token, &request)).await
}

#[tauri::command]
pub async fn job_seeker_history(
    state: State<'_, AppState>,
    token: String,
    request: HistoryPageRequest,
) -> Answer<HistoryPage> {
    state.run(move |desk| desk.job_seeker_history(&token, &request)).await
}

#[tauri::command]
pub async fn requisition_choices(state: State<'_, AppState>, token: String) -> Answer<Vec<RequisitionChoice>> {
    state.run(move |desk| desk.requisition_choices(&token)).await
}

#[tauri::command]
pub async fn add_job_seeker(
    state: State<'_, AppState>,
    token: String,
    request: AddJobSeekerRequest,
) -> Answer<JobSeekerDetail> {
    let answer = state.run(move |desk| desk.add_job_seeker(&token, &request)).await;
    state.notices_due.notify_one();
    answer
}

#[tauri::command]
pub async fn preview_import(
    state: State<'_, AppState>,
    token: String,
    request: PreviewImportRequest,
) -> Answer<ImportReport> {
    state.run(move |desk| desk.preview_import(&token, &request)).await
}

#[tauri::command]
pub async fn commit_import(
    state: State<'_, AppState>,
    token: String,
    request: CommitImportRequest,
) -> Answer<ImportReport> {
    let answer = state.run(move |desk| desk.commit_import(&token, &request)).await;
    state.notices_due.notify_one();
    answer
}

#[tauri::command]
pub async fn set_form_completed(
    state: State<'_, AppState>,
    token: String,
    request: SetFormCompletedRequest,
) -> Answer<JobSeekerDetail> {
    let answer = state.run(move |desk| desk.set_form_completed(&token, &request)).await;
    state.notices_due.notify_one();
    answer
}

#[tauri::command]
pub async fn delete_job_seeker(
    state: State<'_, AppState>,
    token: String,
    request: DeleteJobSeekerRequest,
) -> Answer<()> {
    state.run(move |desk| desk.delete_job_seeker(&token, &request)).await
}

#[tauri::command]
pub async fn delete_application(
    state: State<'_, AppState>,
    token: String,
    request: DeleteApplicationRequest,
) -> Answer<JobSeekerDetail> {
    state.run(move |desk| desk.delete_application(&token, &request)).await
}

#[tauri::command]
pub async fn save_requisition(
    state: State<'_, AppState>,
    token: String,
    request: SaveRequisitionRequest,
) -> Answer<RequisitionView> {
    state.run(move |desk| desk.save_requisition(&token, &request)).await
}

#[tauri::command]
pub async fn list_requisitions(state: State<'_, AppState>, token: String) -> Answer<Vec<RequisitionView>> {
    state.run(move |desk| desk.list_requisitions(&token)).await
}

#[tauri::command]
pub async fn get_contact_information(state: State<'_, AppState>, token: String) -> Answer<ContactInformation> {
    state.run(move |desk| desk.contact_information(&token)).await
}

#[tauri::command]
pub async fn save_contact_information(
    state: State<'_, AppState>,
    token: String,
    request: SaveContactInformationRequest,
) -> Answer<UserProfile> {
    state.run(move |desk| desk.save_contact_information(&token, &request)).await
}

#[tauri::command]
pub async fn save_preferences(
    state: State<'_, AppState>,
    token: String,
    request: SavePreferencesRequest,
) -> Answer<UserProfile> {
    state.run(move |desk| desk.save_preferences(&token, &request)).await
}

#[tauri::command]
pub async fn security_questions(state: State<'_, AppState>, token: String) -> Answer<SecurityQuestions> {
    state.run(move |desk| desk.security_questions(&token)).await
}

#[tauri::command]
pub async fn save_security_questions(
    state: State<'_, AppState>,
    token: String,
    request: SaveSecurityQuestionsRequest,
) -> Answer<SecurityQuestions> {
    state.run(move |desk| desk.save_security_questions(&token, &request)).await
}

#[tauri::command]
pub async fn recovery_questions(state: State<'_, AppState>, request: RecoveryQuestionsRequest) -> Answer<Vec<String>> {
    state.run(move |desk| desk.recovery_questions(&request)).await
}

#[tauri::command]
pub async fn recover_password(state: State<'_, AppState>, request: RecoverPasswordRequest) -> Answer<()> {
    state.run(move |desk| desk.recover_password(&request)).await
}

#[tauri::command]
pub async fn list_users(state: State<'_, AppState>, token: String) -> Answer<Vec<UserRow>> {
    state.run(move |desk| desk.list_users(&token)).await
}

#[tauri::command]
pub async fn create_user(
    state: State<'_, AppState>,
    token: String,
    request: CreateUserRequest,
) -> Answer<TemporaryPassword> {
    state.run(move |desk| desk.create_user(&token, &request)).await
}

#[tauri::command]
pub async fn reset_password(
    state: State<'_, AppState>,
    token: String,
    request: ResetPasswordRequest,
) -> Answer<TemporaryPassword> {
    state.run(move |desk| desk.reset_password(&token, &request)).await
}

#[tauri::command]
pub async fn set_user_active(
    state: State<'_, AppState>,
    token: String,
    request: SetUserActiveRequest,
) -> Answer<Vec<UserRow>> {
    state.run(move |desk| desk.set_user_active(&token, &request)).await
}

#[tauri::command]
pub async fn unlock_user(
    state: State<'_, AppState>,
    token: String,
    request: UnlockUserRequest,
) -> Answer<Vec<UserRow>> {
    state.run(move |desk| desk.unlock_user(&token, &request)).await
}

#[tauri::command]
pub async fn security_policy(state: State<'_, AppState>, token: String) -> Answer<SecurityPolicyView> {
    state.run(move |desk| desk.security_policy(&token)).await
}

#[tauri::command]
pub async fn save_security_policy(
    state: State<'_, AppState>,
    token: String,
    request: SaveSecurityPolicyRequest,
) -> Answer<SecurityPolicyView> {
    state.run(move |desk| desk.save_security_policy(&token, &request)).await
}

#[tauri::command]
pub async fn notification_preferences(
    state: State<'_, AppState>,
    token: String,
    request: NotificationPreferencesRequest,
) -> Answer<NotificationPreferences> {
    state.run(move |desk| desk.notification_preferences(&token, &request)).await
}

#[tauri::command]
pub async fn save_notification_preferences(
    state: State<'_, AppState>,
    token: String,
    request: SaveNotificationPreferencesRequest,
) -> Answer<NotificationPreferences> {
    state.run(move |desk| desk.save_notification_preferences(&token, &request)).await
}

#[tauri::command]
pub async fn mail_settings(state: State<'_, AppState>, token: String) -> Answer<MailSettings> {
    state.run(move |desk| desk.mail_settings(&token)).await
}

#[tauri::command]
pub async fn save_mail_settings(
    state: State<'_, AppState>,
    token: String,
    request: SaveMailSettingsRequest,
) -> Answer<MailSettings> {
    state.run(move |desk| desk.save_mail_settings(&token, &request)).await
}

#[tauri::command]
pub async fn notes(state: State<'_, AppState>, token: String, request: NotesRequest) -> Answer<Vec<NoteView>> {
    state.run(move |desk| desk.notes(&token, &request)).await
}

#[tauri::command]
pub async fn save_note(state: State<'_, AppState>, token: String, request: SaveNoteRequest) -> Answer<NoteView> {
    let answer = state.run(move |desk| desk.save_note(&token, &request)).await;
    // A task due today or earlier is reminded of at once.
    state.notices_due.notify_one();
    answer
}

#[tauri::command]
pub async fn delete_note(state: State<'_, AppState>, token: String, request: DeleteNoteRequest) -> Answer<()> {
    state.run(move |desk| desk.delete_note(&token, &request)).await
}

#[tauri::command]
pub async fn set_task_completed(
    state: State<'_, AppState>,
    token: String,
    request: SetTaskCompletedRequest,
) -> Answer<NoteView> {
    state.run(move |desk| desk.set_task_completed(&token, &request)).await
}

#[tauri::command]
pub async fn todo(state: State<'_, AppState>, token: String) -> Answer<Vec<TodoItem>> {
    state.run(move |desk| desk.todo(&token)).await
}

#[tauri::command]
pub async fn keep_draft(state: State<'_, AppState>, token: String, request: KeepDraftRequest) -> Answer<()> {
    state.run(move |desk| desk.keep_draft(&token, &request)).await
}

#[tauri::command]
pub async fn take_draft(state: State<'_, AppState>, token: String) -> Answer<Option<OfferedDraft>> {
    state.run(move |desk| desk.take_draft(&token)).await
}

/// The file an export goes to: chosen in the native save dialog, or (for tests and scripted use) a file in
/// `HIREDESK_EXPORT_DIR`. `None`: the user closed the dialog.
async fn export_path(app: &tauri::AppHandle, file_name: String) -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os(crate::cli::EXPORT_DIR_VARIABLE).filter(|dir| !dir.is_empty()) {
        return Some(std::path::PathBuf::from(dir).join(file_name));
    }
    use tauri_plugin_dialog::DialogExt;
    let dialog = app.dialog().file().add_filter("Excel workbook", &["xlsx"]).set_file_name(file_name);
    // The dialog waits for the user: not on the async runtime's threads.
    let chosen = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file()).await.ok().flatten()?;
    chosen.into_path().ok()
}

fn file_name(what: &str) -> String {
    format!("Hiredesk {what} {}.xlsx", chrono::Local::now().format("%Y-%m-%d %H%M"))
}

#[tauri::command]
pub async fn export_history(
    app: tauri::AppHandle,
    state: State<'_, AppState>,
    token: String,
    request: ExportHistoryRequest,
) -> Answer<Option<ExportResult>> {
    let Some(path) = export_path(&app, file_name("History")).await else { return Ok(None) };
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
    let Some(path) = export_path(&app, file_name("Notes")).await else { return Ok(None) };
    let target = path.clone();
    let rows = state.run(move |desk| desk.export_notes(&token, &request, &target)).await?;
    Ok(Some(ExportResult { path: path.display().to_string(), rows }))
}

#[tauri::command]
pub async fn offer_templates(state: State<'_, AppState>, token: String) -> Answer<OfferTemplates> {
    state.run(move |desk| desk.offer_templates(&token)).await
}

#[tauri::command]
pub async fn save_offer_template(
    state: State<'_, AppState>,
    token: String,
    request: SaveOfferTemplateRequest,
) -> Answer<OfferTemplates> {
    state.run(move |desk| desk.save_offer_template(&token, &request)).await
}

#[tauri::command]
pub async fn offer_tab(state: State<'_, AppState>, token: String, request: OfferTabRequest) -> Answer<OfferTab> {
    state.run(move |desk| desk.offer_tab(&token, &request)).await
}

#[tauri::command]
pub async fn pending_approvals(state: State<'_, AppState>, token: String) -> Answer<Vec<PendingApproval>> {
    state.run(move |desk| desk.pending_approvals(&token)).await
}

#[tauri::command]
pub async fn offer_tags(state: State<'_, AppState>, token: String, request: OfferTagsRequest) -> Answer<Vec<OfferTag>> {
    state.run(move |desk| desk.offer_tags(&token, &request)).await
}

#[tauri::command]
pub async fn save_offer(state: State<'_, AppState>, token: String, request: SaveOfferRequest) -> Answer<OfferTab> {
    state.run(move |desk| desk.save_offer(&token, &request)).await
}

/// An offer's next step; a sent offer goes to the mail worker at once, an approval step to the notices.
#[tauri::command]
pub async fn offer_action(state: State<'_, AppState>, token: String, request: OfferActionRequest) -> Answer<OfferTab> {
    let answer = state.run(move |desk| desk.offer_action(&token, &request)).await;
    if answer.is_ok() {
        state.mail_due.notify_one();
        state.notices_due.notify_one();
    }
    answer
}

#[tauri::command]
pub async fn communication(
    state: State<'_, AppState>,
    token: String,
    request: CommunicationRequest,
) -> Answer<Vec<EmailView>> {
    state.run(move |desk| desk.communication(&token, &request)).await
}

#[tauri::command]
pub async fn resend_email(
    state: State<'_, AppState>,
    token: String,
    request: ResendEmailRequest,
) -> Answer<Vec<EmailView>> {
    let answer = state.run(move |desk| desk.resend_email(&token, &request)).await;
    if answer.is_ok() {
        state.mail_due.notify_one();
    }
    answer
}

#[tauri::command]
pub async fn send_test_email(state: State<'_, AppState>, token: String) -> Answer<String> {
    state.run(move |desk| desk.send_test_email(&token)).await
}

/// How far a running export has got; the UI polls this for its progress bar (polling rather than events,
/// so that the window needs no event permissions).
#[tauri::command]
pub async fn export_progress(
    state: State<'_, AppState>,
    token: String,
    request: ExportProgressRequest,
) -> Answer<Option<ExportProgress>> {
    state.run(move |desk| desk.export_progress(&token, &request)).await
}

#[tauri::command]
pub async fn cancel_export(state: State<'_, AppState>, token: String, request: CancelExportRequest) -> Answer<bool> {
    state.run(move |desk| desk.cancel_export(&token, &request)).await
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
    crate::print_window::open(&app, &state.web_view_data).map_err(|error| {
        IpcError::new(hiredesk_wire::ErrorKind::Internal, format!("The print window could not be opened: {error}"))
    })
}

/// What the print window was opened with; refused to any other window.
fn printed_for(window: &tauri::Window, state: &AppState) -> Answer<Printed> {
    let printed = (window.label() == crate::print_window::LABEL).then(|| state.printed()).flatten();
    printed.ok_or_else(|| {
        IpcError::new(hiredesk_wire::ErrorKind::NotFound, "There is nothing to print; open Print from a tab again.")
    })
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
    let what = match request {
        hiredesk_wire::PrintRequest::History(_) => "History",
        hiredesk_wire::PrintRequest::Notes(_) => "Notes",
    };
    let Some(path) = export_path(&app, file_name(what)).await else { return Ok(None) };
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
    state.run(move |desk| desk.export_progress(&token, &ExportProgressRequest { export_id: request.export_id })).await
}

#[tauri::command]
pub async fn cancel_print_export(
    window: tauri::Window,
    state: State<'_, AppState>,
    request: CancelPrintExportRequest,
) -> Answer<bool> {
    let Printed { token, .. } = printed_for(&window, &state)?;
    state.run(move |desk| desk.cancel_export(&token, &CancelExportRequest { export_id: request.export_id })).await
}
