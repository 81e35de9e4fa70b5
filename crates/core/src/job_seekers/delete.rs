//! Deleting a job seeker or one of their applications. History keeps what was deleted: the entry's details
//! hold the deleted values, and history rows are never deleted with the job seeker.

use super::applications::{Disposition, Standing, STANDING};
use super::detail::load_profile;
use crate::accounts::SignedInUser;
use crate::command::{Context, Handle};
use crate::db::schema::{applications, job_seekers, requisitions};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Entry, HistoryKind};
use crate::time;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{DeleteApplicationRequest, DeleteJobSeekerRequest, ErrorKind, JobSeekerDetail, Stage};

/// What History keeps of a deleted application: the requisition, the stage and the disposition, by name.
fn deleted(title: &str, stage: Stage, disposition: Option<Disposition>) -> serde_json::Value {
    let disposition = disposition.map(Disposition::label);
    serde_json::json!({ "requisition": title, "stage": stage.label(), "disposition": disposition })
}

/// Deletes the job seeker with their applications and forms.
pub fn delete_job_seeker(conn: &mut DbConn, user: &SignedInUser, id: i32, now: DateTime<Utc>) -> CoreResult<()> {
    crate::db::write(conn, |conn| {
        let profile = load_profile(conn, id)?;
        let applied: Vec<(String, Stored<Stage>, Option<Disposition>)> = applications::table
            .inner_join(requisitions::table)
            .filter(applications::job_seeker_id.eq(id))
            .select((requisitions::title, applications::stage, applications::disposition))
            .load(conn)?;
        diesel::delete(job_seekers::table.find(id)).execute(conn)?;
        let applications: Vec<serde_json::Value> =
            applied.iter().map(|(title, Stored(stage), disposition)| deleted(title, *stage, *disposition)).collect();
        history::record(
            conn,
            &Entry::about(
                now,
                user.user.actor(),
                HistoryKind::JobSeekerDeleted,
                id,
                None,
                format!("Deleted job seeker {} {} <{}>", profile.first_name, profile.last_name, profile.email),
            )
            .with_details(serde_json::json!({ "profile": profile, "applications": applications })),
        )
    })
}

/// Deletes one application with its forms; the job seeker's only application cannot be deleted (delete the
/// job seeker instead). Returns the job seeker's id.
pub fn delete_application(
    conn: &mut DbConn,
    user: &SignedInUser,
    application_id: i32,
    now: DateTime<Utc>,
) -> CoreResult<i32> {
    crate::db::write(conn, |conn| {
        let found: Option<Standing> = applications::table
            .inner_join(requisitions::table)
            .filter(applications::id.eq(application_id))
            .select(STANDING)
            .first(conn)
            .optional()?;
        let Standing { job_seeker_id, requisition_id, title, stage, disposition } =
            found.ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This application no longer exists."))?;
        let count: i64 =
            applications::table.filter(applications::job_seeker_id.eq(job_seeker_id)).count().get_result(conn)?;
        if count <= 1 {
            return Err(CoreError::user(
                ErrorKind::Conflict,
                "This is the job seeker's only application. Delete the job seeker instead.",
            ));
        }
        diesel::delete(applications::table.find(application_id)).execute(conn)?;
        diesel::update(job_seekers::table.find(job_seeker_id))
            .set(job_seekers::last_activity_at.eq(time::to_millis(now)))
            .execute(conn)?;
        history::record(
            conn,
            &Entry::about(
                now,
                user.user.actor(),
                HistoryKind::ApplicationDeleted,
                job_seeker_id,
                Some(requisition_id),
                format!("Deleted the application for {title} (stage {})", stage.label()),
            )
            .with_details(deleted(&title, stage, disposition)),
        )?;
        Ok(job_seeker_id)
    })
}

// The commands that delete a job seeker or one application, after the UI's confirmation.

impl Handle for DeleteJobSeekerRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<()> {
        delete_job_seeker(cx.conn, &cx.user, self.id, cx.now)
    }
}

impl Handle for DeleteApplicationRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<JobSeekerDetail> {
        let id = delete_application(cx.conn, &cx.user, self.application_id, cx.now)?;
        super::get(cx.conn, id, cx.zone)
    }
}
