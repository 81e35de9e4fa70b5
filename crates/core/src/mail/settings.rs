//! The organisation's outgoing mail settings, kept by an Administrator. The password is write-only: it is
//! never sent back to the UI.

use crate::accounts::SignedInUser;
use crate::command::{Access, Context, Handle, Wakes};
use crate::db::schema::mail_settings;
use crate::error::CoreResult;
use crate::error::FieldErrors;
use crate::history::{self, Entry, HistoryKind};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use diesel::SqliteConnection;
use hiredesk_wire::{MailSecurity, MailSettings, MailSettingsRequest, SaveMailSettingsRequest};

fn security_from(text: &str) -> MailSecurity {
    match text {
        "tls" => MailSecurity::Tls,
        "none" => MailSecurity::None,
        _ => MailSecurity::StartTls,
    }
}

fn security_text(security: MailSecurity) -> &'static str {
    match security {
        MailSecurity::StartTls => "starttls",
        MailSecurity::Tls => "tls",
        MailSecurity::None => "none",
    }
}

/// The settings with the password, for sending.
pub(super) fn load_with_password(conn: &mut SqliteConnection) -> CoreResult<MailSettings> {
    let (host, port, security, username, password, sender): (String, i32, String, String, String, String) =
        mail_settings::table
            .find(1)
            .select((
                mail_settings::host,
                mail_settings::port,
                mail_settings::security,
                mail_settings::username,
                mail_settings::password,
                mail_settings::sender,
            ))
            .first(conn)?;
    Ok(MailSettings {
        host,
        port: u16::try_from(port).unwrap_or(587),
        security: security_from(&security),
        username,
        password,
        sender,
    })
}

/// The settings as an Administrator sees them: the password left out.
pub fn load(conn: &mut SqliteConnection) -> CoreResult<MailSettings> {
    Ok(MailSettings { password: String::new(), ..load_with_password(conn)? })
}

pub fn save(
    conn: &mut SqliteConnection,
    signed_in: &SignedInUser,
    new: &MailSettings,
    now: DateTime<Utc>,
) -> CoreResult<MailSettings> {
    let mut errors = FieldErrors::default();
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
    conn.immediate_transaction(|conn| {
        let keep_password = new.password.is_empty();
        diesel::update(mail_settings::table.find(1))
            .set((
                mail_settings::host.eq(new.host.trim()),
                mail_settings::port.eq(i32::from(new.port)),
                mail_settings::security.eq(security_text(new.security)),
                mail_settings::username.eq(new.username.trim()),
                mail_settings::sender.eq(new.sender.trim()),
            ))
            .execute(conn)?;
        if !keep_password {
            diesel::update(mail_settings::table.find(1))
                .set(mail_settings::password.eq(&new.password))
                .execute(conn)?;
        }
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
        save(cx.conn, &cx.user, &self.0, cx.now)
    }
}
