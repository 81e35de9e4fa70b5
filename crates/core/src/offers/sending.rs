//! Sending an offer (SPEC OF-5): the letter must be complete, then it is merged, frozen on the offer and
//! queued in the outbox with the response instructions, in the caller's transaction.

use super::letter::{self, Letter};
use super::{event, record, set_status, tags, templates, Application, Move, Offer};
use crate::accounts::users::is_valid_email;
use crate::accounts::SignedInUser;
use crate::db::schema::offers;
use crate::db::stored::Day;
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::mail::{self, Email};
use crate::time::UserZone;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{ErrorKind, OfferStatus};
use std::collections::BTreeMap;

/// A letter with every tag filled: the compiled template, the database's values and the merged ones.
pub(super) struct Complete {
    letter: Letter,
    filled: BTreeMap<String, String>,
    values: BTreeMap<String, String>,
}

/// Refuses a letter that still has empty tags.
pub(super) fn complete(
    conn: &mut DbConn,
    offer: &Offer,
    template: &templates::Template,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<Complete> {
    let letter = templates::letter(template)?;
    let filled = tags::filled(conn, offer.application_id, offer.created_by_user_id, zone, now)?;
    let values = super::merged_values(&filled, offer.stored_values(), &letter);
    let missing: Vec<&str> = letter.missing(&values).map(tags::label).collect();
    if !missing.is_empty() {
        return Err(CoreError::user(
            ErrorKind::Conflict,
            format!("Fill in every tag first: {} still empty.", missing.join(", ")),
        ));
    }
    Ok(Complete { letter, filled, values })
}

/// The letter as sent, frozen on the offer, and the email that carries it.
#[derive(AsChangeset)]
#[diesel(table_name = offers)]
struct Frozen<'a> {
    sent_subject: &'a str,
    sent_html: &'a str,
    sent_text: &'a str,
    outbox_id: i32,
}

/// [Send Offer]: the letter merged, frozen on the offer and queued in the outbox, all in one transaction.
pub(super) fn send(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    offer: &Offer,
    found: &Application,
    template: &templates::Template,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let Complete { letter, filled, values } = complete(conn, offer, template, zone, now)?;
    if !is_valid_email(&found.email) {
        return Err(CoreError::user(
            ErrorKind::Conflict,
            format!(
                "{} has no valid email address. Add one on the Profile tab, then send the offer.",
                found.job_seeker
            ),
        ));
    }
    let merged = letter.merge(&values).map_err(|error| templates::needs_fixing(template, &error))?;
    // The recruiter's details for the instructions, whether or not the letter uses them.
    let recruiter = |tag: &str| values.get(tag).or_else(|| filled.get(tag)).cloned().unwrap_or_default();
    let phone = recruiter("recruiter_phone");
    let reach = if phone.trim().is_empty() {
        recruiter("recruiter_email")
    } else {
        format!("{} or {phone}", recruiter("recruiter_email"))
    };
    let respond = format!(
        "To accept or decline this offer, reply to this email or contact {} at {reach}, and tell us the date \
        of your decision.",
        recruiter("recruiter_name")
    );
    // No expiry date: no sentence about it.
    let expiry = offer
        .expires_on
        .map(|Day(day)| format!(" This offer expires after {}.", day.format("%B %-d, %Y")))
        .unwrap_or_default();
    let text = format!("{}\n\n-- \n{respond}{expiry}\n", merged.text.trim_end());
    let html = format!(
        "<!DOCTYPE html><html><body style=\"font-family: Georgia, serif; font-size: 15px; color: #222;\">\
         <div style=\"white-space: pre-wrap;\">{}</div><hr>\
         <p style=\"font-family: Arial, sans-serif; font-size: 13px; color: #555;\">{}</p></body></html>",
        merged.html,
        letter::escape(&format!("{respond}{expiry}"))
    );
    let outbox_id = mail::enqueue(
        conn,
        &Email {
            to: found.email.clone(),
            subject: merged.subject.clone(),
            text,
            html: Some(html),
            job_seeker_id: Some(found.job_seeker_id),
            user_id: Some(signed_in.user.id),
            secret: None,
        },
        now,
    )?;
    let frozen = Frozen { sent_subject: &merged.subject, sent_html: &merged.html, sent_text: &merged.text, outbox_id };
    diesel::update(offers::table.find(offer.id)).set(frozen).execute(conn)?;
    let actor = signed_in.user.actor();
    set_status(conn, offer.id, (offer.status, OfferStatus::Sent), actor, now)?;
    event(conn, offer.id, actor, Move::Send, &format!("To {}", found.email), now)?;
    record(conn, actor, Move::Send, found, offer.id, format!("Offer sent to {}: {}", found.email, merged.subject), now)
}
