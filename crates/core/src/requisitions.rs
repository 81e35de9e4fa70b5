//! Requisitions (SPEC JS-1): the list and the form. Creating and editing are logged in History against
//! the requisition.

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::schema::{applications, requisitions};
use crate::db::stored::Day;
use crate::db::DbConn;
use crate::error::FieldErrors;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, changes_details, Entry, HistoryKind};
use crate::time;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use hiredesk_wire::{
    ErrorKind, FieldChange, ListRequisitionsRequest, RequisitionFields, RequisitionView, SaveRequisitionRequest,
};

type Row = (i32, String, String, String, String, Option<Day>, bool);

fn view(row: Row, applicants: i64) -> RequisitionView {
    let (id, title, department, location, hiring_manager, closing_date, is_open) = row;
    // No closing date is an empty field, and no text beside it.
    let closing_date_text = closing_date.map(Day::us).unwrap_or_default();
    let closing_date = closing_date.map(|Day(date)| Day::text(date)).unwrap_or_default();
    RequisitionView {
        id,
        fields: RequisitionFields { title, department, location, hiring_manager, closing_date, is_open },
        closing_date_text,
        applicants: u32::try_from(applicants).unwrap_or(0),
    }
}

const COLUMNS: (
    requisitions::id,
    requisitions::title,
    requisitions::department,
    requisitions::location,
    requisitions::hiring_manager,
    requisitions::closing_date,
    requisitions::is_open,
) = (
    requisitions::id,
    requisitions::title,
    requisitions::department,
    requisitions::location,
    requisitions::hiring_manager,
    requisitions::closing_date,
    requisitions::is_open,
);

/// Every requisition, open ones first, each with its number of applicants.
pub fn list(conn: &mut DbConn) -> CoreResult<Vec<RequisitionView>> {
    let rows: Vec<Row> =
        requisitions::table.order((requisitions::is_open.desc(), requisitions::title)).select(COLUMNS).load(conn)?;
    let counts: Vec<(i32, i64)> = applications::table
        .group_by(applications::requisition_id)
        .select((applications::requisition_id, diesel::dsl::count_star()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let applicants = counts.iter().find(|(id, _)| *id == row.0).map_or(0, |(_, count)| *count);
            view(row, applicants)
        })
        .collect())
}

fn validate(fields: &RequisitionFields) -> CoreResult<RequisitionFields> {
    let mut errors = FieldErrors::default();
    let fields = RequisitionFields {
        title: fields.title.trim().to_owned(),
        department: fields.department.trim().to_owned(),
        location: fields.location.trim().to_owned(),
        hiring_manager: fields.hiring_manager.trim().to_owned(),
        closing_date: fields.closing_date.trim().to_owned(),
        is_open: fields.is_open,
    };
    if fields.title.is_empty() {
        errors.add("title", "Enter a title.");
    }
    if !fields.closing_date.is_empty() && NaiveDate::parse_from_str(&fields.closing_date, "%Y-%m-%d").is_err() {
        errors.add("closing_date", "Enter a real date, or leave the closing date empty.");
    }
    for (field, value) in [
        ("title", &fields.title),
        ("department", &fields.department),
        ("location", &fields.location),
        ("hiring_manager", &fields.hiring_manager),
    ] {
        crate::validation::TextRule::LINE.check(&mut errors, field, value);
    }
    crate::validation::TextRule::SHORT.check(&mut errors, "closing_date", &fields.closing_date);
    errors.finish()?;
    Ok(fields)
}

/// The columns of a requisition the form writes, added or saved (no closing date: NULL).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = requisitions, treat_none_as_null = true)]
pub(crate) struct RequisitionColumns<'a> {
    pub title: &'a str,
    pub department: &'a str,
    pub location: &'a str,
    pub hiring_manager: &'a str,
    /// `YYYY-MM-DD` ([`Day::text`]).
    pub closing_date: Option<&'a str>,
    pub is_open: bool,
}

/// Creates (`id: None`) or saves a requisition, with one History entry.
pub fn save(
    conn: &mut DbConn,
    user: &SignedInUser,
    id: Option<i32>,
    fields: &RequisitionFields,
    now: DateTime<Utc>,
) -> CoreResult<RequisitionView> {
    let fields = validate(fields)?;
    let closing = (!fields.closing_date.is_empty()).then_some(fields.closing_date.as_str());
    let id = crate::db::write(conn, |conn| {
        let values = RequisitionColumns {
            title: &fields.title,
            department: &fields.department,
            location: &fields.location,
            hiring_manager: &fields.hiring_manager,
            closing_date: closing,
            is_open: fields.is_open,
        };
        let (id, kind, summary, changes) = match id {
            None => {
                let id: i32 = diesel::insert_into(requisitions::table)
                    .values((&values, requisitions::created_at.eq(time::to_millis(now))))
                    .returning(requisitions::id)
                    .get_result(conn)?;
                (id, HistoryKind::RequisitionCreated, format!("Requisition {} created", fields.title), Vec::new())
            }
            Some(id) => {
                let old: Option<Row> = requisitions::table.find(id).select(COLUMNS).first(conn).optional()?;
                let old = view(
                    old.ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This requisition no longer exists."))?,
                    0,
                )
                .fields;
                let open = |is_open: bool| if is_open { "Open" } else { "Closed" }.to_owned();
                let changes: Vec<FieldChange> = [
                    ("Title", old.title.clone(), fields.title.clone()),
                    ("Department", old.department, fields.department.clone()),
                    ("Location", old.location, fields.location.clone()),
                    ("Hiring Manager", old.hiring_manager, fields.hiring_manager.clone()),
                    ("Closing Date", old.closing_date, fields.closing_date.clone()),
                    ("Status", open(old.is_open), open(fields.is_open)),
                ]
                .into_iter()
                .filter(|(_, old, new)| old != new)
                .map(|(field, old, new)| FieldChange { field: field.to_owned(), old, new })
                .collect();
                if changes.is_empty() {
                    return Ok(id);
                }
                diesel::update(requisitions::table.find(id)).set(&values).execute(conn)?;
                (id, HistoryKind::RequisitionEdited, format!("Requisition {} edited", fields.title), changes)
            }
        };
        history::record(
            conn,
            &Entry {
                at: now,
                actor: user.user.actor(),
                kind,
                job_seeker_id: None,
                requisition_id: Some(id),
                summary,
                details: changes_details(&changes),
            },
        )?;
        Ok::<_, CoreError>(id)
    })?;
    list(conn)?
        .into_iter()
        .find(|requisition| requisition.id == id)
        .ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This requisition no longer exists."))
}

// The commands of Requisitions; a requisition closing today may make its 07:00 notice due now.

impl Handle for ListRequisitionsRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<RequisitionView>> {
        list(cx.conn)
    }
}

impl Handle for SaveRequisitionRequest {
    const WAKES: Wakes = Wakes::NOTICES;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<RequisitionView> {
        save(cx.conn, &cx.user, self.id, &self.fields, cx.now)
    }
}
