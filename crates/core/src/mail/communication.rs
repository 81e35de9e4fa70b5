//! The Communication tab (SPEC CO-1): every email to a job seeker with its delivery state, and resending
//! one that failed.

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::schema::{applications, job_seekers, outbox, users};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Entry, HistoryKind};
use crate::mail::Attempt;
use crate::time::{self, UserZone};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{CommunicationRequest, EmailStatus, EmailView, ErrorKind, ResendEmailRequest};

/// An email to a job seeker as the tab lists it, with the email of the user who caused it.
#[derive(Queryable)]
struct Row {
    id: i32,
    to: String,
    subject: String,
    at: i64,
    user: Option<String>,
    #[diesel(deserialize_as = Stored<EmailStatus>)]
    status: EmailStatus,
    last_error: Option<String>,
    text: String,
}

/// The emails to one job seeker, newest first.
pub fn list(conn: &mut DbConn, job_seeker_id: i32, zone: UserZone) -> CoreResult<Vec<EmailView>> {
    let rows: Vec<Row> = outbox::table
        .left_join(users::table.on(users::id.nullable().eq(outbox::user_id)))
        .filter(outbox::job_seeker_id.eq(job_seeker_id))
        .order((outbox::created_at.desc(), outbox::id.desc()))
        .select((
            outbox::id,
            outbox::to_address,
            outbox::subject,
            outbox::created_at,
            users::email.nullable(),
            outbox::status,
            outbox::last_error,
            outbox::text_body,
        ))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|Row { id, to, subject, at, user, status, last_error, text }| EmailView {
            id,
            to,
            subject,
            at: time::render(time::from_millis(at), zone),
            // No user: the system wrote it (a notice, an expiry), which is how the tab names it.
            user: user.unwrap_or_else(|| "system".into()),
            status,
            last_error,
            text,
        })
        .collect())
}

/// Queues a failed email to a job seeker again, with a History entry; returns the job seeker's emails.
pub fn resend(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    id: i32,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<Vec<EmailView>> {
    let job_seeker_id = crate::db::write(conn, |conn| {
        let found: Option<(Option<i32>, Stored<EmailStatus>, String)> = outbox::table
            .find(id)
            .select((outbox::job_seeker_id, outbox::status, outbox::subject))
            .first(conn)
            .optional()?;
        let (Some(job_seeker_id), Stored(status), subject) =
            found.ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This email no longer exists."))?
        else {
            return Err(CoreError::user(ErrorKind::NotFound, "This email is not to a job seeker."));
        };
        if status != EmailStatus::Failed {
            return Err(CoreError::user(ErrorKind::Conflict, "Only an email whose delivery failed can be sent again."));
        }
        let at = time::to_millis(now);
        let again = Attempt {
            status: EmailStatus::Queued,
            attempts: 0,
            next_attempt_at: Some(at),
            sent_at: None,
            last_error: Some(None),
            claimed_until: Some(None),
        };
        // Only from failed, in the statement itself: of two people sending it again at once, one queues it.
        let queued = diesel::update(outbox::table.find(id).filter(outbox::status.eq(Stored(EmailStatus::Failed))))
            .set(again)
            .execute(conn)?;
        if queued == 0 {
            return Err(CoreError::user(ErrorKind::Conflict, "This email was just sent again by someone else."));
        }
        let requisition_id: Option<i32> = applications::table
            .filter(applications::job_seeker_id.eq(job_seeker_id))
            .order(applications::applied_at.desc())
            .select(applications::requisition_id)
            .first(conn)
            .optional()?;
        diesel::update(job_seekers::table.find(job_seeker_id))
            .set(job_seekers::last_activity_at.eq(at))
            .execute(conn)?;
        history::record(
            conn,
            &Entry::about(
                now,
                signed_in.user.actor(),
                HistoryKind::EmailResent,
                job_seeker_id,
                requisition_id,
                format!("Email queued again: {subject}"),
            )
            .with_details(serde_json::json!({ "outbox_id": id })),
        )?;
        Ok::<_, CoreError>(job_seeker_id)
    })?;
    list(conn, job_seeker_id, zone)
}

// The commands of the Communication tab.

impl Handle for CommunicationRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<EmailView>> {
        list(cx.conn, self.job_seeker_id, cx.zone)
    }
}

impl Handle for ResendEmailRequest {
    const WAKES: Wakes = Wakes::MAIL;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<EmailView>> {
        resend(cx.conn, &cx.user, self.id, cx.zone, cx.now)
    }
}
