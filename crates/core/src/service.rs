//! [`Hiredesk`]: the one handle the shell holds. Each method is one use case: it takes a connection from the
//! pool, checks the session where one is needed, and calls the feature module that holds the rules.
//! Methods block (database, password hashing): call them from a worker thread, never the UI thread.

use crate::accounts::{
    admin, new_accounts, notification_preferences as notifications, password_store, policy::PasswordPolicy, questions,
    sessions, settings, sign_in, SignedInUser,
};
use crate::db::{self, DbConnection, DbPool};
use crate::demo;
use crate::error::CoreResult;
use crate::organisation::Organisation;
use crate::{export, history, intake, job_seekers, mail, notes, notices, offers, requisitions};
use chrono::{DateTime, Utc};
use hiredesk_wire::{
    AddJobSeekerRequest, AppStatus, CancelExportRequest, ChangePasswordRequest, CheckPasswordRequest,
    CommitImportRequest, CommunicationRequest, ContactInformation, CreateFirstAdministratorRequest, CreateUserRequest,
    DeleteApplicationRequest, DeleteJobSeekerRequest, DeleteNoteRequest, DemoAccount, EmailView, ExportHistoryRequest,
    ExportNotesRequest, ExportProgress, ExportProgressRequest, HistoryPage, HistoryPageRequest, ImportReport,
    JobSeekerDetail, JobSeekerListRequest, JobSeekerPage, JobSeekerRequest, KeepDraftRequest, MailSettings, Neighbours,
    NeighboursRequest, NoteView, NotesRequest, NotificationPreferences, NotificationPreferencesRequest,
    OfferActionRequest, OfferTab, OfferTabRequest, OfferTag, OfferTagsRequest, OfferTemplates, OfferedDraft,
    PasswordRuleCheck, PendingApproval, PreviewImportRequest, PrintRequest, PrintView, RecoverPasswordRequest,
    RecoveryQuestionsRequest, RequisitionChoice, RequisitionView, ResendEmailRequest, ResetPasswordRequest,
    SaveContactInformationRequest, SaveMailSettingsRequest, SaveNoteRequest, SaveNotificationPreferencesRequest,
    SaveOfferRequest, SaveOfferTemplateRequest, SavePreferencesRequest, SaveRequisitionRequest,
    SaveSecurityPolicyRequest, SaveSecurityQuestionsRequest, SecurityPolicyView, SecurityQuestions,
    SetFormCompletedRequest, SetStageRequest, SetTaskCompletedRequest, SetUserActiveRequest, SignInRequest, SignedIn,
    TemporaryPassword, TodoItem, UnlockUserRequest, UpdateProfileRequest, UserProfile, UserRow,
};
use std::path::PathBuf;
use std::sync::Arc;

/// Where "now" comes from: the system clock in the app, a controlled one in tests of expiry and lockout.
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

/// How to open Hiredesk.
#[derive(Clone)]
pub struct HiredeskConfig {
    /// The folder that holds the database file.
    pub data_dir: PathBuf,
    /// Start from a fresh demo database: the folder's database is deleted and the demo loaded.
    pub demo: bool,
    pub clock: Clock,
}

impl HiredeskConfig {
    pub fn new(data_dir: impl Into<PathBuf>) -> Self {
        Self { data_dir: data_dir.into(), demo: false, clock: Arc::new(Utc::now) }
    }
}

impl std::fmt::Debug for HiredeskConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HiredeskConfig").field("data_dir", &self.data_dir).field("demo", &self.demo).finish()
    }
}

/// The application core: a connection pool, a clock, and the exports running now.
#[derive(Clone)]
pub struct Hiredesk {
    pool: DbPool,
    clock: Clock,
    demo: bool,
    exports: export::Jobs,
}

impl std::fmt::Debug for Hiredesk {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Hiredesk").finish_non_exhaustive()
    }
}

impl Hiredesk {
    /// Opens the database (applying migrations); with `demo`, on a fresh demo database.
    pub fn open(config: &HiredeskConfig) -> CoreResult<Self> {
        if config.demo {
            remove_database(&config.data_dir)?;
        }
        let hiredesk = Hiredesk {
            pool: db::open(&config.data_dir)?,
            clock: config.clock.clone(),
            demo: config.demo,
            exports: export::Jobs::default(),
        };
        if config.demo {
            hiredesk.load_demo_data()?;
        }
        Ok(hiredesk)
    }

    fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    fn conn(&self) -> CoreResult<DbConnection> {
        db::connection(&self.pool)
    }

    /// A checked session that may do anything (its password is current).
    fn signed_in(&self, conn: &mut DbConnection, token: &str) -> CoreResult<SignedInUser> {
        let signed_in = sessions::authenticate(conn, token, self.now())?;
        signed_in.require_current_password()?;
        Ok(signed_in)
    }

    pub fn app_status(&self) -> CoreResult<AppStatus> {
        Ok(AppStatus {
            has_users: new_accounts::any_exist(&mut *self.conn()?)?,
            version: env!("CARGO_PKG_VERSION").to_owned(),
            demo_accounts: if self.demo { demo::accounts() } else { Vec::new() },
        })
    }

    pub fn create_first_administrator(&self, request: &CreateFirstAdministratorRequest) -> CoreResult<()> {
        new_accounts::create_first_administrator(&mut *self.conn()?, request, self.now())
    }

    pub fn load_demo_data(&self) -> CoreResult<Vec<DemoAccount>> {
        demo::load(&mut *self.conn()?, self.now())
    }

    pub fn sign_in(&self, request: &SignInRequest) -> CoreResult<SignedIn> {
        sign_in::sign_in(&mut *self.conn()?, &request.email, &request.password, self.now())
    }

    /// Ends the session; allowed while a password change is due, so the user can always leave.
    pub fn sign_out(&self, token: &str) -> CoreResult<()> {
        let mut conn = self.conn()?;
        let signed_in = sessions::authenticate(&mut conn, token, self.now())?;
        sessions::sign_out(&mut conn, &signed_in, self.now())
    }

    /// The signed-in user; allowed while a password change is due (the change form shows who is signed in).
    pub fn current_user(&self, token: &str) -> CoreResult<UserProfile> {
        let mut conn = self.conn()?;
        let signed_in = sessions::authenticate(&mut conn, token, self.now())?;
        signed_in.user.profile(&mut conn)
    }

    /// The effective policy's rules against a candidate, for the live display while typing.
    pub fn check_password(&self, request: &CheckPasswordRequest) -> CoreResult<Vec<PasswordRuleCheck>> {
        let policy = PasswordPolicy::effective(&Organisation::load(&mut *self.conn()?)?.password_policy());
        let words: Vec<&str> = request.personal_words.iter().map(String::as_str).collect();
        Ok(policy.checks(&request.new_password, &words))
    }

    pub fn change_password(&self, token: &str, request: &ChangePasswordRequest) -> CoreResult<()> {
        let mut conn = self.conn()?;
        let signed_in = sessions::authenticate(&mut conn, token, self.now())?;
        password_store::change_password(&mut conn, &signed_in, request, self.now())
    }

    pub fn list_job_seekers(&self, token: &str, request: &JobSeekerListRequest) -> CoreResult<JobSeekerPage> {
        self.with_signed_in(token, |conn, signed_in, _| {
            let view = signed_in.user.view(conn)?;
            job_seekers::list(conn, request, view.records_per_page, view.zone)
        })
    }

    pub fn job_seeker_neighbours(&self, token: &str, request: &NeighboursRequest) -> CoreResult<Neighbours> {
        self.with_signed_in(token, |conn, _, _| job_seekers::neighbours(conn, request))
    }

    pub fn job_seeker(&self, token: &str, request: &JobSeekerRequest) -> CoreResult<JobSeekerDetail> {
        self.with_signed_in(token, |conn, signed_in, _| {
            let zone = signed_in.user.zone(conn)?;
            job_seekers::get(conn, request.id, zone)
        })
    }

