//! Notification delivery (SPEC AC-8): what is due, for whom, and only once.
//!
//! - "A requisition is closing": 07:00 Eastern on the requisition's closing date.
//! - "Someone applies": immediately, or one summary at 22:00 Eastern listing that day's new job seekers.
//! - "A Background Check form is completed": immediately.
//!
//! [`deliver_due`] is called by the shell's scheduler every minute and at start-up, so a missed 07:00 or
//! 22:00 (the app was closed) is delivered at the next start. Each notice is recorded in `notices_sent`
//! under a key naming what it is about and for whom, in the same transaction as its email (through the
//! outbox), so nothing is delivered twice. The shell shows the returned notices as native notifications to
//! the users signed in on this machine.
//! - "Approval steps" (SPEC OF-9): to the approver of an offer's next step, and to its recruiter once approved.

use crate::db::schema::{
    job_seekers, notices_sent, notification_events, requisitions, team_notices, user_preferences, users,
};
use crate::db::stored::{text_column, Day, Stored, StoredName};
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::mail::{self, Email};
use crate::time::{self, UserZone};
use crate::{notes, offers};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use diesel::prelude::*;
use hiredesk_wire::{NoticeTab, NoticeTarget, UsTimeZone};

/// What a row of `notification_events` says happened; written with its cause, delivered here.
#[derive(Debug, Clone, Copy, PartialEq, Eq, diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
pub enum NotificationKind {
    SomeoneApplies,
    BackgroundCheckCompleted,
}

impl StoredName for NotificationKind {
    const WHAT: &'static str = "notification kind";

    fn stored_name(self) -> &'static str {
        match self {
            NotificationKind::SomeoneApplies => "someone_applies",
            NotificationKind::BackgroundCheckCompleted => "background_check_completed",
        }
    }

    fn from_stored_name(name: &str) -> Option<Self> {
        [NotificationKind::SomeoneApplies, NotificationKind::BackgroundCheckCompleted]
            .into_iter()
            .find(|kind| kind.stored_name() == name)
    }
}

text_column!(NotificationKind);

/// A row of `notification_events`, not delivered yet.
#[derive(Insertable)]
#[diesel(table_name = notification_events)]
struct NewEvent {
    kind: NotificationKind,
    job_seeker_id: i32,
    requisition_id: i32,
    application_id: i32,
    created_at: i64,
}

/// Records that something happened that users may be notified of. Call inside the transaction of its cause.
pub(crate) fn record_event(
    conn: &mut DbConn,
    kind: NotificationKind,
    job_seeker_id: i32,
    requisition_id: i32,
    application_id: i32,
    created_at: i64,
) -> CoreResult<()> {
    let event = NewEvent { kind, job_seeker_id, requisition_id, application_id, created_at };
    diesel::insert_into(notification_events::table).values(event).execute(conn)?;
    Ok(())
}

/// How far back a missed 07:00 or 22:00 is still delivered after the app was closed.
const CATCH_UP_DAYS: i64 = 7;

/// A notice for one user, to show natively and (already queued) by email.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub user_id: i32,
    pub title: String,
    pub body: String,
    /// The job seeker it is about, if one, and the tab to show: clicking the native notification opens it.
    pub opens: Option<NoticeTarget>,
    /// The user is signed in on this machine: show it natively too.
    pub show_here: bool,
}

/// A user who may receive notices, with their switches.
#[derive(Debug, Clone, Queryable)]
struct Recipient {
    id: i32,
    email: String,
    first_name: String,
    #[diesel(deserialize_as = Stored<UsTimeZone>)]
    time_zone: UsTimeZone,
    observe_daylight_saving: bool,
    closing: bool,
    applies: bool,
    applies_daily: bool,
    background: bool,
    approval: bool,
    /// When the account was created (milliseconds): nothing that happened before is news to it.
    created_at: i64,
}

impl Recipient {
    fn zone(&self) -> UserZone {
        UserZone { zone: self.time_zone, observe_daylight_saving: self.observe_daylight_saving }
    }

