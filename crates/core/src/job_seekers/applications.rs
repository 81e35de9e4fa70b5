//! Creating an application: the row, its standard forms, the "someone applies" event and its History
//! entry, all in the caller's transaction. Every way a job seeker applies (by hand, import, demo) comes here.

use crate::db::schema::{application_forms, applications, job_seekers, notification_events};
use crate::error::CoreResult;
use crate::history::{self, Actor, Entry, HistoryKind};
use crate::time;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::SqliteConnection;
use hiredesk_wire::Stage;

/// The forms every application starts with (SPEC JS-5), in the order the Forms tab lists them.
pub const STANDARD_FORMS: [&str; 4] = ["Application", "Background Check", "W-4 Tax Form", "I-9 Employment Eligibility"];

/// The form whose completion notifies users who asked for it (SPEC AC-8).
pub const BACKGROUND_CHECK: &str = "Background Check";

/// A new application to write.
#[derive(Debug)]
pub struct NewApplication<'a> {
    pub job_seeker_id: i32,
    pub requisition_id: i32,
    pub requisition_title: &'a str,
    pub stage: Stage,
    pub recruiter_user_id: Option<i32>,
    pub at: DateTime<Utc>,
    /// Who did it (the recruiter, or the applicant for a careers-site application) and how, for History.
    pub actor: Actor<'a>,
    pub how: &'a str,
}

/// Writes the application with its forms, its event and its one History entry. Returns its id.
pub fn create(conn: &mut SqliteConnection, new: &NewApplication<'_>) -> CoreResult<i32> {
    let at = time::to_millis(new.at);
    let id: i32 = diesel::insert_into(applications::table)
        .values((
            applications::job_seeker_id.eq(new.job_seeker_id),
            applications::requisition_id.eq(new.requisition_id),
            applications::stage.eq(new.stage.label()),
            applications::recruiter_user_id.eq(new.recruiter_user_id),
            applications::applied_at.eq(at),
        ))
        .returning(applications::id)
        .get_result(conn)?;
    let forms: Vec<_> = STANDARD_FORMS
        .iter()
        .zip(1..)
        .map(|(name, position)| {
            (
                application_forms::application_id.eq(id),
                application_forms::name.eq(*name),
                application_forms::position.eq(position),
            )
        })
        .collect();
    diesel::insert_into(application_forms::table).values(&forms).execute(conn)?;
    diesel::insert_into(notification_events::table)
        .values((
            notification_events::kind.eq("someone_applies"),
            notification_events::job_seeker_id.eq(new.job_seeker_id),
            notification_events::requisition_id.eq(new.requisition_id),
            notification_events::application_id.eq(id),
            notification_events::created_at.eq(at),
        ))
        .execute(conn)?;
    diesel::update(job_seekers::table.find(new.job_seeker_id))
        .set(job_seekers::last_activity_at.eq(at))
        .execute(conn)?;
    history::record(
        conn,
        &Entry::about(
            new.at,
            new.actor,
            HistoryKind::Applied,
            new.job_seeker_id,
            Some(new.requisition_id),
            format!("Applied for {} ({})", new.requisition_title, new.how),
        )
        .with_details(serde_json::json!({ "stage": new.stage.label(), "how": new.how })),
    )?;
    Ok(id)
}
