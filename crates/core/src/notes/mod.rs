//! Notes and tasks (SPEC NT-1 to NT-5). A note belongs to an application and is labelled with its date of
//! entry and its author's email; a task is a note with a due date, typed `MM/DD/YYYY`. Every action is in
//! History. The Home To-Do widget lists the user's open tasks, overdue first.
//!
//! A team desktop that could not reach the server keeps new notes on the computer and replays them later with
//! a key of its own and the time they were written ([`save`]): a key saves once, however often it is replayed,
//! and the time is checked so that a replay cannot write the past.
//!
//! The To-Do list and the open tasks the reminders read are in `tasks.rs`; the note kept at the idle timeout in
//! `drafts.rs`.

mod drafts;
mod tasks;

pub use drafts::{keep_draft, take_draft};
pub use tasks::todo;
pub(crate) use tasks::{open_tasks, OpenTask};

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::schema::{applications, job_seekers, notes, requisitions, sessions};
use crate::db::stored::Day;
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, changes_details, Entry, HistoryKind};
use crate::job_seekers::belongs;
use crate::time::{self, UserZone};
use crate::validation::TextRule;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use hiredesk_wire::{
    DeleteNoteRequest, ErrorKind, FieldChange, NoteView, NotesRequest, SaveNoteRequest, SetTaskCompletedRequest,
};

/// The longest client key of a note written offline (a UUID is 36).
const MAX_CLIENT_KEY: usize = 64;
/// How far ahead of the server's clock a desktop's may be: a note "written" later than that is refused, one
/// within it is taken as written now.
const CLOCK_ALLOWANCE: chrono::TimeDelta = chrono::TimeDelta::minutes(2);

/// Why a typed due date was refused; the message says what to type instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DueDateError {
    #[error("Enter the due date as MM/DD/YYYY, for example 03/15/2026.")]
    Shape,
    #[error("{0} is not a date on the calendar. Check the month and the day.")]
    NotOnCalendar(String),
}

/// Reads a due date typed as two-digit month, two-digit day and four-digit year (`02/28/2026`), refusing
/// other forms and days that do not exist.
pub fn parse_due_date(text: &str) -> Result<NaiveDate, DueDateError> {
    let text = text.trim();
    let parts: Vec<&str> = text.split('/').collect();
    let shaped = parts.len() == 3
        && parts[0].len() == 2
        && parts[1].len() == 2
        && parts[2].len() == 4
        && parts.iter().all(|part| part.chars().all(|c| c.is_ascii_digit()));
    if !shaped {
        return Err(DueDateError::Shape);
    }
    NaiveDate::parse_from_str(text, "%m/%d/%Y").map_err(|_| DueDateError::NotOnCalendar(text.to_owned()))
}

/// A note as read: (id, application id, requisition title, text, author email, is task, due date, completed
/// at, created at, job seeker id).
pub(crate) type Row = (i32, i32, String, String, String, bool, Option<Day>, Option<i64>, i64, i32);

fn view(row: Row, today: NaiveDate, zone: UserZone) -> NoteView {
    let (id, application_id, requisition, text, author_email, is_task, due, completed_at, created_at, _) = row;
    let due = due.map(|Day(due)| due);
    NoteView {
        id,
        application_id,
        requisition,
        text,
        author_email,
        entered_on: time::to_local(time::from_millis(created_at), zone).wall.format("%m/%d/%Y").to_string(),
        is_task,
        due_date: due.map(|due| due.format("%m/%d/%Y").to_string()),
        completed: completed_at.is_some(),
        overdue: is_task && completed_at.is_none() && due.is_some_and(|due| due < today),
        kept_on_this_computer: false,
    }
}

/// The notes of a job seeker, newest first: of one application or all, or only the note `only`.
pub(crate) fn load(
    conn: &mut DbConn,
    job_seeker_id: i32,
    application_id: Option<i32>,
    only: Option<i32>,
) -> CoreResult<Vec<Row>> {
    let mut selection = notes::table
        .inner_join(applications::table.inner_join(requisitions::table))
        .filter(notes::job_seeker_id.eq(job_seeker_id))
        .into_boxed();
    if let Some(application_id) = application_id {
        selection = selection.filter(notes::application_id.eq(application_id));
    }
    if let Some(id) = only {
        selection = selection.filter(notes::id.eq(id));
    }
    Ok(selection
        .order((notes::created_at.desc(), notes::id.desc()))
        .select((
            notes::id,
            notes::application_id,
            requisitions::title,
            notes::text,
            notes::author_email,
            notes::is_task,
            notes::due_date,
            notes::completed_at,
            notes::created_at,
            notes::job_seeker_id,
        ))
        .load(conn)?)
}

