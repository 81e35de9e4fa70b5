//! Intake (SPEC JS-6): adding a job seeker by hand and importing many from a careers site's CSV or XLSX
//! export. A known email gains an application instead of a second job seeker; the same email never applies
//! twice to the same requisition.

mod import;
pub(crate) mod sheet;

pub use import::{commit, preview};

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::schema::{applications, job_seekers, requisitions};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::job_seekers::applications::{self as new_applications, NewApplication};
use crate::job_seekers::{normalised, validate};
use crate::time;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{AddJobSeekerRequest, FieldError, IpcError, JobSeekerDetail, JobSeekerProfile, Stage};

/// The largest file an import takes. The shell checks a chosen file against it before reading a byte.
pub const MAX_IMPORT_BYTES: u64 = sheet::Bounds::IMPORT.file_bytes as u64;

/// The refusal of a file larger than [`MAX_IMPORT_BYTES`], at the file field.
pub fn file_too_large() -> CoreError {
    sheet::too_large(&sheet::Bounds::IMPORT)
}

/// Reads a file chosen for an import, refusing one larger than [`MAX_IMPORT_BYTES`] from its size before
/// reading it, and never reading more than that (the file may grow after its size was read), so an
/// accepted file costs at most its own size in memory.
pub fn read_file(path: &std::path::Path) -> CoreResult<Vec<u8>> {
    use std::io::Read;
    let unreadable = |error: std::io::Error| {
        CoreError::field("file", format!("The file {} could not be read: {error}", path.display()))
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let size = file.metadata().map_err(unreadable)?.len();
    if size > MAX_IMPORT_BYTES {
        return Err(file_too_large());
    }
    // One byte beyond the bound tells a file that grew past it from one that fills it exactly.
    let mut content = Vec::with_capacity(size as usize);
    file.take(MAX_IMPORT_BYTES + 1).read_to_end(&mut content).map_err(unreadable)?;
    if content.len() as u64 > MAX_IMPORT_BYTES {
        return Err(file_too_large());
    }
    Ok(content)
}

/// The requisition's title, or a message at the requisition field.
fn requisition_title(conn: &mut DbConn, requisition_id: Option<i32>) -> CoreResult<(i32, String)> {
    let Some(id) = requisition_id else {
        return Err(CoreError::field("requisition_id", "Choose the requisition the job seeker applies for."));
    };
    let title: Option<String> = requisitions::table.find(id).select(requisitions::title).first(conn).optional()?;
    title
        .map(|title| (id, title))
        .ok_or_else(|| CoreError::field("requisition_id", "This requisition no longer exists."))
}

/// The job seeker with this email, whatever its case, if any.
fn existing_job_seeker(conn: &mut DbConn, email: &str) -> CoreResult<Option<i32>> {
    Ok(job_seekers::table
        .filter(crate::db::lower(job_seekers::email).eq(email.to_lowercase()))
        .order(job_seekers::id)
        .select(job_seekers::id)
        .first(conn)
        .optional()?)
}

fn has_applied(conn: &mut DbConn, job_seeker_id: i32, requisition_id: i32) -> CoreResult<bool> {
    Ok(diesel::select(diesel::dsl::exists(
        applications::table
            .filter(applications::job_seeker_id.eq(job_seeker_id))
            .filter(applications::requisition_id.eq(requisition_id)),
    ))
    .get_result(conn)?)
}

/// A new row of `job_seekers`: the profile (already normalised) and when the job seeker arrived. The demo
/// writes its job seekers with it too.
#[derive(Insertable)]
#[diesel(table_name = job_seekers)]
pub(crate) struct JobSeekerRow<'a> {
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    pub phone: &'a str,
    pub address_line1: &'a str,
    pub address_line2: &'a str,
    pub city: &'a str,
    pub state: &'a str,
    pub postal_code: &'a str,
    pub created_at: i64,
    pub last_activity_at: i64,
}

fn insert_job_seeker(conn: &mut DbConn, profile: &JobSeekerProfile, now: DateTime<Utc>) -> CoreResult<i32> {
    let at = time::to_millis(now);
    let row = JobSeekerRow {
        first_name: &profile.first_name,
        last_name: &profile.last_name,
        email: &profile.email,
        phone: &profile.phone,
        address_line1: &profile.address_line1,
        address_line2: &profile.address_line2,
        city: &profile.city,
        state: &profile.state,
        postal_code: &profile.postal_code,
        created_at: at,
        last_activity_at: at,
    };
    Ok(diesel::insert_into(job_seekers::table).values(row).returning(job_seekers::id).get_result(conn)?)
}

/// Writes a new application entered by the signed-in recruiter (by hand or by import): stage New, the
/// recruiter assigned, its forms, event and History entry.
fn apply(
    conn: &mut DbConn,
    user: &SignedInUser,
    job_seeker_id: i32,
    (requisition_id, title): (i32, &str),
    how: &str,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    new_applications::create(
        conn,
        &NewApplication {
            job_seeker_id,
            requisition_id,
            requisition_title: title,
            stage: Stage::New,
            recruiter_user_id: Some(user.user.id),
            at: now,
            actor: user.user.actor(),
            how,
        },
    )?;
    Ok(())
}

/// Adds one job seeker (or an application for a known email) to a requisition. Returns the job seeker's id.
pub fn add(
    conn: &mut DbConn,
    user: &SignedInUser,
    requisition_id: Option<i32>,
    profile: &JobSeekerProfile,
    now: DateTime<Utc>,
) -> CoreResult<i32> {
    validate(profile)?;
    let profile = normalised(profile);
    crate::db::write(conn, |conn| {
        let (requisition_id, title) = requisition_title(conn, requisition_id)?;
        let job_seeker_id = match existing_job_seeker(conn, &profile.email)? {
            Some(id) if has_applied(conn, id, requisition_id)? => {
                return Err(CoreError::User(IpcError::validation(vec![FieldError {
                    field: "email".into(),
                    message: format!("A job seeker with this email has already applied for {title}."),
                }])));
            }
            Some(id) => id,
            None => insert_job_seeker(conn, &profile, now)?,
        };
        apply(conn, user, job_seeker_id, (requisition_id, &title), "added by hand", now)?;
        Ok(job_seeker_id)
    })
}

// The command of Add Job Seeker; the new application is a notice (SPEC AC-8).

impl Handle for AddJobSeekerRequest {
    const WAKES: Wakes = Wakes::NOTICES;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<JobSeekerDetail> {
        let id = add(cx.conn, &cx.user, self.requisition_id, &self.profile, cx.now)?;
        crate::job_seekers::get(cx.conn, id, cx.zone)
    }
}
