//! Whether the ids of one request belong together: an application to the job seeker it is sent with, a note to
//! its application.
//!
//! A request that names two ids (a note and its application, a job seeker and one of their applications) is
//! checked here before anything is read or written, so that a mismatched pair — a stale screen, or a forged
//! request — is refused with a clear message instead of writing History onto the wrong job seeker or showing
//! one job seeker's notes under another's name. Every signed-in user may see every job seeker, so the user's
//! rights add nothing to these checks. A requisition chosen as a History filter is a filter, not a parent: one
//! the job seeker never applied to shows an empty page.

use crate::db::schema::{applications, notes};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use diesel::prelude::*;
use hiredesk_wire::ErrorKind;

fn refusal(message: &str) -> CoreError {
    CoreError::user(ErrorKind::NotFound, message)
}

/// Refuses an application that does not exist or is another job seeker's.
pub fn application_of(conn: &mut DbConn, job_seeker_id: i32, application_id: i32) -> CoreResult<()> {
    let owner: Option<i32> =
        applications::table.find(application_id).select(applications::job_seeker_id).first(conn).optional()?;
    match owner {
        None => Err(refusal("This application no longer exists.")),
        Some(owner) if owner != job_seeker_id => {
            Err(refusal("This application is not one of this job seeker's. Open the job seeker again and retry."))
        }
        Some(_) => Ok(()),
    }
}

/// Refuses a note that does not exist or is on another application.
pub fn note_of(conn: &mut DbConn, application_id: i32, note_id: i32) -> CoreResult<()> {
    let application: Option<i32> = notes::table.find(note_id).select(notes::application_id).first(conn).optional()?;
    match application {
        None => Err(refusal("This note no longer exists. It may have been deleted.")),
        Some(application) if application != application_id => {
            Err(refusal("This note is not one of this application's. Open the job seeker again and retry."))
        }
        Some(_) => Ok(()),
    }
}