    pub fn update_job_seeker_profile(
        &self,
        token: &str,
        request: &UpdateProfileRequest,
    ) -> CoreResult<JobSeekerDetail> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            job_seekers::update_profile(conn, signed_in, request, now, zone)
        })
    }

    pub fn set_application_stage(&self, token: &str, request: &SetStageRequest) -> CoreResult<JobSeekerDetail> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            job_seekers::set_stage(conn, signed_in, request, now, zone)
        })
    }

    pub fn job_seeker_history(&self, token: &str, request: &HistoryPageRequest) -> CoreResult<HistoryPage> {
        self.with_signed_in(token, |conn, signed_in, _| {
            let view = signed_in.user.view(conn)?;
            history::page(conn, request, view.records_per_page, view.zone)
        })
    }

    pub fn requisition_choices(&self, token: &str) -> CoreResult<Vec<RequisitionChoice>> {
        self.with_signed_in(token, |conn, _, _| job_seekers::requisition_choices(conn))
    }

    pub fn set_form_completed(&self, token: &str, request: &SetFormCompletedRequest) -> CoreResult<JobSeekerDetail> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let id = job_seekers::set_completed(conn, signed_in, request.form_id, request.completed, now)?;
            let zone = signed_in.user.zone(conn)?;
            job_seekers::get(conn, id, zone)
        })
    }

    pub fn delete_job_seeker(&self, token: &str, request: &DeleteJobSeekerRequest) -> CoreResult<()> {
        self.with_signed_in(token, |conn, signed_in, now| {
            job_seekers::delete_job_seeker(conn, signed_in, request.id, now)
        })
    }

    pub fn delete_application(&self, token: &str, request: &DeleteApplicationRequest) -> CoreResult<JobSeekerDetail> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let id = job_seekers::delete_application(conn, signed_in, request.application_id, now)?;
            let zone = signed_in.user.zone(conn)?;
            job_seekers::get(conn, id, zone)
        })
    }

    pub fn add_job_seeker(&self, token: &str, request: &AddJobSeekerRequest) -> CoreResult<JobSeekerDetail> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let id = intake::add(conn, signed_in, request.requisition_id, &request.profile, now)?;
            let zone = signed_in.user.zone(conn)?;
            job_seekers::get(conn, id, zone)
        })
    }

    pub fn preview_import(&self, token: &str, request: &PreviewImportRequest) -> CoreResult<ImportReport> {
        self.with_signed_in(token, |conn, _, _| intake::preview(conn, &request.0))
    }

    pub fn commit_import(&self, token: &str, request: &CommitImportRequest) -> CoreResult<ImportReport> {
        self.with_signed_in(token, |conn, signed_in, now| intake::commit(conn, signed_in, &request.0, now))
    }

    pub fn list_requisitions(&self, token: &str) -> CoreResult<Vec<RequisitionView>> {
        self.with_signed_in(token, |conn, _, _| requisitions::list(conn))
    }

    pub fn save_requisition(&self, token: &str, request: &SaveRequisitionRequest) -> CoreResult<RequisitionView> {
        self.with_signed_in(token, |conn, signed_in, now| {
            requisitions::save(conn, signed_in, request.id, &request.fields, now)
        })
    }

    pub fn contact_information(&self, token: &str) -> CoreResult<ContactInformation> {
        self.with_signed_in(token, |conn, signed_in, _| settings::contact(conn, &signed_in.user))
    }

    pub fn save_contact_information(
        &self,
        token: &str,
        request: &SaveContactInformationRequest,
    ) -> CoreResult<UserProfile> {
        self.with_signed_in(token, |conn, signed_in, now| settings::save_contact(conn, signed_in, &request.0, now))
    }

    pub fn save_preferences(&self, token: &str, request: &SavePreferencesRequest) -> CoreResult<UserProfile> {
        self.with_signed_in(token, |conn, signed_in, now| settings::save_preferences(conn, signed_in, request, now))
    }

    pub fn security_questions(&self, token: &str) -> CoreResult<SecurityQuestions> {
        self.with_signed_in(token, |conn, signed_in, _| questions::questions(conn, &signed_in.user))
    }

    pub fn save_security_questions(
        &self,
        token: &str,
        request: &SaveSecurityQuestionsRequest,
    ) -> CoreResult<SecurityQuestions> {
        self.with_signed_in(token, |conn, signed_in, now| questions::save(conn, signed_in, request, now))
    }

    pub fn recovery_questions(&self, request: &RecoveryQuestionsRequest) -> CoreResult<Vec<String>> {
        questions::recovery_questions(&mut *self.conn()?, &request.email)
    }

    pub fn recover_password(&self, request: &RecoverPasswordRequest) -> CoreResult<()> {
        questions::recover(&mut *self.conn()?, request, self.now())
    }

    pub fn list_users(&self, token: &str) -> CoreResult<Vec<UserRow>> {
        self.with_signed_in(token, |conn, signed_in, now| admin::list(conn, signed_in, now))
    }

    pub fn create_user(&self, token: &str, request: &CreateUserRequest) -> CoreResult<TemporaryPassword> {
        self.with_signed_in(token, |conn, signed_in, now| admin::create(conn, signed_in, request, now))
    }

    pub fn reset_password(&self, token: &str, request: &ResetPasswordRequest) -> CoreResult<TemporaryPassword> {
        self.with_signed_in(token, |conn, signed_in, now| admin::reset_password(conn, signed_in, request.user_id, now))
    }

    pub fn set_user_active(&self, token: &str, request: &SetUserActiveRequest) -> CoreResult<Vec<UserRow>> {
        self.with_signed_in(token, |conn, signed_in, now| {
            admin::set_active(conn, signed_in, request.user_id, request.active, now)
        })
    }

    pub fn unlock_user(&self, token: &str, request: &UnlockUserRequest) -> CoreResult<Vec<UserRow>> {
        self.with_signed_in(token, |conn, signed_in, now| admin::unlock(conn, signed_in, request.user_id, now))
    }

    pub fn security_policy(&self, token: &str) -> CoreResult<SecurityPolicyView> {
        self.with_signed_in(token, |conn, signed_in, _| admin::policy(conn, signed_in))
    }

    pub fn save_security_policy(
        &self,
        token: &str,
        request: &SaveSecurityPolicyRequest,
    ) -> CoreResult<SecurityPolicyView> {
        self.with_signed_in(token, |conn, signed_in, now| admin::save_policy(conn, signed_in, &request.0, now))
    }

    pub fn notification_preferences(
        &self,
        token: &str,
        request: &NotificationPreferencesRequest,
    ) -> CoreResult<NotificationPreferences> {
        self.with_signed_in(token, |conn, signed_in, _| {
            notifications::get(conn, signed_in, request.organisation_defaults)
        })
    }

    pub fn save_notification_preferences(
        &self,
        token: &str,
        request: &SaveNotificationPreferencesRequest,
    ) -> CoreResult<NotificationPreferences> {
        self.with_signed_in(token, |conn, signed_in, now| {
            notifications::save(conn, signed_in, request.organisation_defaults, &request.preferences, now)
        })
    }

    pub fn mail_settings(&self, token: &str) -> CoreResult<MailSettings> {
        self.with_signed_in(token, |conn, signed_in, _| mail::settings(conn, signed_in))
    }

    pub fn save_mail_settings(&self, token: &str, request: &SaveMailSettingsRequest) -> CoreResult<MailSettings> {
        self.with_signed_in(token, |conn, signed_in, now| mail::save_settings(conn, signed_in, &request.0, now))
    }

    pub fn notes(&self, token: &str, request: &NotesRequest) -> CoreResult<Vec<NoteView>> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            notes::list(conn, request.job_seeker_id, request.application_id, zone, now)
        })
    }

    pub fn save_note(&self, token: &str, request: &SaveNoteRequest) -> CoreResult<NoteView> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            notes::save(conn, signed_in, request, zone, now)
        })
    }

    pub fn delete_note(&self, token: &str, request: &DeleteNoteRequest) -> CoreResult<()> {
        self.with_signed_in(token, |conn, signed_in, now| notes::delete(conn, signed_in, request.id, now))
    }

    pub fn set_task_completed(&self, token: &str, request: &SetTaskCompletedRequest) -> CoreResult<NoteView> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            notes::set_completed(conn, signed_in, request.id, request.completed, zone, now)
        })
    }

    /// Exports a job seeker's History (with the tab's filters) to an .xlsx file as export `export_id`, which
    /// [`Self::export_progress`] follows and [`Self::cancel_export`] stops. The `export_history` command
    /// calls this, and so does `cargo xtask bench export`.
    pub fn export_history(
        &self,
        token: &str,
        request: &ExportHistoryRequest,
        path: &std::path::Path,
    ) -> CoreResult<u64> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let running = self.exports.start(request.export_id, signed_in.user.id)?;
            let zone = signed_in.user.zone(conn)?;
            export::history(conn, signed_in, &request.history, path, zone, now, &mut |written, total| {
                running.report(written, total)
            })
        })
    }

    /// [`Self::export_history`] with its own progress callback instead of a registered export.
    pub fn export_history_with(
        &self,
        token: &str,
        request: &HistoryPageRequest,
        path: &std::path::Path,
        progress: export::Progress<'_>,
    ) -> CoreResult<u64> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            export::history(conn, signed_in, request, path, zone, now, progress)
        })
    }

    /// Exports a job seeker's notes (of one application, or all) to an .xlsx file as export `export_id`.
    pub fn export_notes(&self, token: &str, request: &ExportNotesRequest, path: &std::path::Path) -> CoreResult<u64> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let running = self.exports.start(request.export_id, signed_in.user.id)?;
            let zone = signed_in.user.zone(conn)?;
            export::notes(conn, signed_in, &request.notes, path, zone, now, &mut |written, total| {
                running.report(written, total)
            })
        })
    }

    /// How far the user's export `export_id` has got; `None` when it is not running.
    pub fn export_progress(&self, token: &str, request: &ExportProgressRequest) -> CoreResult<Option<ExportProgress>> {
        self.with_signed_in(token, |_, signed_in, _| Ok(self.exports.progress(request.export_id, signed_in.user.id)))
    }

    /// Stops the user's export `export_id` at its next batch; `false` when it is not running.
    pub fn cancel_export(&self, token: &str, request: &CancelExportRequest) -> CoreResult<bool> {
        self.with_signed_in(token, |_, signed_in, _| Ok(self.exports.cancel(request.export_id, signed_in.user.id)))
    }

    /// The print window's data (SPEC EX-2).
    pub fn print_view(&self, token: &str, request: &PrintRequest) -> CoreResult<PrintView> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            export::print::view(conn, signed_in, request, zone, now)
        })
    }

    /// What the print window's Save as .xlsx does: the export of the tab it was opened from.
    pub fn export_printed(
        &self,
        token: &str,
        request: &PrintRequest,
        export_id: u32,
        path: &std::path::Path,
    ) -> CoreResult<u64> {
        match request {
            PrintRequest::History(history) => {
                let history = HistoryPageRequest { after: None, ..history.clone() };
                self.export_history(token, &ExportHistoryRequest { export_id, history }, path)
            }
            PrintRequest::Notes(notes) => {
                self.export_notes(token, &ExportNotesRequest { export_id, notes: notes.clone() }, path)
            }
        }
    }

    /// The user of a live session, without recording activity (background polling must not keep an idle
    /// session alive).
    pub fn session_user_id(&self, token: &str) -> CoreResult<i32> {
        sessions::identify(&mut *self.conn()?, token, self.now())
    }

    /// Checks the session (and records activity), for shell commands that do not otherwise reach the core.
    pub fn check_session(&self, token: &str) -> CoreResult<()> {
        self.with_signed_in(token, |_, _, _| Ok(()))
    }

    pub fn keep_draft(&self, token: &str, request: &KeepDraftRequest) -> CoreResult<()> {
        self.with_signed_in(token, |conn, signed_in, now| notes::keep_draft(conn, signed_in, request.0.as_ref(), now))
    }

    pub fn take_draft(&self, token: &str) -> CoreResult<Option<OfferedDraft>> {
        self.with_signed_in(token, |conn, signed_in, now| notes::take_draft(conn, signed_in, now))
    }

    pub fn todo(&self, token: &str) -> CoreResult<Vec<TodoItem>> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            notes::todo(conn, signed_in, zone, now)
        })
    }

    pub fn offer_templates(&self, token: &str) -> CoreResult<OfferTemplates> {
        self.with_signed_in(token, |conn, signed_in, _| offers::templates::list(conn, signed_in))
    }

    pub fn save_offer_template(&self, token: &str, request: &SaveOfferTemplateRequest) -> CoreResult<OfferTemplates> {
        self.with_signed_in(token, |conn, signed_in, now| offers::templates::save(conn, signed_in, request, now))
    }

    pub fn offer_tab(&self, token: &str, request: &OfferTabRequest) -> CoreResult<OfferTab> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            offers::tab(conn, signed_in, request.application_id, zone, now)
        })
    }

    pub fn pending_approvals(&self, token: &str) -> CoreResult<Vec<PendingApproval>> {
        self.with_signed_in(token, |conn, signed_in, _| offers::approvals::pending_approvals(conn, signed_in))
    }

    pub fn offer_tags(&self, token: &str, request: &OfferTagsRequest) -> CoreResult<Vec<OfferTag>> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            offers::tags_for(conn, signed_in, request.application_id, request.template_id, zone, now)
        })
    }

    pub fn save_offer(&self, token: &str, request: &SaveOfferRequest) -> CoreResult<OfferTab> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            offers::save(conn, signed_in, request, zone, now)
        })
    }

    pub fn offer_action(&self, token: &str, request: &OfferActionRequest) -> CoreResult<OfferTab> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            offers::act(conn, signed_in, request, zone, now)
        })
    }

    pub fn communication(&self, token: &str, request: &CommunicationRequest) -> CoreResult<Vec<EmailView>> {
        self.with_signed_in(token, |conn, signed_in, _| {
            let zone = signed_in.user.zone(conn)?;
            mail::communication::list(conn, request.job_seeker_id, zone)
        })
    }

    pub fn resend_email(&self, token: &str, request: &ResendEmailRequest) -> CoreResult<Vec<EmailView>> {
        self.with_signed_in(token, |conn, signed_in, now| {
            let zone = signed_in.user.zone(conn)?;
            mail::communication::resend(conn, signed_in, request.id, zone, now)
        })
    }

    /// Sends a test message with the saved mail settings, at once (it blocks while the server answers).
    pub fn send_test_email(&self, token: &str) -> CoreResult<String> {
        self.with_signed_in(token, |conn, signed_in, _| mail::send_test(conn, signed_in))
    }

    /// Expires the offers past their date, then delivers the notices that are due (SPEC AC-8), by email
    /// through the outbox, and returns them; those for users signed in on this machine are marked for the
    /// shell to show natively too.
    pub fn deliver_notices(&self) -> CoreResult<Vec<notices::Notice>> {
        let mut conn = self.conn()?;
        offers::expire_due(&mut conn, self.now())?;
        let delivered = notices::deliver_due(&mut conn, self.now())?;
        let here = sessions::signed_in_user_ids(&mut conn, self.now())?;
        Ok(delivered
            .into_iter()
            .map(|notice| notices::Notice { show_here: here.contains(&notice.user_id), ..notice })
            .collect())
    }

    /// Sends the queued email that is due (the shell's mail worker calls this every few seconds).
    pub fn deliver_mail(&self) -> CoreResult<mail::Delivery> {
        mail::deliver_due(&mut *self.conn()?, self.now())
    }

    /// For features that need the whole signed-in user; refuses while a password change is due.
    pub fn with_signed_in<T>(
        &self,
        token: &str,
        work: impl FnOnce(&mut DbConnection, &SignedInUser, DateTime<Utc>) -> CoreResult<T>,
    ) -> CoreResult<T> {
        let mut conn = self.conn()?;
        let signed_in = self.signed_in(&mut conn, token)?;
        work(&mut conn, &signed_in, self.now())
    }
}

fn remove_database(data_dir: &std::path::Path) -> CoreResult<()> {
    for suffix in ["", "-wal", "-shm"] {
        let path = data_dir.join(format!("{}{suffix}", db::DATABASE_FILE));
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(crate::error::CoreError::Open(format!(
                    "The old demo database {} could not be removed: {error}",
                    path.display()
                )))
            }
        }
    }
    Ok(())
}