/// The notes of a job seeker, newest first: of one application, or of all.
pub fn list(
    conn: &mut DbConn,
    job_seeker_id: i32,
    application_id: Option<i32>,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<Vec<NoteView>> {
    check(conn, job_seeker_id, application_id)?;
    let today = time::to_local(now, zone).wall.date();
    Ok(load(conn, job_seeker_id, application_id, None)?.into_iter().map(|row| view(row, today, zone)).collect())
}

/// Refuses the notes of an application that is not this job seeker's (the tab, its export and its printout).
pub(crate) fn check(conn: &mut DbConn, job_seeker_id: i32, application_id: Option<i32>) -> CoreResult<()> {
    match application_id {
        Some(application_id) => belongs::application_of(conn, job_seeker_id, application_id),
        None => Ok(()),
    }
}

fn one(conn: &mut DbConn, id: i32, zone: UserZone, now: DateTime<Utc>) -> CoreResult<NoteView> {
    let job_seeker_id: Option<i32> = notes::table.find(id).select(notes::job_seeker_id).first(conn).optional()?;
    let job_seeker_id = job_seeker_id.ok_or_else(gone)?;
    let today = time::to_local(now, zone).wall.date();
    load(conn, job_seeker_id, None, Some(id))?.into_iter().next().map(|row| view(row, today, zone)).ok_or_else(gone)
}

fn gone() -> CoreError {
    CoreError::user(ErrorKind::NotFound, "This note no longer exists. It may have been deleted.")
}

fn summary_of(text: &str) -> String {
    let first: String = text.lines().next().unwrap_or_default().chars().take(60).collect();
    if first.chars().count() < text.chars().count() {
        format!("{first}…")
    } else {
        first
    }
}

/// What a note says and when it was last changed: written when it is added, and again when it is saved. A note
/// has no due date (NULL).
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = notes, treat_none_as_null = true)]
struct NoteContent<'a> {
    text: &'a str,
    is_task: bool,
    due_date: Option<&'a str>,
    updated_at: i64,
}

/// A new row of `notes`.
#[derive(Insertable)]
#[diesel(table_name = notes)]
struct NoteRow<'a> {
    application_id: i32,
    job_seeker_id: i32,
    author_user_id: i32,
    author_email: &'a str,
    #[diesel(embed)]
    content: NoteContent<'a>,
    created_at: i64,
    client_key: Option<&'a str>,
}

