//! The append-only History log (SPEC HI-1). Every mutation calls [`record`] inside its own transaction, so
//! a change and its history line are committed together or not at all. The database refuses UPDATE and
//! DELETE on the table (triggers in the first migration), so not even a bug here can rewrite history.

mod query;

pub(crate) use query::write_changes;
pub use query::{count, page, page_plan, raw_page, rows, RawPage, Row};

use crate::db::schema::history;
use crate::db::stored::{text_column, StoredName};
use crate::db::DbConn;
use crate::error::CoreResult;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::FieldChange;

/// Declares [`HistoryKind`] from one table, so a kind's stored name and its label cannot drift apart.
macro_rules! history_kinds {
    ($($variant:ident => $name:literal, $label:literal;)+) => {
        /// What happened, as stored in `history.kind` (a kind this version does not know is an error when read).
        /// Later features add their kinds to the table below.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, diesel::AsExpression, diesel::FromSqlRow)]
        #[diesel(sql_type = diesel::sql_types::Text)]
        pub enum HistoryKind { $($variant),+ }

        impl HistoryKind {
            /// Every kind, in the table's order.
            pub const ALL: &'static [HistoryKind] = &[$(HistoryKind::$variant),+];

            /// The name stored in the database.
            pub const fn as_str(self) -> &'static str {
                match self { $(HistoryKind::$variant => $name),+ }
            }

            /// The name the History tab shows.
            pub const fn label(self) -> &'static str {
                match self { $(HistoryKind::$variant => $label),+ }
            }

            /// The kind stored as `kind`, if it is one.
            pub fn parse(kind: &str) -> Option<HistoryKind> {
                match kind { $($name => Some(HistoryKind::$variant),)+ _ => None }
            }
        }
    };
}

history_kinds! {
    AccountCreated => "account_created", "Account created";
    DemoDataLoaded => "demo_data_loaded", "Demo data loaded";
    SignedIn => "signed_in", "Signed in";
    SignedOut => "signed_out", "Signed out";
    SignInFailed => "sign_in_failed", "Failed sign-in";
    AccountLocked => "account_locked", "Account locked";
    PasswordChanged => "password_changed", "Password changed";
    Applied => "applied", "Application";
    ProfileEdited => "profile_edited", "Data entry";
    StageChanged => "stage_changed", "Stage";
    DispositionChanged => "disposition_changed", "Disposition";
    FormCompleted => "form_completed", "Form completed";
    FormReopened => "form_reopened", "Form reopened";
    JobSeekerDeleted => "job_seeker_deleted", "Job seeker deleted";
    ApplicationDeleted => "application_deleted", "Application deleted";
    RequisitionCreated => "requisition_created", "Requisition created";
    RequisitionEdited => "requisition_edited", "Requisition edited";
    ContactChanged => "contact_changed", "Contact information changed";
    SettingsChanged => "settings_changed", "Settings changed";
    SecurityQuestionsChanged => "security_questions_changed", "Security questions changed";
    PasswordRecovered => "password_recovered", "Password recovered";
    PasswordReset => "password_reset", "Password reset";
    UserDeactivated => "user_deactivated", "User deactivated";
    UserReactivated => "user_reactivated", "User reactivated";
    UserUnlocked => "user_unlocked", "User unlocked";
    PolicyChanged => "policy_changed", "Security policy changed";
    MailSettingsChanged => "mail_settings_changed", "Mail settings changed";
    NoteAdded => "note_added", "Note added";
    TaskAdded => "task_added", "Task added";
    NoteEdited => "note_edited", "Note edited";
    NoteDeleted => "note_deleted", "Note deleted";
    TaskCompleted => "task_completed", "Task completed";
    TaskReopened => "task_reopened", "Task reopened";
    DraftKept => "draft_kept", "Draft kept";
    DraftOffered => "draft_offered", "Draft offered back";
    Exported => "exported", "Export";
    OfferGenerated => "offer_generated", "Offer generated";
    OfferEdited => "offer_edited", "Offer edited";
    OfferApprovalRequested => "offer_approval_requested", "Offer approval requested";
    OfferApproved => "offer_approved", "Offer approved";
    OfferSent => "offer_sent", "Offer sent";
    OfferAccepted => "offer_accepted", "Offer accepted";
    OfferDeclined => "offer_declined", "Offer declined";
    OfferRescinded => "offer_rescinded", "Offer rescinded";
    OfferExpired => "offer_expired", "Offer expired";
    EmailResent => "email_resent", "Email resent";
    OfferTemplateSaved => "offer_template_saved", "Offer template saved";
}

