//! The command table: every command Hiredesk answers, written once.
//!
//! [`for_each_command!`](crate::for_each_command) holds the table and hands it to a macro of the caller's
//! choosing. This crate turns it into the [`Command`] enum (names, windows, who may call) and one [`Rpc`] impl
//! per request type; the core turns it into the dispatcher that routes a command by name to its handler; the
//! shell turns it into its Tauri adapters and the list of handlers it registers; the build script grants one
//! permission per name. Adding a command therefore means one row here, one handler beside the feature in the
//! core, and the UI's call.
//!
//! Each row reads `name: Variant(Request) -> Response [window, caller, handler];` where
//! - `window` is the window whose capability grants the command: `main`, or `print` for the print window;
//! - `caller` is `session` when the request carries the signed-in user's session token, `public` when it does
//!   not (before sign-in, or the print window, whose session the shell keeps);
//! - `handler` is `core` when the core answers it from the request alone (the shell's adapter is generated),
//!   or `shell` when the shell must add something only it has (a native dialog, a window, the print window's
//!   kept session, a clicked notification) and so writes that adapter by hand.

use serde::{de::DeserializeOwned, Serialize};

/// Calls `$callback!` with the whole command table (see the module documentation for its form).
///
/// The request and response types are named without a path: invoke this where `hiredesk_wire`'s types are
/// in scope (`use hiredesk_wire::*` in a module of its own).
#[macro_export]
macro_rules! for_each_command {
    ($callback:ident) => {
        $callback! {
            // Starting up, the first administrator, the demo.
            app_status: AppStatus(AppStatusRequest) -> AppStatus [main, public, core];
            app_ready: AppReady(AppReadyRequest) -> () [main, public, shell];
            create_first_administrator: CreateFirstAdministrator(CreateFirstAdministratorRequest) -> ()
                [main, public, core];
            load_demo_data: LoadDemoData(LoadDemoDataRequest) -> Vec<DemoAccount> [main, public, core];
            about: About(AboutRequest) -> About [main, public, shell];

            // How this desktop works: on this computer, or with a team's server (and whether it answers).
            desktop_mode: DesktopMode(DesktopModeRequest) -> DesktopMode [main, public, shell];
            probe_team_server: ProbeTeamServer(ProbeTeamServerRequest) -> TeamServerFound [main, public, shell];
            join_team_server: JoinTeamServer(JoinTeamServerRequest) -> DesktopMode [main, public, shell];
            team_status: TeamStatus(TeamStatusRequest) -> TeamStatus [main, public, shell];

            // Signing in and out, passwords, security questions.
            sign_in: SignIn(SignInRequest) -> SignedIn [main, public, core];
            sign_out: SignOut(SignOutRequest) -> () [main, session, core];
            current_user: CurrentUser(CurrentUserRequest) -> UserProfile [main, session, core];
            check_password: CheckPassword(CheckPasswordRequest) -> Vec<PasswordRuleCheck> [main, public, core];
            change_password: ChangePassword(ChangePasswordRequest) -> () [main, session, core];
            security_questions: SecurityQuestions(SecurityQuestionsRequest) -> SecurityQuestions
                [main, session, core];
            save_security_questions: SaveSecurityQuestions(SaveSecurityQuestionsRequest) -> SecurityQuestions
                [main, session, core];
            recovery_questions: RecoveryQuestions(RecoveryQuestionsRequest) -> Vec<String> [main, public, core];
            recover_password: RecoverPassword(RecoverPasswordRequest) -> () [main, public, core];

            // The user's own account: contact information, settings, notification preferences.
            get_contact_information: GetContactInformation(GetContactInformationRequest) -> ContactInformation
                [main, session, core];
            save_contact_information: SaveContactInformation(SaveContactInformationRequest) -> UserProfile
                [main, session, core];
            save_preferences: SavePreferences(SavePreferencesRequest) -> UserProfile [main, session, core];
            notification_preferences: NotificationPreferences(NotificationPreferencesRequest)
                -> NotificationPreferences [main, session, core];
            save_notification_preferences: SaveNotificationPreferences(SaveNotificationPreferencesRequest)
                -> NotificationPreferences [main, session, core];
            notice_times: NoticeTimes(NoticeTimesRequest) -> NoticeTimes [main, session, core];

            // Administration: users, the security policy, outgoing mail.
            list_users: ListUsers(ListUsersRequest) -> Vec<UserRow> [main, session, core];
            create_user: CreateUser(CreateUserRequest) -> TemporaryPassword [main, session, core];
            reset_password: ResetPassword(ResetPasswordRequest) -> TemporaryPassword [main, session, core];
            set_user_active: SetUserActive(SetUserActiveRequest) -> Vec<UserRow> [main, session, core];
            unlock_user: UnlockUser(UnlockUserRequest) -> Vec<UserRow> [main, session, core];
            security_policy: SecurityPolicy(SecurityPolicyRequest) -> SecurityPolicyView [main, session, core];
            save_security_policy: SaveSecurityPolicy(SaveSecurityPolicyRequest) -> SecurityPolicyView
                [main, session, core];
            mail_settings: MailSettings(MailSettingsRequest) -> MailSettings [main, session, core];
            save_mail_settings: SaveMailSettings(SaveMailSettingsRequest) -> MailSettings [main, session, core];
            send_test_email: SendTestEmail(SendTestEmailRequest) -> String [main, session, core];

            // Job seekers, their applications and forms, requisitions, intake.
            list_job_seekers: ListJobSeekers(JobSeekerListRequest) -> JobSeekerPage [main, session, core];
            job_seeker_neighbours: JobSeekerNeighbours(NeighboursRequest) -> Neighbours [main, session, core];
            get_job_seeker: GetJobSeeker(JobSeekerRequest) -> JobSeekerDetail [main, session, core];
            update_job_seeker_profile: UpdateJobSeekerProfile(UpdateProfileRequest) -> JobSeekerDetail
                [main, session, core];
            set_application_stage: SetApplicationStage(SetStageRequest) -> JobSeekerDetail [main, session, core];
            job_seeker_history: JobSeekerHistory(HistoryPageRequest) -> HistoryPage [main, session, core];
            requisition_choices: RequisitionChoices(RequisitionChoicesRequest) -> Vec<RequisitionChoice>
                [main, session, core];
            add_job_seeker: AddJobSeeker(AddJobSeekerRequest) -> JobSeekerDetail [main, session, core];
            preview_import: PreviewImport(PreviewImportRequest) -> ImportReport [main, session, core];
            commit_import: CommitImport(CommitImportRequest) -> ImportReport [main, session, core];
            choose_import_file: ChooseImportFile(ChooseImportFileRequest) -> Option<ChosenImportFile>
                [main, session, shell];
            preview_import_file: PreviewImportFile(PreviewImportFileRequest) -> ImportReport [main, session, shell];
            commit_import_file: CommitImportFile(CommitImportFileRequest) -> ImportReport [main, session, shell];
            set_form_completed: SetFormCompleted(SetFormCompletedRequest) -> JobSeekerDetail [main, session, core];
            delete_job_seeker: DeleteJobSeeker(DeleteJobSeekerRequest) -> () [main, session, core];
            delete_application: DeleteApplication(DeleteApplicationRequest) -> JobSeekerDetail
                [main, session, core];
            list_requisitions: ListRequisitions(ListRequisitionsRequest) -> Vec<RequisitionView>
                [main, session, core];
            save_requisition: SaveRequisition(SaveRequisitionRequest) -> RequisitionView [main, session, core];

            // Notes, tasks, the To-Do list and the draft kept at the idle timeout.
            notes: Notes(NotesRequest) -> Vec<NoteView> [main, session, core];
            save_note: SaveNote(SaveNoteRequest) -> NoteView [main, session, core];
            delete_note: DeleteNote(DeleteNoteRequest) -> () [main, session, core];
            set_task_completed: SetTaskCompleted(SetTaskCompletedRequest) -> NoteView [main, session, core];
            todo: Todo(TodoRequest) -> Vec<TodoItem> [main, session, core];
            keep_draft: KeepDraft(KeepDraftRequest) -> () [main, session, core];
            take_draft: TakeDraft(TakeDraftRequest) -> Option<OfferedDraft> [main, session, core];

            // Offers, their templates, and the Communication tab.
            offer_templates: OfferTemplates(OfferTemplatesRequest) -> OfferTemplates [main, session, core];
            save_offer_template: SaveOfferTemplate(SaveOfferTemplateRequest) -> OfferTemplates
                [main, session, core];
            offer_tab: OfferTab(OfferTabRequest) -> OfferTab [main, session, core];
            pending_approvals: PendingApprovals(PendingApprovalsRequest) -> Vec<PendingApproval>
                [main, session, core];
            offer_tags: OfferTags(OfferTagsRequest) -> Vec<OfferTag> [main, session, core];
            save_offer: SaveOffer(SaveOfferRequest) -> OfferTab [main, session, core];
            offer_action: OfferAction(OfferActionRequest) -> OfferTab [main, session, core];
            communication: Communication(CommunicationRequest) -> Vec<EmailView> [main, session, core];
            resend_email: ResendEmail(ResendEmailRequest) -> Vec<EmailView> [main, session, core];

            // Export to Excel (the file comes from the native save dialog) and the print window.
            export_history: ExportHistory(ExportHistoryRequest) -> Option<ExportResult> [main, session, shell];
            export_notes: ExportNotes(ExportNotesRequest) -> Option<ExportResult> [main, session, shell];
            export_file_name: ExportFileName(ExportFileNameRequest) -> String [main, session, core];
            export_progress: ExportProgress(ExportProgressRequest) -> Option<ExportProgress> [main, session, core];
            cancel_export: CancelExport(CancelExportRequest) -> bool [main, session, core];
            open_print_window: OpenPrintWindow(OpenPrintWindowRequest) -> () [main, session, shell];
            print_view: PrintView(PrintViewRequest) -> PrintView [print, public, shell];
            print_export: PrintExport(PrintExportRequest) -> Option<ExportResult> [print, public, shell];
            print_export_progress: PrintExportProgress(PrintExportProgressRequest) -> Option<ExportProgress>
                [print, public, shell];
            cancel_print_export: CancelPrintExport(CancelPrintExportRequest) -> bool [print, public, shell];

            // The one search box.
            search: Search(SearchRequest) -> SearchAnswer [main, session, core];

            // Native notifications: the job seeker of a clicked one.
            take_notification_click: TakeNotificationClick(TakeNotificationClickRequest) -> Option<NoticeTarget>
                [main, session, shell];
        }
    };
}