/// Adds or saves a note (or task), with one History entry. A new note with a client key already saved (by
/// this author) answers the note saved with it and writes nothing; with a written-at time, the note and its
/// History line carry that time.
pub fn save(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &SaveNoteRequest,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<NoteView> {
    let key = request.client_key.as_deref();
    if let Some(key) = key {
        check_client_key(key, request)?;
        if let Some(id) = saved_with_key(conn, signed_in, key)? {
            return one(conn, id, zone, now);
        }
    }
    let written = written_time(conn, signed_in, request, now)?;
    match save_once(conn, signed_in, request, written) {
        // Two replays of one key at once: the unique key let one insert; the other answers its note.
        Err(CoreError::Database(diesel::result::Error::DatabaseError(
            diesel::result::DatabaseErrorKind::UniqueViolation,
            _,
        ))) if key.is_some() => {
            let id = key.map(|key| saved_with_key(conn, signed_in, key)).transpose()?.flatten().ok_or_else(gone)?;
            one(conn, id, zone, now)
        }
        saved => one(conn, saved?, zone, now),
    }
}

fn check_client_key(key: &str, request: &SaveNoteRequest) -> CoreResult<()> {
    let well_formed =
        !key.is_empty() && key.len() <= MAX_CLIENT_KEY && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    if !well_formed {
        return Err(CoreError::field("client_key", "A note's key is 1 to 64 letters, digits and '-'."));
    }
    if request.id.is_some() {
        return Err(CoreError::field("client_key", "Only a new note is given a key of its own."));
    }
    Ok(())
}

/// The note saved with `key`, if one was; a key of another author's note is refused, not answered.
fn saved_with_key(conn: &mut DbConn, signed_in: &SignedInUser, key: &str) -> CoreResult<Option<i32>> {
    let saved: Option<(i32, i32)> = notes::table
        .filter(notes::client_key.eq(key))
        .select((notes::id, notes::author_user_id))
        .first(conn)
        .optional()?;
    match saved {
        Some((id, author)) if author == signed_in.user.id => Ok(Some(id)),
        Some(_) => Err(CoreError::user(ErrorKind::Conflict, "Another note was already saved with this key.")),
        None => Ok(None),
    }
}

/// When the note was written: now, or the replayed time, which may be neither in the future (beyond the
/// clocks' allowance) nor before the session that replays it began.
fn written_time(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &SaveNoteRequest,
    now: DateTime<Utc>,
) -> CoreResult<DateTime<Utc>> {
    let Some(millis) = request.written_at else { return Ok(now) };
    if request.id.is_some() {
        return Err(CoreError::field("written_at", "Only a new note is saved with the time it was written."));
    }
    let written = DateTime::from_timestamp_millis(millis)
        .ok_or_else(|| CoreError::field("written_at", "The time the note was written cannot be read."))?;
    if written > now + CLOCK_ALLOWANCE {
        return Err(CoreError::field(
            "written_at",
            "The note's time is in the future. Check the date and time of this computer.",
        ));
    }
    let session_began: i64 = sessions::table.find(signed_in.session_id).select(sessions::created_at).first(conn)?;
    if millis < session_began {
        return Err(CoreError::field(
            "written_at",
            "The note's time is before you signed in, so it cannot be saved with that time.",
        ));
    }
    Ok(written.min(now))
}

/// The note's transaction: the note and its History line; answers its id.
fn save_once(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &SaveNoteRequest,
    now: DateTime<Utc>,
) -> CoreResult<i32> {
    let text = request.text.trim();
    if text.is_empty() {
        return Err(CoreError::field("text", "Write the note before you save it."));
    }
    TextRule::NOTE.require("text", text)?;
    if request.is_task {
        TextRule::SHORT.require("due_date", &request.due_date)?;
    }
    let due = if request.is_task {
        Some(parse_due_date(&request.due_date).map_err(|refusal| CoreError::field("due_date", refusal.to_string()))?)
    } else {
        None
    };
    let due_text = due.map(Day::text);
    let at = time::to_millis(now);
    crate::db::write(conn, |conn| {
        let application: Option<(i32, i32)> = applications::table
            .find(request.application_id)
            .select((applications::job_seeker_id, applications::requisition_id))
            .first(conn)
            .optional()?;
        let (job_seeker_id, requisition_id) =
            application.ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This application no longer exists."))?;
        let (id, kind, changes) = match request.id {
            None => {
                let note = NoteRow {
                    application_id: request.application_id,
                    job_seeker_id,
                    author_user_id: signed_in.user.id,
                    author_email: &signed_in.user.email,
                    content: NoteContent {
                        text,
                        is_task: request.is_task,
                        due_date: due_text.as_deref(),
                        updated_at: at,
                    },
                    created_at: at,
                    client_key: request.client_key.as_deref(),
                };
                let id: i32 = diesel::insert_into(notes::table).values(note).returning(notes::id).get_result(conn)?;
                (id, if request.is_task { HistoryKind::TaskAdded } else { HistoryKind::NoteAdded }, Vec::new())
            }
            Some(id) => {
                // The History line goes to the application's job seeker: it must be the note's own.
                belongs::note_of(conn, request.application_id, id)?;
                let old: Option<(String, bool, Option<Day>)> = notes::table
                    .find(id)
                    .select((notes::text, notes::is_task, notes::due_date))
                    .first(conn)
                    .optional()?;
                let (old_text, old_task, old_due) = old.ok_or_else(gone)?;
                let kind = |task: bool| if task { "Task" } else { "Note" }.to_owned();
                let changes: Vec<FieldChange> = [
                    ("Text", old_text, text.to_owned()),
                    ("Kind", kind(old_task), kind(request.is_task)),
                    // No due date (a note): an empty value in the change.
                    (
                        "Due Date",
                        old_due.map(|Day(day)| Day::text(day)).unwrap_or_default(),
                        due_text.clone().unwrap_or_default(),
                    ),
                ]
                .into_iter()
                .filter(|(_, old, new)| old != new)
                .map(|(field, old, new)| FieldChange { field: field.to_owned(), old, new })
                .collect();
                if changes.is_empty() {
                    return Ok(id);
                }
                let content =
                    NoteContent { text, is_task: request.is_task, due_date: due_text.as_deref(), updated_at: at };
                diesel::update(notes::table.find(id)).set(content).execute(conn)?;
                (id, HistoryKind::NoteEdited, changes)
            }
        };
        // A note written offline and saved later does not move the last activity back.
        diesel::update(job_seekers::table.find(job_seeker_id))
            .filter(job_seekers::last_activity_at.lt(at))
            .set(job_seekers::last_activity_at.eq(at))
            .execute(conn)?;
        let what = match (kind, due) {
            (HistoryKind::TaskAdded, Some(due)) => {
                format!("Task added, due {}: {}", due.format("%m/%d/%Y"), summary_of(text))
            }
            (HistoryKind::NoteEdited, _) => format!("Note edited: {}", summary_of(text)),
            _ => format!("Note added: {}", summary_of(text)),
        };
        history::record(
            conn,
            &Entry::about(now, signed_in.user.actor(), kind, job_seeker_id, Some(requisition_id), what)
                .with_details(changes_details(&changes)),
        )?;
        Ok::<_, CoreError>(id)
    })
}

/// Context of a note for History: (job seeker, requisition, text).
fn context(conn: &mut DbConn, id: i32) -> CoreResult<(i32, i32, String, bool, Option<i64>)> {
    let found: Option<(i32, i32, String, bool, Option<i64>)> = notes::table
        .inner_join(applications::table)
        .filter(notes::id.eq(id))
        .select((notes::job_seeker_id, applications::requisition_id, notes::text, notes::is_task, notes::completed_at))
        .first(conn)
        .optional()?;
    found.ok_or_else(gone)
}

pub fn delete(conn: &mut DbConn, signed_in: &SignedInUser, id: i32, now: DateTime<Utc>) -> CoreResult<()> {
    crate::db::write(conn, |conn| {
        let (job_seeker_id, requisition_id, text, is_task, _) = context(conn, id)?;
        diesel::delete(notes::table.find(id)).execute(conn)?;
        history::record(
            conn,
            &Entry::about(
                now,
                signed_in.user.actor(),
                HistoryKind::NoteDeleted,
                job_seeker_id,
                Some(requisition_id),
                format!("{} deleted: {}", if is_task { "Task" } else { "Note" }, summary_of(&text)),
            )
            .with_details(serde_json::json!({ "text": text })),
        )
    })
}

/// Marks a task completed (or open again).
pub fn set_completed(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    id: i32,
    completed: bool,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<NoteView> {
    crate::db::write(conn, |conn| {
        let (job_seeker_id, requisition_id, text, is_task, completed_at) = context(conn, id)?;
        if !is_task {
            return Err(CoreError::user(
                ErrorKind::Conflict,
                "Only a task can be completed. Make the note a task first.",
            ));
        }
        if completed_at.is_some() == completed {
            return Ok(());
        }
        diesel::update(notes::table.find(id))
            .set(notes::completed_at.eq(completed.then_some(time::to_millis(now))))
            .execute(conn)?;
        let (kind, verb) =
            if completed { (HistoryKind::TaskCompleted, "completed") } else { (HistoryKind::TaskReopened, "reopened") };
        history::record(
            conn,
            &Entry::about(
                now,
                signed_in.user.actor(),
                kind,
                job_seeker_id,
                Some(requisition_id),
                format!("Task {verb}: {}", summary_of(&text)),
            ),
        )
    })?;
    one(conn, id, zone, now)
}

// The commands of the Notes tab (the To-Do list and the kept draft have theirs beside them). A task due today
// or earlier is reminded of at once, so saving or reopening one wakes the notices.

impl Handle for NotesRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<NoteView>> {
        list(cx.conn, self.job_seeker_id, self.application_id, cx.zone, cx.now)
    }
}

impl Handle for SaveNoteRequest {
    const WAKES: Wakes = Wakes::NOTICES;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<NoteView> {
        save(cx.conn, &cx.user, self, cx.zone, cx.now)
    }
}

impl Handle for DeleteNoteRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<()> {
        delete(cx.conn, &cx.user, self.id, cx.now)
    }
}

