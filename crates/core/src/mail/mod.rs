//! The outbox (SPEC CO-2). An email is written to the `outbox` table in the same transaction as its cause
//! (a password change, an offer sent, …), so nothing is sent for a change that did not happen and nothing
//! is lost when the network is down. [`deliver_due`] then sends what is due over SMTP with lettre, using the
//! administrator's settings; a temporary failure is retried with a growing delay, a permanent one is marked
//! failed (and can be queued again from the Communication tab). Mail waits as "queued" while no server is
//! set or reachable.
//!
//! Delivery is at least once. A row is marked sent only after the server's "250 OK"; if the app dies in
//! between, the message goes out again at the next start, with the same Message-ID (derived from the row) so
//! that mail clients can fold the copies. Marking first would make a crash lose the letter instead, and a
//! lost offer letter is worse than a duplicate one. Tested by killing a delivering process.
//!
//! Several workers may deliver from one outbox (a team's servers on one PostgreSQL). Each takes one due row
//! at a time by *claiming* it: one statement sets its `claimed_until` [`LEASE`] ahead, so no other worker takes
//! it while it is being sent (on PostgreSQL the candidate row is locked with `SKIP LOCKED`, so two claims never
//! pick the same row), and the outcome clears the claim. On a team, a worker that dies mid-send leaves its claim
//! to run out, and another takes over. A solo database has one Hiredesk at a time, so every claim found when it
//! opens is a dead one: [`release_claims`] lets the next start send at once, as before there were claims.

pub mod communication;
pub mod secret;
mod settings;

pub use settings::{load as settings, move_password_to_store, save as save_settings};

use crate::command::{Access, Context, Handle};
use crate::db::schema::outbox;
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::time;
use chrono::{DateTime, Duration, Utc};
use diesel::prelude::*;
use hiredesk_wire::{EmailStatus, MailSecurity, MailSettings, SendTestEmailRequest};
use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::client::{Tls, TlsParameters};
use lettre::{Message, SmtpTransport, Transport};

/// An email to queue.
#[derive(Debug, Clone)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    /// An HTML alternative; every value in it must already be escaped.
    pub html: Option<String>,
    pub job_seeker_id: Option<i32>,
    pub user_id: Option<i32>,
    /// A secret the text carries (a temporary password): once the email is delivered, the stored text keeps
    /// it replaced by [`REDACTED`], so the outbox does not hold it for ever.
    pub secret: Option<String>,
}

/// What a delivered email's stored text shows in place of its secret.
pub const REDACTED: &str = "[removed once delivered]";

/// A row of `outbox` as queued; the status starts as the column's default, queued.
#[derive(Insertable)]
#[diesel(table_name = outbox)]
struct Queue<'a> {
    to_address: &'a str,
    subject: &'a str,
    text_body: &'a str,
    html_body: Option<&'a str>,
    job_seeker_id: Option<i32>,
    user_id: Option<i32>,
    created_at: i64,
    next_attempt_at: i64,
    redacted_text_body: Option<String>,
}

/// Queues an email. Call inside the transaction of its cause.
pub fn enqueue(conn: &mut DbConn, email: &Email, now: DateTime<Utc>) -> CoreResult<i32> {
    let at = time::to_millis(now);
    let row = Queue {
        to_address: &email.to,
        subject: &email.subject,
        text_body: &email.text,
        html_body: email.html.as_deref(),
        job_seeker_id: email.job_seeker_id,
        user_id: email.user_id,
        created_at: at,
        next_attempt_at: at,
        // A secret is carried in the text only: an email with one has no HTML part.
        redacted_text_body: email
            .secret
            .as_deref()
            .filter(|secret| !secret.is_empty())
            .map(|secret| email.text.replace(secret, REDACTED)),
    };
    Ok(diesel::insert_into(outbox::table).values(row).returning(outbox::id).get_result(conn)?)
}

