//! The organisation's outgoing mail settings, kept by an Administrator. The password is write-only: it is
//! never sent back to the UI, and it is kept in the installation's [`PasswordStore`] (the credential store, or
//! a file chosen by configuration), never in the database. `mail_settings.password` is only read to move a
//! password an earlier version kept there; it is empty afterwards.

use super::secret::PasswordStore;
use crate::accounts::SignedInUser;
use crate::command::{Access, Context, Handle, Wakes};
use crate::db::schema::mail_settings;
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::FieldErrors;
use crate::error::{CoreResult, UnknownValue};
use crate::history::{self, Actor, Entry, HistoryKind};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{MailSecurity, MailSettings, MailSettingsRequest, SaveMailSettingsRequest};

/// The one row of `mail_settings`.
#[derive(Queryable, Selectable)]
#[diesel(table_name = mail_settings)]
struct Row {
    host: String,
    port: i32,
    #[diesel(deserialize_as = Stored<MailSecurity>)]
    security: MailSecurity,
    username: String,
    password: String,
    sender: String,
}

/// What the form saves (the password goes to its store).
#[derive(AsChangeset)]
#[diesel(table_name = mail_settings)]
struct Change<'a> {
    host: &'a str,
    port: i32,
    #[diesel(serialize_as = Stored<MailSecurity>)]
    security: MailSecurity,
    username: &'a str,
    sender: &'a str,
}

/// The row as stored, with what an earlier version may have left in its password column.
fn load_with_password(conn: &mut DbConn) -> CoreResult<MailSettings> {
    let Row { host, port, security, username, password, sender } =
        mail_settings::table.find(1).select(Row::as_select()).first(conn)?;
    // A port outside 0–65535 is refused rather than replaced by 587, which would send to another service.
    let port = u16::try_from(port)
        .map_err(|_| UnknownValue::because("mail server port", port.to_string(), "not a port number"))?;
    Ok(MailSettings { host, port, security, username, password, sender })
}

/// The settings as an Administrator sees them: the password left out.
pub fn load(conn: &mut DbConn) -> CoreResult<MailSettings> {
    Ok(MailSettings { password: String::new(), ..load_with_password(conn)? })
}

/// Moves a password an earlier version kept in the database into `store`, and empties the column, with a
/// History line; run when the database is opened. Nothing to move: nothing happens. A store that cannot take
/// it leaves the database as it was (the next start tries again) and answers why.
pub fn move_password_to_store(conn: &mut DbConn, store: &PasswordStore, now: DateTime<Utc>) -> CoreResult<bool> {
    let legacy = load_with_password(conn)?.password;
    if legacy.is_empty() {
        return Ok(false);
    }
    store.write(&legacy)?;
    crate::db::write(conn, |conn| {
        diesel::update(mail_settings::table.find(1)).set(mail_settings::password.eq("")).execute(conn)?;
        let summary = "The mail server password was moved out of the database into the credential store";
        history::record(conn, &Entry::account(now, Actor::SYSTEM, HistoryKind::MailSettingsChanged, summary))
    })?;
    Ok(true)
}

pub fn save(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    store: &PasswordStore,
    new: &MailSettings,
    now: DateTime<Utc>,
) -> CoreResult<MailSettings> {
    let mut errors = FieldErrors::default();
    use crate::validation::TextRule;
    TextRule::LINE.check(&mut errors, "host", &new.host);
    TextRule::LINE.check(&mut errors, "username", &new.username);
    TextRule::SECRET.check(&mut errors, "password", &new.password);
    TextRule::LINE.check(&mut errors, "sender", &new.sender);
    if new.host.trim().contains(char::is_whitespace) {
        errors.add("host", "Enter a host name without spaces, like smtp.example.com.");
    }
    if new.port == 0 {
        errors.add("port", "Enter the server's port, usually 587 (STARTTLS), 465 (TLS) or 25.");
    }
    if !new.host.trim().is_empty() && new.sender.trim().parse::<lettre::message::Mailbox>().is_err() {
        errors.add("sender", "Enter the From address, like Recruiting <recruiting@example.com>.");
    }
    errors.finish()?;
    // An empty password keeps the kept one. A new one is kept first: were the store to refuse it, nothing is
    // changed and the administrator reads why at the password field.
    if !new.password.is_empty() {
        store.write(&new.password)?;
    }
    crate::db::write(conn, |conn| {
        let change = Change {
            host: new.host.trim(),
            port: i32::from(new.port),
            security: new.security,
            username: new.username.trim(),
            sender: new.sender.trim(),
        };
        diesel::update(mail_settings::table.find(1)).set(change).execute(conn)?;
        let summary = format!("Outgoing mail settings changed (server {}:{})", new.host.trim(), new.port);
        history::record(conn, &Entry::account(now, signed_in.user.actor(), HistoryKind::MailSettingsChanged, summary))
    })?;
    load(conn)
}

// The commands of Administration → Outgoing Mail; once a server is saved, the waiting mail goes out at once.

impl Handle for MailSettingsRequest {
    const ACCESS: Access = Access::Administrator;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<MailSettings> {
        load(cx.conn)
    }
}

impl Handle for SaveMailSettingsRequest {
    const ACCESS: Access = Access::Administrator;
    const WAKES: Wakes = Wakes::MAIL;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<MailSettings> {
        save(cx.conn, &cx.user, cx.mail_password, &self.0, cx.now)
    }
}
