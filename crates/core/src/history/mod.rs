//! The append-only History log (SPEC HI-1). Every mutation calls [`record`] inside its own transaction, so
//! a change and its history line are committed together or not at all. The database refuses UPDATE and
//! DELETE on the table (triggers in the first migration), so not even a bug here can rewrite history.

mod query;

pub use query::{page, page_plan, raw_page, RawPage};

use crate::db::schema::history;
use crate::CoreResult;
use hiredesk_wire::FieldChange;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::SqliteConnection;

/// What happened, as stored in `history.kind`. Later features add their kinds here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HistoryKind {
    AccountCreated,
    DemoDataLoaded,
    SignedIn,
    SignedOut,
    SignInFailed,
    AccountLocked,
    PasswordChanged,
    Applied,
    ProfileEdited,
    StageChanged,
    DispositionChanged,
    FormCompleted,
    FormReopened,
    JobSeekerDeleted,
    ApplicationDeleted,
    RequisitionCreated,
    RequisitionEdited,
    ContactChanged,
    SettingsChanged,
    SecurityQuestionsChanged,
    PasswordRecovered,
    PasswordReset,
    UserDeactivated,
    UserReactivated,
    UserUnlocked,
    PolicyChanged,
    MailSettingsChanged,
}

impl HistoryKind {
    pub const fn as_str(self) -> &'static str {
        match self {
            HistoryKind::AccountCreated => "account_created",
            HistoryKind::DemoDataLoaded => "demo_data_loaded",
            HistoryKind::SignedIn => "signed_in",
            HistoryKind::SignedOut => "signed_out",
            HistoryKind::SignInFailed => "sign_in_failed",
            HistoryKind::AccountLocked => "account_locked",
            HistoryKind::PasswordChanged => "password_changed",
            HistoryKind::Applied => "applied",
            HistoryKind::ProfileEdited => "profile_edited",
            HistoryKind::StageChanged => "stage_changed",
            HistoryKind::DispositionChanged => "disposition_changed",
            HistoryKind::FormCompleted => "form_completed",
            HistoryKind::FormReopened => "form_reopened",
            HistoryKind::JobSeekerDeleted => "job_seeker_deleted",
            HistoryKind::ApplicationDeleted => "application_deleted",
            HistoryKind::RequisitionCreated => "requisition_created",
            HistoryKind::RequisitionEdited => "requisition_edited",
            HistoryKind::ContactChanged => "contact_changed",
            HistoryKind::SettingsChanged => "settings_changed",
            HistoryKind::SecurityQuestionsChanged => "security_questions_changed",
            HistoryKind::PasswordRecovered => "password_recovered",
            HistoryKind::PasswordReset => "password_reset",
            HistoryKind::UserDeactivated => "user_deactivated",
            HistoryKind::UserReactivated => "user_reactivated",
            HistoryKind::UserUnlocked => "user_unlocked",
            HistoryKind::PolicyChanged => "policy_changed",
            HistoryKind::MailSettingsChanged => "mail_settings_changed",
        }
    }

    /// The name the History tab shows.
    pub const fn label(self) -> &'static str {
        match self {
            HistoryKind::AccountCreated => "Account created",
            HistoryKind::DemoDataLoaded => "Demo data loaded",
            HistoryKind::SignedIn => "Signed in",
            HistoryKind::SignedOut => "Signed out",
            HistoryKind::SignInFailed => "Failed sign-in",
            HistoryKind::AccountLocked => "Account locked",
            HistoryKind::PasswordChanged => "Password changed",
            HistoryKind::Applied => "Application",
            HistoryKind::ProfileEdited => "Data entry",
            HistoryKind::StageChanged => "Stage",
            HistoryKind::DispositionChanged => "Disposition",
            HistoryKind::FormCompleted => "Form completed",
            HistoryKind::FormReopened => "Form reopened",
            HistoryKind::JobSeekerDeleted => "Deletion",
            HistoryKind::ApplicationDeleted => "Deletion",
            HistoryKind::RequisitionCreated => "Requisition created",
            HistoryKind::RequisitionEdited => "Requisition edited",
            HistoryKind::ContactChanged => "Contact information changed",
            HistoryKind::SettingsChanged => "Settings changed",
            HistoryKind::SecurityQuestionsChanged => "Security questions changed",
            HistoryKind::PasswordRecovered => "Password recovered",
            HistoryKind::PasswordReset => "Password reset",
            HistoryKind::UserDeactivated => "User deactivated",
            HistoryKind::UserReactivated => "User reactivated",
            HistoryKind::UserUnlocked => "User unlocked",
            HistoryKind::PolicyChanged => "Security policy changed",
            HistoryKind::MailSettingsChanged => "Mail settings changed",
        }
    }

    /// The kinds that concern a job seeker, in the order the History filter offers them.
    pub const JOB_SEEKER_KINDS: [HistoryKind; 8] = [
        HistoryKind::Applied,
        HistoryKind::ProfileEdited,
        HistoryKind::StageChanged,
        HistoryKind::DispositionChanged,
        HistoryKind::FormCompleted,
        HistoryKind::FormReopened,
        HistoryKind::ApplicationDeleted,
        HistoryKind::JobSeekerDeleted,
    ];

    pub fn parse(kind: &str) -> Option<HistoryKind> {
        use HistoryKind::*;
        [
            AccountCreated,
            DemoDataLoaded,
            SignedIn,
            SignedOut,
            SignInFailed,
            AccountLocked,
            PasswordChanged,
            RequisitionCreated,
            RequisitionEdited,
            ContactChanged,
            SettingsChanged,
            SecurityQuestionsChanged,
            PasswordRecovered,
            PasswordReset,
            UserDeactivated,
            UserReactivated,
            UserUnlocked,
            PolicyChanged,
            MailSettingsChanged,
        ]
            .into_iter()
            .chain(Self::JOB_SEEKER_KINDS)
            .find(|candidate| candidate.as_str() == kind)
    }
}