/// What a delivery attempt changes in an outbox row: the status, the attempts, and when it went out or will be
/// tried again and why it failed. `None` fields are left as they are.
#[derive(AsChangeset)]
#[diesel(table_name = outbox)]
pub(crate) struct Attempt {
    #[diesel(serialize_as = Stored<EmailStatus>)]
    pub status: EmailStatus,
    pub attempts: i32,
    pub next_attempt_at: Option<i64>,
    pub sent_at: Option<Option<i64>>,
    pub last_error: Option<Option<String>>,
    /// Always `Some(None)`: an attempt's outcome ends the worker's claim.
    pub claimed_until: Option<Option<i64>>,
}

/// What one delivery round did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Delivery {
    pub sent: usize,
    pub retrying: usize,
    pub failed: usize,
}

/// The delay before attempt `attempts + 1`: one minute, doubling, at most an hour.
fn backoff(attempts: i32) -> Duration {
    let minutes = 1i64 << attempts.clamp(0, 6);
    Duration::minutes(minutes.min(60))
}

/// How long a claimed email is hidden from other workers: well beyond the SMTP timeout of one send.
pub const LEASE: Duration = Duration::minutes(5);

/// An email claimed for delivery.
#[derive(QueryableByName)]
struct Claimed {
    #[diesel(sql_type = diesel::sql_types::Integer)]
    id: i32,
    #[diesel(sql_type = diesel::sql_types::Text)]
    to_address: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    subject: String,
    #[diesel(sql_type = diesel::sql_types::Text)]
    text_body: String,
    #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Text>)]
    html_body: Option<String>,
    #[diesel(sql_type = diesel::sql_types::Integer)]
    attempts: i32,
    #[diesel(sql_type = diesel::sql_types::BigInt)]
    created_at: i64,
}

/// Ends every claim: for a solo database as it opens, when no other Hiredesk can be delivering from it.
pub(crate) fn release_claims(conn: &mut DbConn) -> CoreResult<()> {
    diesel::update(outbox::table.filter(outbox::claimed_until.is_not_null()))
        .set(outbox::claimed_until.eq(None::<i64>))
        .execute(conn)?;
    Ok(())
}

/// Claims the oldest due email for this worker (see the module's notes), or says there is none.
fn claim(conn: &mut DbConn, now: DateTime<Utc>) -> CoreResult<Option<Claimed>> {
    let lock = if crate::db::is_postgres(conn) { "FOR UPDATE SKIP LOCKED" } else { "" };
    // The outer conditions repeat the inner ones: on PostgreSQL a row changed by another claim after the inner
    // select read it is checked again against them before it is updated.
    let due = "status = $2 AND next_attempt_at <= $3 AND (claimed_until IS NULL OR claimed_until <= $3)";
    let statement = format!(
        "UPDATE outbox SET claimed_until = $1
         WHERE id = (SELECT id FROM outbox WHERE {due} ORDER BY id LIMIT 1 {lock}) AND {due}
         RETURNING id, to_address, subject, text_body, html_body, attempts, created_at"
    );
    Ok(diesel::sql_query(statement)
        .bind::<diesel::sql_types::BigInt, _>(time::to_millis(now + LEASE))
        .bind::<diesel::sql_types::Text, _>(Stored(EmailStatus::Queued))
        .bind::<diesel::sql_types::BigInt, _>(time::to_millis(now))
        .get_result(conn)
        .optional()?)
}

/// Why a message did not go out, and whether trying again could help.
#[derive(Debug, Clone)]
struct SendFailure {
    permanent: bool,
    reason: String,
}

impl SendFailure {
    /// A mistake in the message or the settings: sending it again would fail again.
    fn permanent(reason: String) -> Self {
        SendFailure { permanent: true, reason }
    }

    /// The server could not be reached or asked to try later.
    fn temporary(reason: String) -> Self {
        SendFailure { permanent: false, reason }
    }
}

