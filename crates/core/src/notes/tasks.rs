//! The user's open tasks: the Home To-Do list (SPEC NT-5), overdue first, and every open task with a due date
//! for the reminders the notice scheduler sends.

use super::summary_of;
use crate::accounts::SignedInUser;
use crate::command::{Context, Handle};
use crate::db::schema::{job_seekers, notes};
use crate::db::stored::Day;
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::time::{self, UserZone};
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use hiredesk_wire::{TodoItem, TodoRequest};

/// The user's open tasks, overdue first, then by due date.
pub fn todo(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<Vec<TodoItem>> {
    let today = time::to_local(now, zone).wall.date();
    let rows: Vec<(i32, i32, String, String, String, Day)> = notes::table
        .inner_join(job_seekers::table)
        .filter(notes::author_user_id.eq(signed_in.user.id))
        .filter(notes::is_task.eq(true))
        .filter(notes::completed_at.is_null())
        .filter(notes::due_date.is_not_null())
        .order((notes::due_date, notes::id))
        .select((
            notes::id,
            notes::job_seeker_id,
            job_seekers::first_name,
            job_seekers::last_name,
            notes::text,
            notes::due_date.assume_not_null(),
        ))
        .load(conn)?;
    // Ordered by due date, the overdue ones come first by themselves.
    Ok(rows
        .into_iter()
        .map(|(note_id, job_seeker_id, first, last, text, due)| TodoItem {
            note_id,
            job_seeker_id,
            job_seeker: format!("{first} {last}"),
            text: summary_of(&text),
            due_date: due.us(),
            overdue: due.0 < today,
        })
        .collect())
}

/// An open task, for reminders.
#[derive(Debug, Clone)]
pub(crate) struct OpenTask {
    pub id: i32,
    pub author_user_id: i32,
    pub job_seeker_id: i32,
    pub job_seeker: String,
    pub text: String,
    pub due: NaiveDate,
}

/// (note, author, job seeker id, first name, last name, text, due date) of an open task.
type OpenTaskRow = (i32, i32, i32, String, String, String, Day);

/// Every open task with a due date.
pub(crate) fn open_tasks(conn: &mut DbConn) -> CoreResult<Vec<OpenTask>> {
    let rows: Vec<OpenTaskRow> = notes::table
        .inner_join(job_seekers::table)
        .filter(notes::is_task.eq(true))
        .filter(notes::completed_at.is_null())
        .filter(notes::due_date.is_not_null())
        .select((
            notes::id,
            notes::author_user_id,
            job_seekers::id,
            job_seekers::first_name,
            job_seekers::last_name,
            notes::text,
            notes::due_date.assume_not_null(),
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, author, job_seeker_id, first, last, text, Day(due))| OpenTask {
            id,
            author_user_id: author,
            job_seeker_id,
            job_seeker: format!("{first} {last}"),
            text: summary_of(&text),
            due,
        })
        .collect())
}

impl Handle for TodoRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<TodoItem>> {
        todo(cx.conn, &cx.user, cx.zone, cx.now)
    }
}