    /// Whether something that happened at `at` (milliseconds) is news to this user: the catch-up after a
    /// pause reaches back a week, but never to before the account existed.
    fn is_news(&self, at: i64) -> bool {
        at >= self.created_at
    }
}

fn recipients(conn: &mut DbConn) -> CoreResult<Vec<Recipient>> {
    Ok(users::table
        .inner_join(user_preferences::table)
        .filter(users::is_active.eq(true))
        .select((
            users::id,
            users::email,
            users::first_name,
            user_preferences::time_zone,
            user_preferences::observe_daylight_saving,
            user_preferences::notify_requisition_closing,
            user_preferences::notify_someone_applies,
            user_preferences::notify_applies_daily,
            user_preferences::notify_background_check,
            user_preferences::notify_approval_steps,
            users::created_at,
        ))
        .order(users::id)
        .load(conn)?)
}

/// A row of `notices_sent`: this notice was delivered to this user.
#[derive(Insertable)]
#[diesel(table_name = notices_sent)]
struct NoticeSent<'a> {
    key: &'a str,
    user_id: i32,
    sent_at: i64,
}

/// A row of `team_notices`: the native notice as a team's desktops read it through the server's watch.
#[derive(Insertable)]
#[diesel(table_name = team_notices)]
struct NewTeamNotice<'a> {
    user_id: i32,
    title: &'a str,
    body: &'a str,
    opens_job_seeker_id: Option<i32>,
    opens_tab: Option<Stored<NoticeTab>>,
    created_at: i64,
}

/// Records and queues one notice unless it was delivered before. Returns it when it is new.
///
/// The native notice is also recorded in `team_notices`, in the same transaction as its `notices_sent` row, so that
/// any team server can bring it to the user's desktop (`Hiredesk::watch`) and it is never brought twice nor lost
/// when the scheduler of another server delivered it.
fn deliver(
    conn: &mut DbConn,
    key: &str,
    recipient: &Recipient,
    (title, body): (String, String),
    (opens, by_email): (Option<NoticeTarget>, bool),
    now: DateTime<Utc>,
) -> CoreResult<Option<Notice>> {
    crate::db::write(conn, |conn| {
        let sent = NoticeSent { key, user_id: recipient.id, sent_at: time::to_millis(now) };
        // The key is unique: of several schedulers (several servers) delivering at once, one inserts the row and
        // delivers the notice; the others insert nothing and move on.
        let inserted = crate::db::on_backend!(conn, |c| diesel::insert_into(notices_sent::table)
            .values(&sent)
            .on_conflict_do_nothing()
            .execute(c))?;
        if inserted == 0 {
            return Ok(None);
        }
        if by_email {
            let text = format!("Hello {},\n\n{body}\n\nHiredesk\n", recipient.first_name);
            let email = Email {
                to: recipient.email.clone(),
                subject: title.clone(),
                text,
                html: None,
                job_seeker_id: None,
                user_id: Some(recipient.id),
                secret: None,
            };
            mail::enqueue(conn, &email, now)?;
        }
        let team_notice = NewTeamNotice {
            user_id: recipient.id,
            title: &title,
            body: &body,
            opens_job_seeker_id: opens.map(|target| target.job_seeker_id),
            opens_tab: opens.map(|target| Stored(target.tab)),
            created_at: time::to_millis(now),
        };
        in_commit_order(conn)?;
        diesel::insert_into(team_notices::table).values(team_notice).execute(conn)?;
        Ok(Some(Notice { user_id: recipient.id, title, body, opens, show_here: false }))
    })
}

/// The key of the PostgreSQL advisory lock that [`in_commit_order`] takes ("HDTN", Hiredesk team notices).
#[cfg(feature = "postgres")]
const TEAM_NOTICES_LOCK: i64 = 0x4844_544E;