/// Sends every queued email that is due. Nothing happens while no mail server is set.
pub fn deliver_due(conn: &mut DbConn, store: &secret::PasswordStore, now: DateTime<Utc>) -> CoreResult<Delivery> {
    let settings = settings::load(conn)?;
    let mut delivery = Delivery::default();
    if settings.host.trim().is_empty() {
        return Ok(delivery);
    }

    // Connecting is put off until there is something to send; one connection serves the whole round.
    let mut transport = None;
    // A round ends when nothing is due, or after a batch, so a long queue does not keep the worker from its
    // other duties (a new wake, shutting down) for long.
    for _ in 0..50 {
        let Some(Claimed { id, to_address: to, subject, text_body: text, html_body: html, attempts, created_at }) =
            claim(conn, now)?
        else {
            break;
        };
        // The password is read from its store with the connection, only when something is due and the server
        // wants a sign-in; a store that cannot be read fails the round like a server that cannot be reached.
        let transport = transport.get_or_insert_with(|| {
            let mut signed = settings.clone();
            if !signed.username.is_empty() {
                signed.password = store.read().map_err(|error| SendFailure::temporary(error.to_string()))?;
            }
            self::transport(&signed)
        });
        let letter = Letter {
            to: &to,
            subject: &subject,
            text: &text,
            html: html.as_deref(),
            message_id: Some(message_id(&settings, id, created_at)),
        };
        let outcome = match (&*transport, message(&settings, &letter)) {
            (Ok(transport), Ok(message)) => transport
                .send(&message)
                .map(drop)
                .map_err(|error| SendFailure { permanent: error.is_permanent(), reason: send_error(&error) }),
            (Err(failure), _) => Err(failure.clone()),
            (_, Err(failure)) => Err(failure),
        };
        // Marked right after the server accepted it. At least once: a crash between the server's "250 OK" and
        // this update sends the message again at the next start (with the same Message-ID, so mail clients
        // can fold the two). The other choice, marking before sending, could lose an offer letter silently.
        match outcome {
            Ok(()) => {
                let sent = Attempt {
                    status: EmailStatus::Sent,
                    attempts: attempts + 1,
                    next_attempt_at: None,
                    sent_at: Some(Some(time::to_millis(now))),
                    last_error: None,
                    claimed_until: Some(None),
                };
                // Marked sent and, where it carried a secret, the secret removed, in one statement.
                diesel::update(outbox::table.find(id))
                    .set((
                        sent,
                        outbox::text_body
                            .eq(diesel::dsl::sql::<diesel::sql_types::Text>("COALESCE(redacted_text_body, text_body)")),
                        outbox::redacted_text_body.eq(None::<String>),
                    ))
                    .execute(conn)?;
                delivery.sent += 1;
            }
            Err(SendFailure { permanent, reason }) => {
                let (status, next) =
                    if permanent { (EmailStatus::Failed, now) } else { (EmailStatus::Queued, now + backoff(attempts)) };
                let failed = Attempt {
                    status,
                    attempts: attempts + 1,
                    next_attempt_at: Some(time::to_millis(next)),
                    sent_at: None,
                    last_error: Some(Some(reason)),
                    claimed_until: Some(None),
                };
                diesel::update(outbox::table.find(id)).set(failed).execute(conn)?;
                if permanent {
                    delivery.failed += 1;
                } else {
                    delivery.retrying += 1;
                }
            }
        }
    }
    Ok(delivery)
}

/// Sends a test message to the administrator at once with the saved settings (not through the outbox: the
/// point is to see the server's answer now). Returns the address it went to.
pub fn send_test(
    conn: &mut DbConn,
    store: &secret::PasswordStore,
    signed_in: &crate::accounts::SignedInUser,
) -> CoreResult<String> {
    let mut settings = settings::load(conn)?;
    if settings.host.trim().is_empty() {
        return Err(crate::error::CoreError::field("host", "Save the mail server first, then send a test message."));
    }
    if !settings.username.is_empty() {
        settings.password = store.read()?;
    }
    let to = signed_in.user.email.clone();
    let text = "This is a test message from Hiredesk. The outgoing mail settings work.\n";
    let failed = |failure: SendFailure| {
        crate::error::CoreError::user(
            hiredesk_wire::ErrorKind::Conflict,
            format!("The test message was not sent: {}", failure.reason),
        )
    };
    let letter = Letter { to: &to, subject: "Hiredesk test message", text, html: None, message_id: None };
    let message = message(&settings, &letter).map_err(failed)?;
    transport(&settings)
        .map_err(failed)?
        .send(&message)
        .map_err(|error| failed(SendFailure::temporary(send_error(&error))))?;
    Ok(to)
}

