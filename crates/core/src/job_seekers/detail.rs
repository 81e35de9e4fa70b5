//! One job seeker: reading the detail, editing the profile, and setting an application's stage and
//! disposition. Each change is one transaction with one History entry listing old and new values.

use super::applications::{Disposition, Standing, STANDING};
use super::profile::{normalised, validate};
use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::schema::{application_forms, applications, job_seekers, requisitions};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, changes_details, Entry, HistoryKind};
use crate::time::{self, UserZone};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{
    ApplicationView, ErrorKind, FieldChange, FormView, JobSeekerDetail, JobSeekerProfile, JobSeekerRequest,
    SetStageRequest, Stage, UpdateProfileRequest,
};

/// The profile columns of a `job_seekers` row, read and saved together.
#[derive(Queryable, Selectable, AsChangeset)]
#[diesel(table_name = job_seekers)]
struct ProfileRow {
    first_name: String,
    last_name: String,
    email: String,
    phone: String,
    address_line1: String,
    address_line2: String,
    city: String,
    state: String,
    postal_code: String,
}

impl From<JobSeekerProfile> for ProfileRow {
    fn from(profile: JobSeekerProfile) -> Self {
        ProfileRow {
            first_name: profile.first_name,
            last_name: profile.last_name,
            email: profile.email,
            phone: profile.phone,
            address_line1: profile.address_line1,
            address_line2: profile.address_line2,
            city: profile.city,
            state: profile.state,
            postal_code: profile.postal_code,
        }
    }
}

impl From<ProfileRow> for JobSeekerProfile {
    fn from(row: ProfileRow) -> Self {
        JobSeekerProfile {
            first_name: row.first_name,
            last_name: row.last_name,
            email: row.email,
            phone: row.phone,
            address_line1: row.address_line1,
            address_line2: row.address_line2,
            city: row.city,
            state: row.state,
            postal_code: row.postal_code,
        }
    }
}

/// (form id, application id, name, completed at, completed by)
type FormRow = (i32, i32, String, Option<i64>, Option<String>);

fn not_found() -> CoreError {
    CoreError::user(ErrorKind::NotFound, "This job seeker no longer exists. They may have been deleted.")
}

pub(super) fn load_profile(conn: &mut DbConn, id: i32) -> CoreResult<JobSeekerProfile> {
    let row: Option<ProfileRow> = job_seekers::table.find(id).select(ProfileRow::as_select()).first(conn).optional()?;
    row.map(JobSeekerProfile::from).ok_or_else(not_found)
}

/// An application as the detail lists it, with its requisition's title.
#[derive(Queryable)]
struct ApplicationRow {
    id: i32,
    requisition_id: i32,
    requisition: String,
    #[diesel(deserialize_as = Stored<Stage>)]
    stage: Stage,
    disposition: Option<Disposition>,
    applied_at: i64,
}

/// The job seeker with their applications, newest application first.
pub fn get(conn: &mut DbConn, id: i32, zone: UserZone) -> CoreResult<JobSeekerDetail> {
    let profile = load_profile(conn, id)?;
    let rows: Vec<ApplicationRow> = applications::table
        .inner_join(requisitions::table)
        .filter(applications::job_seeker_id.eq(id))
        .order((applications::applied_at.desc(), applications::id.desc()))
        .select((
            applications::id,
            applications::requisition_id,
            requisitions::title,
            applications::stage,
            applications::disposition,
            applications::applied_at,
        ))
        .load(conn)?;
    let ids: Vec<i32> = rows.iter().map(|row| row.id).collect();
    let forms: Vec<FormRow> = application_forms::table
        .filter(application_forms::application_id.eq_any(&ids))
        .order((application_forms::position, application_forms::id))
        .select((
            application_forms::id,
            application_forms::application_id,
            application_forms::name,
            application_forms::completed_at,
            application_forms::completed_by_email,
        ))
        .load(conn)?;
    let applications = rows
        .into_iter()
        .map(|ApplicationRow { id, requisition_id, requisition, stage, disposition, applied_at }| ApplicationView {
            id,
            requisition_id,
            requisition,
            stage,
            disposition: disposition.map(|disposition| disposition.label().to_owned()),
            applied: time::render(time::from_millis(applied_at), zone),
            forms: forms
                .iter()
                .filter(|form| form.1 == id)
                .map(|(form_id, _, name, completed_at, completed_by)| FormView {
                    id: *form_id,
                    name: name.clone(),
                    completed_on: completed_at
                        .map(|at| time::to_local(time::from_millis(at), zone).wall.format("%m/%d/%Y").to_string()),
                    completed_by: completed_by.clone(),
                })
                .collect(),
        })
        .collect();
    Ok(JobSeekerDetail { id, profile, applications })
}

/// The fields that differ between two profiles, by their labels on the Profile tab.
fn differences(old: &JobSeekerProfile, new: &JobSeekerProfile) -> Vec<FieldChange> {
    let pairs = [
        ("First Name", &old.first_name, &new.first_name),
        ("Last Name", &old.last_name, &new.last_name),
        ("Email", &old.email, &new.email),
        ("Phone", &old.phone, &new.phone),
        ("Address Line 1", &old.address_line1, &new.address_line1),
        ("Address Line 2", &old.address_line2, &new.address_line2),
        ("City", &old.city, &new.city),
        ("State", &old.state, &new.state),
        ("ZIP Code", &old.postal_code, &new.postal_code),
    ];
    pairs
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| FieldChange { field: field.to_owned(), old: old.clone(), new: new.clone() })
        .collect()
}

