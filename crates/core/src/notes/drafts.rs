//! The note kept at the idle timeout (SPEC NT-4): when the idle warning shows, the note being written is kept
//! for its author, offered back after the next sign-in, and forgotten once taken or when the author stays.

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle};
use crate::db::schema::{job_seekers, note_drafts};
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::history::{self, Entry, HistoryKind};
use crate::job_seekers::belongs;
use crate::time;
use crate::validation::TextRule;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{KeepDraftRequest, KeptDraft, OfferedDraft, TakeDraftRequest};

/// A row of `note_drafts`: the draft as the author left it (the due date as typed, not yet checked).
#[derive(Insertable)]
#[diesel(table_name = note_drafts)]
struct KeptDraftColumns<'a> {
    user_id: i32,
    job_seeker_id: i32,
    application_id: i32,
    note_id: Option<i32>,
    text: &'a str,
    is_task: bool,
    due_date: &'a str,
    kept_at: i64,
}

/// Keeps the author's draft when the idle timeout is about to sign them out, or forgets it (`None`).
pub fn keep_draft(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    draft: Option<&KeptDraft>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let user = &signed_in.user;
    crate::db::write(conn, |conn| {
        diesel::delete(note_drafts::table.find(user.id)).execute(conn)?;
        let Some(draft) = draft.filter(|draft| !draft.text.trim().is_empty()) else { return Ok(()) };
        TextRule::NOTE.require("text", &draft.text)?;
        TextRule::SHORT.require("due_date", &draft.due_date)?;
        // Offered back at the next sign-in on this job seeker and application, and saved onto this note: the
        // three must belong together.
        belongs::application_of(conn, draft.job_seeker_id, draft.application_id)?;
        if let Some(note_id) = draft.note_id {
            belongs::note_of(conn, draft.application_id, note_id)?;
        }
        let kept = KeptDraftColumns {
            user_id: user.id,
            job_seeker_id: draft.job_seeker_id,
            application_id: draft.application_id,
            note_id: draft.note_id,
            text: &draft.text,
            is_task: draft.is_task,
            due_date: &draft.due_date,
            kept_at: time::to_millis(now),
        };
        diesel::insert_into(note_drafts::table).values(kept).execute(conn)?;
        history::record(
            conn,
            &Entry::account(now, user.actor(), HistoryKind::DraftKept, "Unsaved note kept at the idle timeout"),
        )
    })
}

/// The stored columns of a kept draft: job seeker, application, note, text, task, due date.
type KeptDraftRow = (i32, i32, Option<i32>, String, bool, String);

/// Hands the kept draft back after sign-in, and forgets it.
pub fn take_draft(conn: &mut DbConn, signed_in: &SignedInUser, now: DateTime<Utc>) -> CoreResult<Option<OfferedDraft>> {
    let user = &signed_in.user;
    crate::db::write(conn, |conn| {
        let found: Option<(KeptDraftRow, String, String)> = note_drafts::table
            .inner_join(job_seekers::table)
            .filter(note_drafts::user_id.eq(user.id))
            .select((
                (
                    note_drafts::job_seeker_id,
                    note_drafts::application_id,
                    note_drafts::note_id,
                    note_drafts::text,
                    note_drafts::is_task,
                    note_drafts::due_date,
                ),
                job_seekers::first_name,
                job_seekers::last_name,
            ))
            .first(conn)
            .optional()?;
        let Some(((job_seeker_id, application_id, note_id, text, is_task, due_date), first, last)) = found else {
            return Ok(None);
        };
        diesel::delete(note_drafts::table.find(user.id)).execute(conn)?;
        history::record(
            conn,
            &Entry::account(now, user.actor(), HistoryKind::DraftOffered, "Kept note offered back at sign-in"),
        )?;
        Ok(Some(OfferedDraft {
            draft: KeptDraft { job_seeker_id, application_id, note_id, text, is_task, due_date },
            job_seeker: format!("{first} {last}"),
        }))
    })
}

impl Handle for KeepDraftRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<()> {
        keep_draft(cx.conn, &cx.user, self.0.as_ref(), cx.now)
    }
}

impl Handle for TakeDraftRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Option<OfferedDraft>> {
        take_draft(cx.conn, &cx.user, cx.now)
    }
}