impl Handle for SetTaskCompletedRequest {
    const WAKES: Wakes = Wakes::NOTICES;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<NoteView> {
        set_completed(cx.conn, &cx.user, self.id, self.completed, cx.zone, cx.now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn due_dates_are_two_digit_month_and_day_and_a_four_digit_year_on_the_calendar() {
        let parse = |text: &str| parse_due_date(text).map_err(|refusal| refusal.to_string());
        assert_eq!(parse("02/28/2026"), Ok(NaiveDate::from_ymd_opt(2026, 2, 28).expect("date")));
        assert_eq!(parse(" 02/29/2028 "), Ok(NaiveDate::from_ymd_opt(2028, 2, 29).expect("leap day")));
        assert!(parse("02/29/2026").expect_err("not a leap year").contains("not a date on the calendar"));
        assert!(parse("02/30/2026").expect_err("no 30 February").contains("not a date on the calendar"));
        assert!(parse("13/01/2026").expect_err("no month 13").contains("not a date on the calendar"));
        for shape in ["1/2/26", "2026-03-15", "03-15-2026", "3/15/2026", "", "03/15/26"] {
            assert_eq!(
                parse(shape),
                Err("Enter the due date as MM/DD/YYYY, for example 03/15/2026.".to_owned()),
                "{shape}"
            );
        }
    }
}
