//! Marking an application's form completed, or back (SPEC JS-5).

use super::applications::BACKGROUND_CHECK;
use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::schema::{application_forms, applications, job_seekers, requisitions};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, changes_details, Entry, HistoryKind};
use crate::notices::{self, NotificationKind};
use crate::time;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{ErrorKind, FieldChange, JobSeekerDetail, SetFormCompletedRequest};

/// When and by whom a form was completed; both `None` (NULL) when it is marked not completed.
#[derive(AsChangeset)]
#[diesel(table_name = application_forms, treat_none_as_null = true)]
struct Completion<'a> {
    completed_at: Option<i64>,
    completed_by_email: Option<&'a str>,
}

/// Sets the form's completion; returns the job seeker's id. Completing a Background Check also records
/// the event its notification is sent from.
pub fn set_completed(
    conn: &mut DbConn,
    user: &SignedInUser,
    form_id: i32,
    completed: bool,
    now: DateTime<Utc>,
) -> CoreResult<i32> {
    crate::db::write(conn, |conn| {
        let found: Option<(String, Option<i64>, i32, i32, i32, String)> = application_forms::table
            .inner_join(applications::table.inner_join(requisitions::table))
            .filter(application_forms::id.eq(form_id))
            .select((
                application_forms::name,
                application_forms::completed_at,
                applications::id,
                applications::job_seeker_id,
                applications::requisition_id,
                requisitions::title,
            ))
            .first(conn)
            .optional()?;
        let (name, completed_at, application_id, job_seeker_id, requisition_id, title) = found.ok_or_else(|| {
            CoreError::user(ErrorKind::NotFound, "This form no longer exists. Its application may have been deleted.")
        })?;
        if completed_at.is_some() == completed {
            return Ok(job_seeker_id);
        }
        let at = time::to_millis(now);
        let completion = Completion {
            completed_at: completed.then_some(at),
            completed_by_email: completed.then_some(user.user.email.as_str()),
        };
        diesel::update(application_forms::table.find(form_id)).set(completion).execute(conn)?;
        diesel::update(job_seekers::table.find(job_seeker_id))
            .set(job_seekers::last_activity_at.eq(at))
            .execute(conn)?;
        if completed && name == BACKGROUND_CHECK {
            let kind = NotificationKind::BackgroundCheckCompleted;
            notices::record_event(conn, kind, job_seeker_id, requisition_id, application_id, at)?;
        }
        let (kind, summary, old, new) = if completed {
            (HistoryKind::FormCompleted, format!("{name} form completed for {title}"), "Not completed", "Completed")
        } else {
            (
                HistoryKind::FormReopened,
                format!("{name} form marked not completed for {title}"),
                "Completed",
                "Not completed",
            )
        };
        let change = FieldChange { field: name.clone(), old: old.to_owned(), new: new.to_owned() };
        history::record(
            conn,
            &Entry::about(now, user.user.actor(), kind, job_seeker_id, Some(requisition_id), summary)
                .with_details(changes_details(&[change])),
        )?;
        Ok(job_seeker_id)
    })
}

// The command of the Forms tab; a completed Background Check is a notice (SPEC AC-8).

impl Handle for SetFormCompletedRequest {
    const WAKES: Wakes = Wakes::NOTICES;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<JobSeekerDetail> {
        let id = set_completed(cx.conn, &cx.user, self.form_id, self.completed, cx.now)?;
        super::get(cx.conn, id, cx.zone)
    }
}