/// Makes `team_notices` ids become visible in the order they are given, for the rest of the transaction. A watch's
/// cursor moves past the largest id it has seen; were two servers' schedulers to commit ids 9 and 10 in the
/// opposite order, a watch between the two commits would step over 9 and its desktop never show it. So on
/// PostgreSQL the transaction that records a team notice first takes a transaction-scoped advisory lock, held until
/// it commits: the next one is given its id only after. Notices are few, so waiting costs nothing that matters. A
/// solo file has one writer at a time anyway.
fn in_commit_order(conn: &mut DbConn) -> CoreResult<()> {
    #[cfg(feature = "postgres")]
    if let DbConn::Postgres(c) = conn {
        diesel::sql_query("SELECT pg_advisory_xact_lock($1)")
            .bind::<diesel::sql_types::BigInt, _>(TEAM_NOTICES_LOCK)
            .execute(c)?;
    }
    #[cfg(not(feature = "postgres"))]
    let _ = conn;
    Ok(())
}

/// An event with the job seeker and requisition it is about.
type EventRow = (i32, NotificationKind, i32, i64, String, String, String);

fn events(conn: &mut DbConn, kind: NotificationKind, since: DateTime<Utc>) -> CoreResult<Vec<EventRow>> {
    Ok(notification_events::table
        .inner_join(job_seekers::table.on(job_seekers::id.eq(notification_events::job_seeker_id)))
        .inner_join(requisitions::table.on(requisitions::id.eq(notification_events::requisition_id)))
        .filter(notification_events::kind.eq(kind))
        .filter(notification_events::created_at.ge(time::to_millis(since)))
        .order(notification_events::id)
        .select((
            notification_events::id,
            notification_events::kind,
            notification_events::job_seeker_id,
            notification_events::created_at,
            job_seekers::first_name,
            job_seekers::last_name,
            requisitions::title,
        ))
        .load(conn)?)
}