/// The structured part of an entry that records changed values.
pub fn changes_details(changes: &[FieldChange]) -> serde_json::Value {
    serde_json::json!({ "changes": changes })
}

/// Who did it: a user, or the system itself (e.g. an expiry) when `user_id` is `None`.
#[derive(Debug, Clone, Copy)]
pub struct Actor<'a> {
    pub user_id: Option<i32>,
    pub email: &'a str,
}

impl Actor<'_> {
    pub const SYSTEM: Actor<'static> = Actor { user_id: None, email: "system" };
}

/// One history line to write.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    pub at: DateTime<Utc>,
    pub actor: Actor<'a>,
    pub kind: HistoryKind,
    pub job_seeker_id: Option<i32>,
    pub requisition_id: Option<i32>,
    pub summary: String,
    /// Structured detail (old and new values, what was deleted), as JSON.
    pub details: serde_json::Value,
}

impl<'a> Entry<'a> {
    /// An entry about the account or the installation, not about a job seeker.
    pub fn account(at: DateTime<Utc>, actor: Actor<'a>, kind: HistoryKind, summary: impl Into<String>) -> Self {
        Entry {
            at,
            actor,
            kind,
            job_seeker_id: None,
            requisition_id: None,
            summary: summary.into(),
            details: serde_json::Value::Object(Default::default()),
        }
    }
}

/// Appends one entry. Call it inside the transaction of the change it records.
pub fn record(conn: &mut SqliteConnection, entry: &Entry<'_>) -> CoreResult<()> {
    diesel::insert_into(history::table)
        .values((
            history::at.eq(crate::time::to_millis(entry.at)),
            history::actor_user_id.eq(entry.actor.user_id),
            history::actor_email.eq(entry.actor.email),
            history::job_seeker_id.eq(entry.job_seeker_id),
            history::requisition_id.eq(entry.requisition_id),
            history::kind.eq(entry.kind.as_str()),
            history::summary.eq(&entry.summary),
            history::details.eq(entry.details.to_string()),
        ))
        .execute(conn)?;
    Ok(())
}