/// Saves the profile. Nothing changed: nothing written. Otherwise one History entry with every change.
pub fn update_profile(
    conn: &mut DbConn,
    user: &SignedInUser,
    request: &UpdateProfileRequest,
    now: DateTime<Utc>,
    zone: UserZone,
) -> CoreResult<JobSeekerDetail> {
    validate(&request.profile)?;
    let new = normalised(&request.profile);
    crate::db::write(conn, |conn| {
        let old = load_profile(conn, request.id)?;
        let changes = differences(&old, &new);
        if changes.is_empty() {
            return Ok(());
        }
        diesel::update(job_seekers::table.find(request.id))
            .set((ProfileRow::from(new.clone()), job_seekers::last_activity_at.eq(time::to_millis(now))))
            .execute(conn)?;
        let fields: Vec<&str> = changes.iter().map(|change| change.field.as_str()).collect();
        history::record(
            conn,
            &Entry::about(
                now,
                user.user.actor(),
                HistoryKind::ProfileEdited,
                request.id,
                None,
                format!("Edited {}", fields.join(", ")),
            )
            .with_details(changes_details(&changes)),
        )
    })?;
    get(conn, request.id, zone)
}

/// An application's stage and disposition, set together (no disposition: NULL).
#[derive(AsChangeset)]
#[diesel(table_name = applications, treat_none_as_null = true)]
pub(crate) struct StageColumns {
    #[diesel(serialize_as = Stored<Stage>)]
    pub stage: Stage,
    pub disposition: Option<Disposition>,
}

/// Sets an application's stage and disposition. One History entry: a stage change (listing a disposition
/// change made with it), or a disposition change alone.
pub fn set_stage(
    conn: &mut DbConn,
    user: &SignedInUser,
    request: &SetStageRequest,
    now: DateTime<Utc>,
    zone: UserZone,
) -> CoreResult<JobSeekerDetail> {
    let disposition = match request.disposition.as_deref().map(str::trim).filter(|text| !text.is_empty()) {
        None => None,
        Some(typed) => Some(Disposition::from_label(typed).ok_or_else(|| {
            CoreError::field("disposition", format!("Choose a disposition from the list, not {typed:?}."))
        })?),
    };
    let job_seeker_id = crate::db::write(conn, |conn| {
        let found: Option<Standing> = applications::table
            .inner_join(requisitions::table)
            .filter(applications::id.eq(request.application_id))
            .select(STANDING)
            .first(conn)
            .optional()?;
        let Standing { job_seeker_id, requisition_id, title, stage: old_stage, disposition: old_disposition } = found
            .ok_or_else(
            || CoreError::user(ErrorKind::NotFound, "This application no longer exists. It may have been deleted."),
        )?;
        let (old_label, new_label) = (old_stage.label(), request.stage.label());
        let label = |disposition: Option<Disposition>| disposition.map(Disposition::label);
        let mut changes = Vec::new();
        if old_stage != request.stage {
            changes.push(FieldChange { field: "Stage".into(), old: old_label.into(), new: new_label.into() });
        }
        if old_disposition != disposition {
            changes.push(FieldChange {
                field: "Disposition".into(),
                old: label(old_disposition).unwrap_or_default().to_owned(),
                new: label(disposition).unwrap_or_default().to_owned(),
            });
        }
        let Some(first) = changes.first() else { return Ok(job_seeker_id) };
        let (kind, summary) = if first.field == "Stage" {
            (HistoryKind::StageChanged, format!("Stage changed from {old_label} to {new_label} for {title}"))
        } else {
            (
                HistoryKind::DispositionChanged,
                format!("Disposition set to {} for {title}", label(disposition).unwrap_or("none")),
            )
        };
        diesel::update(applications::table.find(request.application_id))
            .set(StageColumns { stage: request.stage, disposition })
            .execute(conn)?;
        diesel::update(job_seekers::table.find(job_seeker_id))
            .set(job_seekers::last_activity_at.eq(time::to_millis(now)))
            .execute(conn)?;
        history::record(
            conn,
            &Entry::about(now, user.user.actor(), kind, job_seeker_id, Some(requisition_id), summary)
                .with_details(changes_details(&changes)),
        )?;
        Ok::<_, CoreError>(job_seeker_id)
    })?;
    get(conn, job_seeker_id, zone)
}

// The commands of the job seeker detail: opening it, editing the profile, and an application's stage (a stage
// may make an approval step due again: the notices look at once).

impl Handle for JobSeekerRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<JobSeekerDetail> {
        get(cx.conn, self.id, cx.zone)
    }
}

impl Handle for UpdateProfileRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<JobSeekerDetail> {
        update_profile(cx.conn, &cx.user, self, cx.now, cx.zone)
    }
}

impl Handle for SetStageRequest {
    const WAKES: Wakes = Wakes::NOTICES;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<JobSeekerDetail> {
        set_stage(cx.conn, &cx.user, self, cx.now, cx.zone)
    }
}