/// Delivers every notice due at `now` that was not delivered before; returns the new ones.
pub fn deliver_due(conn: &mut DbConn, now: DateTime<Utc>) -> CoreResult<Vec<Notice>> {
    let recipients = recipients(conn)?;
    let since = now - Duration::days(CATCH_UP_DAYS);
    let mut delivered = Vec::new();

    // Immediate: each application and each completed Background Check, to those who asked.
    let immediate = [NotificationKind::SomeoneApplies, NotificationKind::BackgroundCheckCompleted];
    for (id, kind, job_seeker_id, at, first, last, title) in immediate
        .into_iter()
        .map(|kind| events(conn, kind, since))
        .collect::<CoreResult<Vec<_>>>()?
        .into_iter()
        .flatten()
    {
        for recipient in &recipients {
            let applies = kind == NotificationKind::SomeoneApplies;
            let wanted = if applies { recipient.applies && !recipient.applies_daily } else { recipient.background };
            if !wanted || !recipient.is_news(at) {
                continue;
            }
            let when = time::render(time::from_millis(at), recipient.zone());
            let (title_text, body) = if applies {
                (format!("New applicant: {first} {last}"), format!("{first} {last} applied for {title} on {when}."))
            } else {
                (
                    format!("Background Check completed: {first} {last}"),
                    format!("The Background Check form of {first} {last} for {title} was completed on {when}."),
                )
            };
            let key = format!("{}:{id}:{}", kind.stored_name(), recipient.id);
            delivered.extend(deliver(
                conn,
                &key,
                recipient,
                (title_text, body),
                (Some(NoticeTarget { job_seeker_id, tab: NoticeTab::Profile }), true),
                now,
            )?);
        }
    }

    // Approval steps: whoever must act next on an offer, as soon as it is their turn.
    for notice in offers::approvals::approval_notices(conn)? {
        let Some(recipient) = recipients.iter().find(|recipient| recipient.id == notice.user_id && recipient.approval)
        else {
            continue;
        };
        delivered.extend(deliver(
            conn,
            &notice.key,
            recipient,
            (notice.title, notice.body),
            (Some(NoticeTarget { job_seeker_id: notice.job_seeker_id, tab: NoticeTab::Offers }), true),
            now,
        )?);
    }

    // 07:00 Eastern on the closing date of an open requisition.
    let closing: Vec<(i32, String, Day)> = requisitions::table
        .filter(requisitions::is_open.eq(true))
        .filter(requisitions::closing_date.is_not_null())
        .select((requisitions::id, requisitions::title, requisitions::closing_date.assume_not_null()))
        .load(conn)?;
    for (id, title, Day(date)) in closing {
        let due = time::eastern(date, time::CLOSING_HOUR);
        if due > now || due < since {
            continue;
        }
        let due_at = time::to_millis(due);
        for recipient in recipients.iter().filter(|recipient| recipient.closing && recipient.is_news(due_at)) {
            let body = format!("The requisition {title} closes today, {}.", date.format("%m/%d/%Y"));
            let key = format!("closing:{id}:{date}:{}", recipient.id);
            delivered.extend(deliver(
                conn,
                &key,
                recipient,
                (format!("Requisition closing: {title}"), body),
                (None, true),
                now,
            )?);
        }
    }

    // 22:00 Eastern: one summary of the day's new job seekers, for those who chose it.
    let today = time::eastern_date(now);
    for back in 0..=CATCH_UP_DAYS {
        let day = today - Duration::days(back);
        let due = time::eastern(day, time::SUMMARY_HOUR);
        if due > now {
            continue;
        }
        let (start, end) = (time::eastern(day, 0), time::eastern(day + Duration::days(1), 0));
        let of_day: Vec<EventRow> = events(conn, NotificationKind::SomeoneApplies, start)?
            .into_iter()
            .filter(|event| time::from_millis(event.3) < end)
            .collect();
        if of_day.is_empty() {
            continue;
        }
        for recipient in recipients.iter().filter(|recipient| recipient.applies && recipient.applies_daily) {
            // A user created during the day hears of that day's job seekers from their creation on.
            let news: Vec<&EventRow> = of_day.iter().filter(|event| recipient.is_news(event.3)).collect();
            if news.is_empty() {
                continue;
            }
            let lines: Vec<String> =
                news.iter().map(|(_, _, _, _, first, last, title)| format!("- {first} {last}, {title}")).collect();
            let title = format!(
                "{} new job seeker{} on {}",
                news.len(),
                if news.len() == 1 { "" } else { "s" },
                day.format("%m/%d/%Y")
            );
            let body = format!("New job seekers on {}:\n{}", day.format("%m/%d/%Y"), lines.join("\n"));
            let key = format!("summary:{day}:{}", recipient.id);
            delivered.extend(deliver(conn, &key, recipient, (title, body), (None, true), now)?);
        }
    }

    // Task reminders (SPEC NT-6): a native notification, once per task and day.
    for notes::OpenTask { id, author_user_id, job_seeker_id, job_seeker, text, due } in notes::open_tasks(conn)? {
        let Some(recipient) = recipients.iter().find(|recipient| recipient.id == author_user_id) else { continue };
        let Some(day) = task_reminder_day(due, now, recipient.zone()) else { continue };
        let key = format!("task:{id}:{day}");
        delivered.extend(deliver(
            conn,
            &key,
            recipient,
            task_reminder(&job_seeker, &text, due),
            (Some(NoticeTarget { job_seeker_id, tab: NoticeTab::Notes }), false),
            now,
        )?);
    }
    Ok(delivered)
}

/// The day whose reminder a task due on `due` is owed at `now` (SPEC NT-6): from 09:00 in its author's zone on
/// the due date, and each day after while it stays open; `None` before. The scheduler follows it, and so does a
/// team desktop that cannot reach its server, from its last copy of the user's To-Do list.
pub fn task_reminder_day(due: NaiveDate, now: DateTime<Utc>, zone: UserZone) -> Option<NaiveDate> {
    let local = time::to_local(now, zone).wall;
    let nine = chrono::NaiveTime::from_hms_opt(9, 0, 0).unwrap_or_default();
    (due <= local.date() && local.time() >= nine).then_some(local.date())
}