impl HistoryKind {
    /// The kinds that concern a job seeker, in the order the History filter offers them.
    pub const JOB_SEEKER_KINDS: [HistoryKind; 24] = [
        HistoryKind::Applied,
        HistoryKind::ProfileEdited,
        HistoryKind::StageChanged,
        HistoryKind::DispositionChanged,
        HistoryKind::FormCompleted,
        HistoryKind::FormReopened,
        HistoryKind::NoteAdded,
        HistoryKind::TaskAdded,
        HistoryKind::NoteEdited,
        HistoryKind::NoteDeleted,
        HistoryKind::TaskCompleted,
        HistoryKind::TaskReopened,
        HistoryKind::OfferGenerated,
        HistoryKind::OfferEdited,
        HistoryKind::OfferApprovalRequested,
        HistoryKind::OfferApproved,
        HistoryKind::OfferSent,
        HistoryKind::OfferAccepted,
        HistoryKind::OfferDeclined,
        HistoryKind::OfferRescinded,
        HistoryKind::OfferExpired,
        HistoryKind::EmailResent,
        HistoryKind::ApplicationDeleted,
        HistoryKind::JobSeekerDeleted,
    ];
}

impl StoredName for HistoryKind {
    const WHAT: &'static str = "History kind";

    fn stored_name(self) -> &'static str {
        self.as_str()
    }

    fn from_stored_name(name: &str) -> Option<Self> {
        Self::parse(name)
    }
}

text_column!(HistoryKind);

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
    /// An entry about a job seeker (and the requisition concerned, if any), with no structured detail.
    pub fn about(
        at: DateTime<Utc>,
        actor: Actor<'a>,
        kind: HistoryKind,
        job_seeker_id: i32,
        requisition_id: Option<i32>,
        summary: impl Into<String>,
    ) -> Self {
        Entry { job_seeker_id: Some(job_seeker_id), requisition_id, ..Entry::account(at, actor, kind, summary) }
    }

    /// The same entry with structured detail (old and new values, what was deleted).
    pub fn with_details(self, details: serde_json::Value) -> Self {
        Entry { details, ..self }
    }

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

/// A row of `history` to write.
#[derive(Insertable)]
#[diesel(table_name = history)]
struct NewEntry<'a> {
    at: i64,
    actor_user_id: Option<i32>,
    actor_email: &'a str,
    job_seeker_id: Option<i32>,
    requisition_id: Option<i32>,
    kind: HistoryKind,
    summary: &'a str,
    details: String,
}

/// Appends one entry. Call it inside the transaction of the change it records.
pub fn record(conn: &mut DbConn, entry: &Entry<'_>) -> CoreResult<()> {
    let row = NewEntry {
        at: crate::time::to_millis(entry.at),
        actor_user_id: entry.actor.user_id,
        actor_email: entry.actor.email,
        job_seeker_id: entry.job_seeker_id,
        requisition_id: entry.requisition_id,
        kind: entry.kind,
        summary: &entry.summary,
        details: entry.details.to_string(),
    };
    diesel::insert_into(history::table).values(row).execute(conn)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_stored_name_that_parses_back() {
        let mut names = std::collections::HashSet::new();
        for kind in HistoryKind::ALL {
            assert!(names.insert(kind.as_str()), "{} twice", kind.as_str());
            assert_eq!(HistoryKind::parse(kind.as_str()), Some(*kind));
        }
        assert_eq!(HistoryKind::parse("no_such_kind"), None);
    }
}