/// How long a mail server may take to answer one step of a conversation before the attempt is given up.
const SERVER_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(20);

/// Why a send failed, in words: a server that stopped answering is said so, with the seconds waited, rather
/// than as the socket's "Resource temporarily unavailable (os error 11)".
fn send_error(error: &lettre::transport::smtp::Error) -> String {
    let mut source = std::error::Error::source(error);
    while let Some(cause) = source {
        if let Some(io) = cause.downcast_ref::<std::io::Error>() {
            // A socket's read timeout is WouldBlock on Unix and TimedOut on Windows.
            if matches!(io.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut) {
                return format!("The mail server did not answer within {} seconds.", SERVER_TIMEOUT.as_secs());
            }
        }
        source = cause.source();
    }
    error.to_string()
}

fn transport(settings: &MailSettings) -> Result<SmtpTransport, SendFailure> {
    let host = settings.host.trim();
    let builder = match settings.security {
        MailSecurity::None => SmtpTransport::builder_dangerous(host),
        MailSecurity::StartTls | MailSecurity::Tls => {
            let parameters =
                TlsParameters::new(host.to_owned()).map_err(|error| SendFailure::temporary(error.to_string()))?;
            let tls = if settings.security == MailSecurity::Tls {
                Tls::Wrapper(parameters)
            } else {
                Tls::Required(parameters)
            };
            SmtpTransport::builder_dangerous(host).tls(tls)
        }
    };
    let mut builder = builder.port(settings.port).timeout(Some(SERVER_TIMEOUT));
    if !settings.username.is_empty() {
        builder = builder.credentials((settings.username.clone(), settings.password.clone()).into());
    }
    Ok(builder.build())
}

/// The parts of one message.
struct Letter<'a> {
    to: &'a str,
    subject: &'a str,
    text: &'a str,
    html: Option<&'a str>,
    /// Fixed for an outbox row, so a message sent twice after a crash carries the same id; `None`: a new one.
    message_id: Option<String>,
}

/// `<hiredesk.outbox.ID.CREATED@sender-domain>`: the same for every attempt at one outbox row, different
/// for every row and every database.
fn message_id(settings: &MailSettings, id: i32, created_at: i64) -> String {
    let sender = settings.sender.trim().trim_end_matches('>');
    let domain = sender.rsplit_once('@').map_or("hiredesk.invalid", |(_, domain)| domain);
    format!("<hiredesk.outbox.{id}.{created_at}@{domain}>")
}

fn message(settings: &MailSettings, letter: &Letter<'_>) -> Result<Message, SendFailure> {
    let from: Mailbox = settings
        .sender
        .parse()
        .map_err(|error| SendFailure::permanent(format!("the sender address is not valid: {error}")))?;
    let to: Mailbox = letter
        .to
        .parse()
        .map_err(|error| SendFailure::permanent(format!("the recipient address is not valid: {error}")))?;
    let builder = Message::builder().from(from).to(to).subject(letter.subject).message_id(letter.message_id.clone());
    let built = match letter.html {
        Some(html) => builder.multipart(
            MultiPart::alternative()
                .singlepart(SinglePart::builder().header(ContentType::TEXT_PLAIN).body(letter.text.to_owned()))
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(html.to_owned())),
        ),
        None => builder.header(ContentType::TEXT_PLAIN).body(letter.text.to_owned()),
    };
    built.map_err(|error| SendFailure::permanent(error.to_string()))
}

// The command of Send Test Message.

impl Handle for SendTestEmailRequest {
    const ACCESS: Access = Access::Administrator;

    /// Sends at once with the saved settings (it blocks while the server answers).
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<String> {
        send_test(cx.conn, cx.mail_password, &cx.user)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_wait_longer_each_time_up_to_an_hour() {
        let waits: Vec<i64> = (0..9).map(|attempts| backoff(attempts).num_minutes()).collect();
        assert_eq!(waits, [1, 2, 4, 8, 16, 32, 60, 60, 60]);
    }
}