/// A task reminder's title and body: the same words wherever it is shown from.
pub fn task_reminder(job_seeker: &str, text: &str, due: NaiveDate) -> (String, String) {
    (format!("Task due: {job_seeker}"), format!("{text} (due {})", due.format("%m/%d/%Y")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    #[test]
    fn a_task_is_reminded_from_nine_in_its_authors_zone_on_its_due_date_and_each_day_after() {
        let at = |text: &str| DateTime::parse_from_rfc3339(text).expect("instant").to_utc();
        let pacific = UserZone { zone: UsTimeZone::Pacific, observe_daylight_saving: true };
        let due = day("2026-12-01");
        assert_eq!(task_reminder_day(due, at("2026-12-01T08:59:59-08:00"), pacific), None, "not before nine");
        assert_eq!(task_reminder_day(due, at("2026-12-01T09:00:00-08:00"), pacific), Some(due));
        // Nine in New York is six in the author's Pacific zone.
        assert_eq!(task_reminder_day(due, at("2026-12-01T09:00:00-05:00"), pacific), None);
        assert_eq!(task_reminder_day(due, at("2026-11-30T23:00:00-08:00"), pacific), None, "not the day before");
        assert_eq!(task_reminder_day(due, at("2026-12-02T10:00:00-08:00"), pacific), Some(day("2026-12-02")));
        let (title, body) = task_reminder("Ana Reyes", "Call back", due);
        assert_eq!((title.as_str(), body.as_str()), ("Task due: Ana Reyes", "Call back (due 12/01/2026)"));
    }

    #[test]
    fn notification_kinds_are_the_names_the_migration_allows() {
        let kinds = [NotificationKind::SomeoneApplies, NotificationKind::BackgroundCheckCompleted];
        let names: Vec<&str> = kinds.iter().map(|kind| kind.stored_name()).collect();
        assert_eq!(names, ["someone_applies", "background_check_completed"]);
        assert!(kinds.iter().all(|kind| NotificationKind::from_stored_name(kind.stored_name()) == Some(*kind)));
        assert_eq!(NotificationKind::decode("someone_left").expect_err("unknown").what, "notification kind");
    }

    #[test]
    fn seven_and_ten_eastern_on_ordinary_and_daylight_saving_change_days() {
        // (date, hour, the UTC instant)
        let cases = [
            ("2026-01-15", 7, "2026-01-15T12:00:00Z"),
            ("2026-01-15", 22, "2026-01-16T03:00:00Z"),
            ("2026-07-15", 7, "2026-07-15T11:00:00Z"),
            ("2026-07-15", 22, "2026-07-16T02:00:00Z"),
            // 8 March 2026: clocks go forward at 02:00, so 07:00 is already EDT.
            ("2026-03-08", 7, "2026-03-08T11:00:00Z"),
            ("2026-03-08", 22, "2026-03-09T02:00:00Z"),
            ("2026-03-07", 22, "2026-03-08T03:00:00Z"),
            // 1 November 2026: clocks go back at 02:00, so 07:00 is EST again.
            ("2026-11-01", 7, "2026-11-01T12:00:00Z"),
            ("2026-10-31", 22, "2026-11-01T02:00:00Z"),
            ("2026-11-01", 22, "2026-11-02T03:00:00Z"),
        ];
        for (date, hour, expected) in cases {
            assert_eq!(
                time::eastern(day(date), hour).to_rfc3339(),
                DateTime::parse_from_rfc3339(expected).expect("instant").to_rfc3339(),
                "{date} {hour}:00"
            );
        }
    }

    #[test]
    fn the_same_instant_is_shown_in_every_users_zone() {
        let closing = time::eastern(day("2026-07-15"), 7);
        let shown: Vec<String> = UsTimeZone::ALL
            .iter()
            .flat_map(|zone| {
                [true, false].map(|dst| time::render(closing, UserZone { zone: *zone, observe_daylight_saving: dst }))
            })
            .collect();
        assert_eq!(shown[0], "07/15/2026 07:00 AM EDT");
        assert_eq!(shown[1], "07/15/2026 06:00 AM EST", "Eastern without daylight saving");
        assert_eq!(shown[8], "07/15/2026 04:00 AM PDT");
        assert_eq!(shown[9], "07/15/2026 03:00 AM PST");
        assert_eq!(shown[13], "07/15/2026 01:00 AM HST");
    }
}
