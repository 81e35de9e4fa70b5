//! One enum that names every command, and the [`Rpc`] trait that ties a request type to its command and its
//! response type.

use serde::{de::DeserializeOwned, Serialize};

macro_rules! commands {
    ($($variant:ident => $name:literal),+ $(,)?) => {
        /// Every command the UI may invoke. The shell registers exactly these handlers, the build script
        /// generates exactly these permissions, and the main window's capability grants exactly these;
        /// `src-tauri/tests/permissions.rs` fails when any of the three drifts from this list.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Command { $($variant),+ }

        impl Command {
            /// All commands, in declaration order.
            pub const ALL: &'static [Command] = &[$(Command::$variant),+];
            /// The names as the build script needs them (`tauri_build::AppManifest::commands`).
            pub const NAMES: &'static [&'static str] = &[$($name),+];

            /// The handler's name: the Rust function in the shell and the string the UI invokes.
            pub const fn name(self) -> &'static str {
                match self { $(Command::$variant => $name),+ }
            }
        }
    };
}

commands! {
    AppStatus => "app_status",
    AppReady => "app_ready",
    CreateFirstAdministrator => "create_first_administrator",
    LoadDemoData => "load_demo_data",
    SignIn => "sign_in",
    SignOut => "sign_out",
    CurrentUser => "current_user",
    CheckPassword => "check_password",
    ChangePassword => "change_password",
    ListJobSeekers => "list_job_seekers",
    JobSeekerNeighbours => "job_seeker_neighbours",
    GetJobSeeker => "get_job_seeker",
    UpdateJobSeekerProfile => "update_job_seeker_profile",
    SetApplicationStage => "set_application_stage",
    JobSeekerHistory => "job_seeker_history",
    RequisitionChoices => "requisition_choices",
    AddJobSeeker => "add_job_seeker",
    PreviewImport => "preview_import",
    CommitImport => "commit_import",
    SetFormCompleted => "set_form_completed",
    DeleteJobSeeker => "delete_job_seeker",
    DeleteApplication => "delete_application",
    ListRequisitions => "list_requisitions",
    SaveRequisition => "save_requisition",
    GetContactInformation => "get_contact_information",
    SaveContactInformation => "save_contact_information",
    SavePreferences => "save_preferences",
    SecurityQuestions => "security_questions",
    SaveSecurityQuestions => "save_security_questions",
    RecoveryQuestions => "recovery_questions",
    RecoverPassword => "recover_password",
    ListUsers => "list_users",
    CreateUser => "create_user",
    ResetPassword => "reset_password",
    SetUserActive => "set_user_active",
    UnlockUser => "unlock_user",
    SecurityPolicy => "security_policy",
    SaveSecurityPolicy => "save_security_policy",
    NotificationPreferences => "notification_preferences",
    SaveNotificationPreferences => "save_notification_preferences",
    MailSettings => "mail_settings",
    SaveMailSettings => "save_mail_settings",
    Notes => "notes",
    SaveNote => "save_note",
    DeleteNote => "delete_note",
    SetTaskCompleted => "set_task_completed",
    Todo => "todo",
    KeepDraft => "keep_draft",
    TakeDraft => "take_draft",
    ExportHistory => "export_history",
    ExportNotes => "export_notes",
    OfferTemplates => "offer_templates",
    SaveOfferTemplate => "save_offer_template",
    OfferTab => "offer_tab",
    PendingApprovals => "pending_approvals",
    OfferTags => "offer_tags",
    SaveOffer => "save_offer",
    OfferAction => "offer_action",
    Communication => "communication",
    ResendEmail => "resend_email",
    SendTestEmail => "send_test_email",
    ExportProgress => "export_progress",
    CancelExport => "cancel_export",
    OpenPrintWindow => "open_print_window",
    PrintView => "print_view",
    PrintExport => "print_export",
    PrintExportProgress => "print_export_progress",
    CancelPrintExport => "cancel_print_export",
    TakeNotificationClick => "take_notification_click",
}

impl Command {
    /// The commands of the print window (SPEC EX-2), granted to it alone by `capabilities/print-window.json`;
    /// every other command is the main window's.
    pub const PRINT_WINDOW: &'static [Command] =
        &[Command::PrintView, Command::PrintExport, Command::PrintExportProgress, Command::CancelPrintExport];
}

/// A request type that belongs to exactly one command.
///
/// The UI's single `invoke` helper is generic over this trait, so a request can only be sent to its own
/// command and its answer is decoded as that command's response type.
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
            assert!(seen.insert(*name), "{name} is listed twice");
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name} is not snake_case");
        }
        assert_eq!(Command::ALL.len(), Command::NAMES.len());
    }
}