/// The window whose capability grants a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Window {
    /// The main window: everything but the print window's commands.
    Main,
    /// The print window (SPEC EX-2): only what it was opened for, and saving it.
    Print,
}

/// Who answers a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Handler {
    /// The core, from the request alone; the shell's adapter is generated from the table.
    Core,
    /// The shell, by hand, because it adds something only it has (a dialog, a window, a kept session).
    Shell,
}

/// Turns the table's words into values (`main` → [`Window::Main`], `session` → `true` …).
macro_rules! table_word {
    (window main) => {
        Window::Main
    };
    (window print) => {
        Window::Print
    };
    (caller session) => {
        true
    };
    (caller public) => {
        false
    };
    (handler core) => {
        Handler::Core
    };
    (handler shell) => {
        Handler::Shell
    };
}

/// Builds [`Command`] and the [`Rpc`] impls from the table.
macro_rules! define_commands {
    ($(
        $name:ident: $variant:ident($request:ty) -> $response:ty [$window:ident, $caller:ident, $handler:ident];
    )+) => {
        /// Every command the UI may invoke, from the table in [`for_each_command!`](crate::for_each_command).
        /// The shell registers exactly these handlers, the build script generates exactly these permissions,
        /// and the windows' capabilities grant exactly these; `src-tauri/tests/permissions.rs` checks the last
        /// two.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command {
            $(
                #[doc = concat!("`", stringify!($name), "`: answers a [`", stringify!($request), "`].")]
                $variant,
            )+
        }

        impl Command {
            /// All commands, in the table's order.
            pub const ALL: &'static [Command] = &[$(Command::$variant),+];
            /// The names as the build script needs them (`tauri_build::AppManifest::commands`).
            pub const NAMES: &'static [&'static str] = &[$(stringify!($name)),+];

            /// The handler's name: the Rust function in the shell and the string the UI invokes.
            pub const fn name(self) -> &'static str {
                match self {
                    $(Command::$variant => stringify!($name)),+
                }
            }

            /// The command with this name.
            pub fn from_name(name: &str) -> Option<Command> {
                match name {
                    $(stringify!($name) => Some(Command::$variant),)+
                    _ => None,
                }
            }

            /// The window whose capability grants it.
            pub const fn window(self) -> Window {
                match self {
                    $(Command::$variant => table_word!(window $window)),+
                }
            }

            /// Whether its request carries the signed-in user's session token.
            pub const fn needs_session(self) -> bool {
                match self {
                    $(Command::$variant => table_word!(caller $caller)),+
                }
            }

            /// Who answers it.
            pub const fn handler(self) -> Handler {
                match self {
                    $(Command::$variant => table_word!(handler $handler)),+
                }
            }
        }

        $(
            impl Rpc for $request {
                const COMMAND: Command = Command::$variant;
                const NEEDS_SESSION: bool = table_word!(caller $caller);
                type Response = $response;
            }
        )+
    };
}

