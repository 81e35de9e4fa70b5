//! The Offers tab as the core answers it (SPEC OF-1 to OF-5): the templates to choose from, the tag column
//! (each tag filled from the database, or the recruiter's value on top), the latest offer with its letter
//! previewed, its approval steps and whose turn it is, the actions the user may take now, and every event of
//! the application's offers for [View History].

use super::letter::Letter;
use super::{application, approval_of, approvals, at_offer_stage, latest, tags, templates, transition, Move, Offer};
use crate::accounts::SignedInUser;
use crate::db::schema::{offer_events, offers};
use crate::db::stored::Day;
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::time::{self, UserZone};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{ApprovalStep, OfferActionKind, OfferEventView, OfferTab, OfferTag, OfferView};
use std::collections::BTreeMap;

/// The values a letter uses: the database's, with the recruiter's on top.
pub(super) fn merged_values(
    filled: &BTreeMap<String, String>,
    stored: &BTreeMap<String, String>,
    letter: &Letter,
) -> BTreeMap<String, String> {
    letter
        .all_tags()
        .map(|tag| {
            let value = stored.get(tag).or_else(|| filled.get(tag)).cloned().unwrap_or_default();
            (tag.to_owned(), value)
        })
        .collect()
}

fn tag_column(letter: &Letter, filled: &BTreeMap<String, String>, values: &BTreeMap<String, String>) -> Vec<OfferTag> {
    let mut names: Vec<&str> = letter.all_tags().collect();
    names.sort_by_key(|tag| tags::position(tag));
    names
        .into_iter()
        .map(|tag| OfferTag {
            name: tag.to_owned(),
            label: tags::label(tag).to_owned(),
            filled: tags::is_filled(tag).then(|| filled.get(tag).cloned().unwrap_or_default()),
            value: values.get(tag).cloned().unwrap_or_default(),
        })
        .collect()
}

/// The tags of `template_id` for this application, filled from the database (before anything is saved).
pub fn tags_for(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    application_id: i32,
    template_id: i32,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<Vec<OfferTag>> {
    at_offer_stage(&application(conn, application_id)?)?;
    let letter = templates::letter(&templates::find(conn, template_id)?)?;
    let filled = tags::filled(conn, application_id, signed_in.user.id, zone, now)?;
    Ok(tag_column(&letter, &filled, &merged_values(&filled, &BTreeMap::new(), &letter)))
}

/// The Offers tab of one application: the templates, the latest offer and every action on its offers.
pub fn tab(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    application_id: i32,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<OfferTab> {
    let found = application(conn, application_id)?;
    at_offer_stage(&found)?;
    let offer = match latest(conn, application_id)? {
        Some(offer) => Some(view(conn, signed_in, &offer, zone, now)?),
        None => None,
    };
    let rows: Vec<(i32, Move, String, i64, String)> = offer_events::table
        .inner_join(offers::table)
        .filter(offers::application_id.eq(application_id))
        .order(offer_events::id)
        .select((
            offers::version,
            offer_events::action,
            offer_events::actor_email,
            offer_events::at,
            offer_events::comment,
        ))
        .load(conn)?;
    let events = rows
        .into_iter()
        .map(|(version, action, user, at, comment)| OfferEventView {
            version,
            action: action.label().to_owned(),
            user,
            at: time::render(time::from_millis(at), zone),
            comment,
        })
        .collect();
    let today = time::to_local(now, zone).wall.date().format("%m/%d/%Y").to_string();
    Ok(OfferTab { templates: templates::active(conn)?, offer, events, today })
}

fn view(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    offer: &Offer,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<OfferView> {
    let template = templates::find(conn, offer.template_id)?;
    let letter = templates::letter(&template)?;
    let filled = tags::filled(conn, offer.application_id, offer.created_by_user_id, zone, now)?;
    let values = merged_values(&filled, offer.stored_values(), &letter);
    let missing: Vec<String> = letter.missing(&values).map(|tag| tags::label(tag).to_owned()).collect();
    let status = offer.status;
    let (preview_html, subject) = match (&offer.sent_html, &offer.sent_subject) {
        (Some(html), Some(subject)) => (html.clone(), subject.clone()),
        _ => {
            let preview = letter.preview(&values, |tag| tags::label(tag).to_owned());
            let subject = letter.subject(&values);
            (preview.map_err(|error| templates::needs_fixing(&template, &error))?, subject.unwrap_or_default())
        }
    };
    let steps = approvals::steps(conn, offer.id)?;
    let approval = approval_of(&templates::approvers(conn, offer.template_id)?, &steps);
    let next_approver = steps.iter().find(|step| step.open()).map(|step| step.user_id);
    // The buttons are the legal moves that have one, for whoever may take them now, in the wire's order.
    let mut actions: Vec<OfferActionKind> = Move::ALL
        .into_iter()
        .filter(|step| transition(status, *step, approval).is_some())
        .filter(|step| match step {
            Move::Approve => next_approver == Some(signed_in.user.id),
            Move::RequestApproval | Move::Send => missing.is_empty(),
            _ => true,
        })
        .filter_map(Move::button)
        .collect();
    actions.sort();
    actions.dedup();
    Ok(OfferView {
        id: offer.id,
        version: offer.version,
        template_id: template.id,
        template: template.name,
        status,
        tagline: format!(
            "{} {} by {}",
            status.label(),
            time::render(time::from_millis(offer.status_at), zone),
            offer.status_by
        ),
        tags: tag_column(&letter, &filled, &values),
        // No expiry date is shown as an empty field.
        expires_on: offer.expires_on.map(Day::us).unwrap_or_default(),
        subject,
        preview_html,
        missing,
        approvals: steps
            .iter()
            .map(|step| ApprovalStep {
                approver: step.email.clone(),
                approved: step.approved_at.map(|at| time::render(time::from_millis(at), zone)),
            })
            .collect(),
        needs_approval: approval.needed,
        actions,
    })
}