mod table {
    //! The table's expansion in this crate, where every request and response type is in scope.
    use super::{Handler, Rpc, Window};
    use crate::*;

    crate::for_each_command!(define_commands);
}

pub use table::Command;

/// A request type that belongs to exactly one command.
///
/// The UI's single `invoke` helper is generic over this trait, so a request can only be sent to its own
/// command and its answer is decoded as that command's response type. Implemented for every request by the
/// table in [`for_each_command!`](crate::for_each_command).
pub trait Rpc: Serialize {
    /// The command this request is sent to.
    const COMMAND: Command;
    /// Whether the command needs a signed-in session (a `token` argument beside the request).
    const NEEDS_SESSION: bool;
    /// What the command answers on success.
    type Response: DeserializeOwned;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_snake_case_and_match_the_list() {
        let mut seen = std::collections::HashSet::new();
        for (command, name) in Command::ALL.iter().zip(Command::NAMES) {
            assert_eq!(command.name(), *name);
            assert_eq!(Command::from_name(name), Some(*command));
            assert!(seen.insert(*name), "{name} is listed twice");
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name} is not snake_case");
        }
        assert_eq!(Command::ALL.len(), Command::NAMES.len());
        assert_eq!(Command::from_name("no_such_command"), None);
    }

    #[test]
    fn the_print_window_has_its_four_commands_and_needs_no_session_token() {
        let print: Vec<&str> =
            Command::ALL.iter().filter(|command| command.window() == Window::Print).map(|c| c.name()).collect();
        assert_eq!(print, ["print_view", "print_export", "print_export_progress", "cancel_print_export"]);
        assert!(Command::ALL.iter().filter(|c| c.window() == Window::Print).all(|c| !c.needs_session()));
    }

    #[test]
    fn a_request_knows_its_command() {
        assert_eq!(<crate::SaveNoteRequest as Rpc>::COMMAND, Command::SaveNote);
        let needs_session =
            [<crate::SaveNoteRequest as Rpc>::NEEDS_SESSION, <crate::SignInRequest as Rpc>::NEEDS_SESSION];
        assert_eq!(needs_session, [Command::SaveNote.needs_session(), Command::SignIn.needs_session()]);
        assert_eq!(needs_session, [true, false]);
    }
}
