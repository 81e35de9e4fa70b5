//! Offers (SPEC OF-1 to OF-10). An offer is made for one application at stage Offer from one template; it
//! starts as a Draft when the recruiter first clicks [Save], may need approval step by step, is sent by
//! email through the outbox, and ends accepted, declined, rescinded or expired. After that a new version can
//! start from the previous one's values.
//!
//! The legal moves are one table, [`transition`]; every action checks it (and who may act) in core, so the
//! UI's buttons are only a reflection of it. Each action is one transaction with its offer event (for
//! [View History]) and its History entry.

pub mod approvals;
pub mod letter;
mod sending;
pub mod tags;
pub mod templates;

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::schema::{applications, job_seekers, offer_approvals, offer_events, offers};
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Actor, Entry, HistoryKind};
use crate::notes::parse_due_date;
use crate::time::{self, UserZone};
use approvals::Step;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::prelude::*;
use diesel::SqliteConnection;
use hiredesk_wire::{
    ApprovalStep, ErrorKind, OfferAction, OfferActionKind, OfferActionRequest, OfferEventView, OfferStatus, OfferTab,
    OfferTabRequest, OfferTag, OfferTagsRequest, OfferView, SaveOfferRequest, Stage,
};
use letter::Letter;
use sending::{complete, send};
use std::collections::BTreeMap;

/// A move in an offer's life, as [`transition`] sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// [Save] on an existing offer.
    Edit,
    RequestApproval,
    /// One approval step; `last` when no step is left after it.
    Approve {
        last: bool,
    },
    Send,
    Rescind,
    Respond {
        accepted: bool,
    },
    /// Past its expiry date without an answer (the scheduler, not a user).
    Expire,
    /// A new version after this one ended.
    SendNewOffer,
}

/// Where `from` goes with `step`, or `None` when the move is not allowed. `needs_approval`: the offer's
/// template names approvers, so it must be approved before it is sent.
pub fn transition(from: OfferStatus, step: Move, needs_approval: bool) -> Option<OfferStatus> {
    use OfferStatus::*;
    match (from, step) {
        (Draft, Move::Edit) => Some(Draft),
        (Draft, Move::RequestApproval) if needs_approval => Some(PendingApproval),
        (PendingApproval, Move::Approve { last: false }) => Some(PendingApproval),
        (PendingApproval, Move::Approve { last: true }) => Some(Approved),
        (Draft, Move::Send) if !needs_approval => Some(Sent),
        (Approved, Move::Send) => Some(Sent),
        (PendingApproval | Approved | Sent | Accepted, Move::Rescind) => Some(Rescinded),
        (Sent, Move::Respond { accepted: true }) => Some(Accepted),
        (Sent, Move::Respond { accepted: false }) => Some(Declined),
        (Sent, Move::Expire) => Some(Expired),
        (Declined | Rescinded | Expired, Move::SendNewOffer) => Some(Draft),
        _ => None,
    }
}

#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = offers)]
struct Offer {
    id: i32,
    application_id: i32,
    template_id: i32,
    version: i32,
    status: String,
    tag_values: String,
    expires_on: Option<String>,
    sent_html: Option<String>,
    sent_subject: Option<String>,
    status_at: i64,
    status_by: String,
    created_by_user_id: i32,
}

impl Offer {
    fn status(&self) -> OfferStatus {
        OfferStatus::parse(&self.status).unwrap_or(OfferStatus::Draft)
    }

    fn stored_values(&self) -> BTreeMap<String, String> {
        serde_json::from_str(&self.tag_values).unwrap_or_default()
    }
}

/// The application an offer is for.
#[derive(Debug, Clone)]
struct Application {
    job_seeker_id: i32,
    requisition_id: i32,
    stage: String,
    job_seeker: String,
    email: String,
}

fn application(conn: &mut SqliteConnection, application_id: i32) -> CoreResult<Application> {
    let found: Option<(i32, i32, String, String, String, String)> = applications::table
        .inner_join(job_seekers::table)
        .filter(applications::id.eq(application_id))
        .select((
            applications::job_seeker_id,
            applications::requisition_id,
            applications::stage,
            job_seekers::first_name,
            job_seekers::last_name,
            job_seekers::email,
        ))
        .first(conn)
        .optional()?;
    let (job_seeker_id, requisition_id, stage, first, last, email) =
        found.ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This application no longer exists."))?;
    Ok(Application { job_seeker_id, requisition_id, stage, job_seeker: format!("{first} {last}"), email })
}

fn at_offer_stage(application: &Application) -> CoreResult<()> {
    if application.stage == Stage::Offer.label() {
        Ok(())
    } else {
        Err(CoreError::user(
            ErrorKind::Conflict,
            format!("Offers are made only at stage Offer; this application is at stage {}.", application.stage),
        ))
    }
}

fn latest(conn: &mut SqliteConnection, application_id: i32) -> CoreResult<Option<Offer>> {
    Ok(offers::table
        .filter(offers::application_id.eq(application_id))
        .order(offers::version.desc())
        .select(Offer::as_select())
        .first(conn)
        .optional()?)
}

fn find(conn: &mut SqliteConnection, id: i32) -> CoreResult<Offer> {
    offers::table
        .find(id)
        .select(Offer::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This offer no longer exists."))
}

/// The values a letter uses: the database's, with the recruiter's on top.
fn merged_values(
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
    conn: &mut SqliteConnection,
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
    conn: &mut SqliteConnection,
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
    let rows: Vec<(i32, String, String, i64, String)> = offer_events::table
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
            action: action_label(&action).to_owned(),
            user,
            at: time::render(time::from_millis(at), zone),
            comment,
        })
        .collect();
    let today = time::to_local(now, zone).wall.date().format("%m/%d/%Y").to_string();
    Ok(OfferTab { templates: templates::active(conn)?, offer, events, today })
}

fn action_label(action: &str) -> &str {
    match action {
        "generated" => "Generated",
        "edited" => "Edited",
        "approval_requested" => "Approval requested",
        "approved" => "Approved",
        "sent" => "Sent",
        "accepted" => "Accepted",
        "declined" => "Declined",
        "rescinded" => "Rescinded",
        "expired" => "Expired",
        other => other,
    }
}

fn view(
    conn: &mut SqliteConnection,
    signed_in: &SignedInUser,
    offer: &Offer,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<OfferView> {
    let template = templates::find(conn, offer.template_id)?;
    let letter = templates::letter(&template)?;
    let filled = tags::filled(conn, offer.application_id, offer.created_by_user_id, zone, now)?;
    let values = merged_values(&filled, &offer.stored_values(), &letter);
    let missing: Vec<String> = letter.missing(&values).map(|tag| tags::label(tag).to_owned()).collect();
    let status = offer.status();
    let (preview_html, subject) = match (&offer.sent_html, &offer.sent_subject) {
        (Some(html), Some(subject)) => (html.clone(), subject.clone()),
        _ => {
            let preview = letter.preview(&values, |tag| tags::label(tag).to_owned());
            let subject = letter.subject(&values);
            (preview.map_err(|error| templates::needs_fixing(&template, &error))?, subject.unwrap_or_default())
        }
    };
    let steps = approvals::steps(conn, offer.id)?;
    let needs_approval = !templates::approvers(conn, offer.template_id)?.is_empty() || !steps.is_empty();
    let next_approver = steps.iter().find(|step| step.open()).map(|step| step.user_id);
    let open_steps = steps.iter().filter(|step| step.open()).count();
    let candidates = [
        (OfferActionKind::RequestApproval, Move::RequestApproval),
        (OfferActionKind::Approve, Move::Approve { last: open_steps == 1 }),
        (OfferActionKind::Send, Move::Send),
        (OfferActionKind::Rescind, Move::Rescind),
        (OfferActionKind::RecordResponse, Move::Respond { accepted: true }),
        (OfferActionKind::SendNewOffer, Move::SendNewOffer),
    ];
    let actions = candidates
        .into_iter()
        .filter(|(_, step)| transition(status, *step, needs_approval).is_some())
        .filter(|(kind, _)| match kind {
            OfferActionKind::Approve => next_approver == Some(signed_in.user.id),
            OfferActionKind::RequestApproval | OfferActionKind::Send => missing.is_empty(),
            _ => true,
        })
        .map(|(kind, _)| kind)
        .collect();
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
        expires_on: offer
            .expires_on
            .as_deref()
            .and_then(|day| NaiveDate::parse_from_str(day, "%Y-%m-%d").ok())
            .map(|day| day.format("%m/%d/%Y").to_string())
            .unwrap_or_default(),
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
        needs_approval,
        actions,
    })
}

fn event(
    conn: &mut SqliteConnection,
    offer_id: i32,
    actor: Actor<'_>,
    action: &str,
    comment: &str,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    diesel::insert_into(offer_events::table)
        .values((
            offer_events::offer_id.eq(offer_id),
            offer_events::at.eq(time::to_millis(now)),
            offer_events::actor_user_id.eq(actor.user_id),
            offer_events::actor_email.eq(actor.email),
            offer_events::action.eq(action),
            offer_events::comment.eq(comment),
        ))
        .execute(conn)?;
    Ok(())
}

fn set_status(
    conn: &mut SqliteConnection,
    offer_id: i32,
    status: OfferStatus,
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    diesel::update(offers::table.find(offer_id))
        .set((
            offers::status.eq(status.as_str()),
            offers::status_at.eq(time::to_millis(now)),
            offers::status_by.eq(actor.email),
        ))
        .execute(conn)?;
    Ok(())
}

/// Writes the History entry of an offer action (inside its transaction).
fn record(
    conn: &mut SqliteConnection,
    actor: Actor<'_>,
    kind: HistoryKind,
    found: &Application,
    offer_id: i32,
    summary: String,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    diesel::update(job_seekers::table.find(found.job_seeker_id))
        .set(job_seekers::last_activity_at.eq(time::to_millis(now)))
        .execute(conn)?;
    history::record(
        conn,
        &Entry::about(now, actor, kind, found.job_seeker_id, Some(found.requisition_id), summary)
            .with_details(serde_json::json!({ "offer_id": offer_id })),
    )
}

fn refused(status: OfferStatus, what: &str) -> CoreError {
    CoreError::user(
        ErrorKind::Conflict,
        format!("{what} is not possible while the offer is {}.", status.label().to_lowercase()),
    )
}

/// [Save]: generates the offer, or saves the draft, with the values of the tag column.
pub fn save(
    conn: &mut SqliteConnection,
    signed_in: &SignedInUser,
    request: &SaveOfferRequest,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<OfferTab> {
    let today = time::to_local(now, zone).wall.date();
    let expires_on = match request.expires_on.trim() {
        "" => None,
        typed => {
            let day = parse_due_date(typed).map_err(|refusal| CoreError::field("expires_on", refusal.to_string()))?;
            if day < today {
                return Err(CoreError::field(
                    "expires_on",
                    "The expiry date has already passed. Choose today or a later day.",
                ));
            }
            Some(day.format("%Y-%m-%d").to_string())
        }
    };
    let actor = signed_in.user.actor();
    conn.immediate_transaction(|conn| {
        let found = application(conn, request.application_id)?;
        at_offer_stage(&found)?;
        let template = templates::find(conn, request.template_id)?;
        let letter = templates::letter(&template)?;
        let previous = latest(conn, request.application_id)?;
        if let Some(offer) = &previous {
            if transition(offer.status(), Move::Edit, false).is_none() {
                return Err(CoreError::user(
                    ErrorKind::Conflict,
                    format!("This offer is {} and can no longer be changed.", offer.status().label().to_lowercase()),
                ));
            }
        }
        if !template.active && previous.as_ref().is_none_or(|offer| offer.template_id != template.id) {
            return Err(CoreError::field("template", "This template is no longer in use. Choose another."));
        }
        let recruiter = previous.as_ref().map_or(signed_in.user.id, |offer| offer.created_by_user_id);
        let filled = tags::filled(conn, request.application_id, recruiter, zone, now)?;
        // Keep what the recruiter typed: every tag the database does not fill, and filled ones they changed.
        let stored: BTreeMap<String, String> = letter
            .all_tags()
            .filter_map(|tag| {
                let typed = request.values.get(tag)?.trim();
                let keep = !tags::is_filled(tag) || filled.get(tag).map(|value| value.trim()) != Some(typed);
                (keep && !typed.is_empty()).then(|| (tag.to_owned(), typed.to_owned()))
            })
            .collect();
        let stored_json = serde_json::to_string(&stored).unwrap_or_else(|_| "{}".into());
        match previous {
            None => {
                let first = NewVersion {
                    application_id: request.application_id,
                    template_id: template.id,
                    version: 1,
                    tag_values: &stored_json,
                    expires_on: expires_on.as_deref(),
                };
                generate(
                    conn,
                    signed_in,
                    &found,
                    &first,
                    &template.name,
                    format!("Offer generated from {}", template.name),
                    now,
                )?;
            }
            Some(offer) => {
                let unchanged = offer.template_id == template.id
                    && offer.tag_values == stored_json
                    && offer.expires_on == expires_on;
                if !unchanged {
                    diesel::update(offers::table.find(offer.id))
                        .set((
                            offers::template_id.eq(template.id),
                            offers::tag_values.eq(&stored_json),
                            offers::expires_on.eq(&expires_on),
                        ))
                        .execute(conn)?;
                    event(conn, offer.id, actor, "edited", &template.name, now)?;
                    let summary = format!("Offer edited (version {}, {})", offer.version, template.name);
                    record(conn, actor, HistoryKind::OfferEdited, &found, offer.id, summary, now)?;
                }
            }
        }
        Ok::<_, CoreError>(())
    })?;
    tab(conn, signed_in, request.application_id, zone, now)
}

/// One step in an offer's life, checked against [`transition`] and against who may take it.
pub fn act(
    conn: &mut SqliteConnection,
    signed_in: &SignedInUser,
    request: &OfferActionRequest,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<OfferTab> {
    let actor = signed_in.user.actor();
    let application_id = conn.immediate_transaction(|conn| {
        let offer = find(conn, request.offer_id)?;
        let found = application(conn, offer.application_id)?;
        at_offer_stage(&found)?;
        let status = offer.status();
        let template = templates::find(conn, offer.template_id)?;
        let approvers = templates::approvers(conn, offer.template_id)?;
        let steps = approvals::steps(conn, offer.id)?;
        let needs_approval = !approvers.is_empty() || !steps.is_empty();
        match &request.action {
            OfferAction::RequestApproval => {
                transition(status, Move::RequestApproval, needs_approval)
                    .ok_or_else(|| refused(status, "Requesting approval"))?;
                complete(conn, &offer, &template, zone, now)?;
                diesel::delete(offer_approvals::table.filter(offer_approvals::offer_id.eq(offer.id))).execute(conn)?;
                for (position, user_id) in (1..).zip(&approvers) {
                    diesel::insert_into(offer_approvals::table)
                        .values((
                            offer_approvals::offer_id.eq(offer.id),
                            offer_approvals::position.eq(position),
                            offer_approvals::user_id.eq(user_id),
                        ))
                        .execute(conn)?;
                }
                set_status(conn, offer.id, OfferStatus::PendingApproval, actor, now)?;
                let comment =
                    format!("{} approval step{}", approvers.len(), if approvers.len() == 1 { "" } else { "s" });
                event(conn, offer.id, actor, "approval_requested", &comment, now)?;
                record(
                    conn,
                    actor,
                    HistoryKind::OfferApprovalRequested,
                    &found,
                    offer.id,
                    format!("Offer approval requested ({comment})"),
                    now,
                )?;
            }
            OfferAction::Approve => {
                let open: Vec<&Step> = steps.iter().filter(|step| step.open()).collect();
                let Some(step) = open.first() else { return Err(refused(status, "Approving")) };
                let next = transition(status, Move::Approve { last: open.len() == 1 }, needs_approval)
                    .ok_or_else(|| refused(status, "Approving"))?;
                let position = step.position;
                if step.user_id != signed_in.user.id {
                    return Err(CoreError::user(
                        ErrorKind::Forbidden,
                        format!("Step {position} of the approval is for {}.", step.email),
                    ));
                }
                diesel::update(offer_approvals::table.find((offer.id, position)))
                    .set(offer_approvals::approved_at.eq(time::to_millis(now)))
                    .execute(conn)?;
                set_status(conn, offer.id, next, actor, now)?;
                let comment = format!("Step {position} of {}", steps.len());
                event(conn, offer.id, actor, "approved", &comment, now)?;
                record(
                    conn,
                    actor,
                    HistoryKind::OfferApproved,
                    &found,
                    offer.id,
                    format!("Offer approved ({})", comment.to_lowercase()),
                    now,
                )?;
            }
            OfferAction::Send => {
                transition(status, Move::Send, needs_approval).ok_or_else(|| refused(status, "Sending"))?;
                send(conn, signed_in, &offer, &found, &template, zone, now)?;
            }
            OfferAction::Rescind { comment } => {
                transition(status, Move::Rescind, needs_approval).ok_or_else(|| refused(status, "Rescinding"))?;
                set_status(conn, offer.id, OfferStatus::Rescinded, actor, now)?;
                event(conn, offer.id, actor, "rescinded", comment.trim(), now)?;
                record(
                    conn,
                    actor,
                    HistoryKind::OfferRescinded,
                    &found,
                    offer.id,
                    with_comment("Offer rescinded", comment),
                    now,
                )?;
            }
            OfferAction::RecordResponse { accepted, date, comment } => {
                let step = Move::Respond { accepted: *accepted };
                let next =
                    transition(status, step, needs_approval).ok_or_else(|| refused(status, "Recording a response"))?;
                let day =
                    parse_due_date(date).map_err(|refusal| CoreError::field("response_date", refusal.to_string()))?;
                if day > time::to_local(now, zone).wall.date() {
                    return Err(CoreError::field("response_date", "The response date cannot be in the future."));
                }
                set_status(conn, offer.id, next, actor, now)?;
                let (action, kind) = if *accepted {
                    ("accepted", HistoryKind::OfferAccepted)
                } else {
                    ("declined", HistoryKind::OfferDeclined)
                };
                let said = with_comment(&format!("Response on {}", day.format("%m/%d/%Y")), comment);
                event(conn, offer.id, actor, action, &said, now)?;
                record(conn, actor, kind, &found, offer.id, format!("Offer {action}. {said}"), now)?;
            }
            OfferAction::SendNewOffer => {
                transition(status, Move::SendNewOffer, needs_approval)
                    .ok_or_else(|| refused(status, "Starting a new offer"))?;
                let next = NewVersion {
                    version: offer.version + 1,
                    tag_values: &offer.tag_values,
                    expires_on: None,
                    ..NewVersion::of(&offer)
                };
                let comment = format!("Version {}, from version {}", next.version, offer.version);
                let summary = format!("New offer generated ({})", comment.to_lowercase());
                generate(conn, signed_in, &found, &next, &comment, summary, now)?;
            }
        }
        Ok::<_, CoreError>(offer.application_id)
    })?;
    tab(conn, signed_in, application_id, zone, now)
}

/// A version of an offer to write as a new Draft.
struct NewVersion<'a> {
    application_id: i32,
    template_id: i32,
    version: i32,
    tag_values: &'a str,
    expires_on: Option<&'a str>,
}

impl<'a> NewVersion<'a> {
    fn of(offer: &'a Offer) -> Self {
        NewVersion {
            application_id: offer.application_id,
            template_id: offer.template_id,
            version: offer.version,
            tag_values: &offer.tag_values,
            expires_on: offer.expires_on.as_deref(),
        }
    }
}

/// Writes a new Draft with its "generated" event and History entry; the recruiter is the one who made it.
fn generate(
    conn: &mut SqliteConnection,
    signed_in: &SignedInUser,
    found: &Application,
    new: &NewVersion<'_>,
    comment: &str,
    summary: String,
    now: DateTime<Utc>,
) -> CoreResult<i32> {
    let (actor, at) = (signed_in.user.actor(), time::to_millis(now));
    let id: i32 = diesel::insert_into(offers::table)
        .values((
            offers::application_id.eq(new.application_id),
            offers::job_seeker_id.eq(found.job_seeker_id),
            offers::template_id.eq(new.template_id),
            offers::version.eq(new.version),
            offers::tag_values.eq(new.tag_values),
            offers::expires_on.eq(new.expires_on),
            offers::status_at.eq(at),
            offers::status_by.eq(actor.email),
            offers::created_by_user_id.eq(signed_in.user.id),
            offers::created_at.eq(at),
        ))
        .returning(offers::id)
        .get_result(conn)?;
    event(conn, id, actor, "generated", comment, now)?;
    record(conn, actor, HistoryKind::OfferGenerated, found, id, summary, now)?;
    Ok(id)
}

fn with_comment(what: &str, comment: &str) -> String {
    match comment.trim() {
        "" => what.to_owned(),
        comment => format!("{what}: {comment}"),
    }
}

/// Marks every sent offer whose expiry day has ended (Eastern Time, the organisation's clock) without an
/// answer as expired. The scheduler calls this with the notices; returns how many expired.
pub fn expire_due(conn: &mut SqliteConnection, now: DateTime<Utc>) -> CoreResult<usize> {
    let today = time::eastern_date(now).format("%Y-%m-%d").to_string();
    let due: Vec<(i32, i32, String)> = offers::table
        .filter(offers::status.eq(OfferStatus::Sent.as_str()))
        .filter(offers::expires_on.lt(&today))
        .select((offers::id, offers::application_id, offers::expires_on.assume_not_null()))
        .load(conn)?;
    for (offer_id, application_id, day) in &due {
        conn.immediate_transaction(|conn| {
            let found = application(conn, *application_id)?;
            let actor = Actor::SYSTEM;
            set_status(conn, *offer_id, OfferStatus::Expired, actor, now)?;
            let day = NaiveDate::parse_from_str(day, "%Y-%m-%d")
                .map(|day| day.format("%m/%d/%Y").to_string())
                .unwrap_or_default();
            let comment = format!("No answer by {day}");
            event(conn, *offer_id, actor, "expired", &comment, now)?;
            record(
                conn,
                actor,
                HistoryKind::OfferExpired,
                &found,
                *offer_id,
                format!("Offer expired: {}", comment.to_lowercase()),
                now,
            )
        })?;
    }
    Ok(due.len())
}

// The commands of the Offers tab. An action may send the letter (mail) or start an approval step (a notice).

impl Handle for OfferTabRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<OfferTab> {
        tab(cx.conn, &cx.user, self.application_id, cx.zone, cx.now)
    }
}

impl Handle for OfferTagsRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<OfferTag>> {
        tags_for(cx.conn, &cx.user, self.application_id, self.template_id, cx.zone, cx.now)
    }
}

impl Handle for SaveOfferRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<OfferTab> {
        save(cx.conn, &cx.user, self, cx.zone, cx.now)
    }
}

impl Handle for OfferActionRequest {
    const WAKES: Wakes = Wakes::MAIL_AND_NOTICES;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<OfferTab> {
        act(cx.conn, &cx.user, self, cx.zone, cx.now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use OfferStatus::*;

    const MOVES: [Move; 9] = [
        Move::Edit,
        Move::RequestApproval,
        Move::Approve { last: false },
        Move::Approve { last: true },
        Move::Send,
        Move::Rescind,
        Move::Respond { accepted: true },
        Move::Respond { accepted: false },
        Move::Expire,
    ];

    #[test]
    fn every_legal_move_and_nothing_else() {
        let legal = |needs_approval: bool| -> Vec<(OfferStatus, Move, OfferStatus)> {
            let mut moves: Vec<_> = OfferStatus::ALL
                .iter()
                .flat_map(|from| MOVES.iter().chain([&Move::SendNewOffer]).map(move |step| (*from, *step)))
                .filter_map(|(from, step)| transition(from, step, needs_approval).map(|to| (from, step, to)))
                .collect();
            moves.sort_by_key(|(from, step, _)| (from.as_str(), format!("{step:?}")));
            moves
        };
        let mut expected_without = vec![
            (Accepted, Move::Rescind, Rescinded),
            (Approved, Move::Rescind, Rescinded),
            (Approved, Move::Send, Sent),
            (Declined, Move::SendNewOffer, Draft),
            (Draft, Move::Edit, Draft),
            (Draft, Move::Send, Sent),
            (Expired, Move::SendNewOffer, Draft),
            (PendingApproval, Move::Approve { last: false }, PendingApproval),
            (PendingApproval, Move::Approve { last: true }, Approved),
            (PendingApproval, Move::Rescind, Rescinded),
            (Rescinded, Move::SendNewOffer, Draft),
            (Sent, Move::Expire, Expired),
            (Sent, Move::Rescind, Rescinded),
            (Sent, Move::Respond { accepted: true }, Accepted),
            (Sent, Move::Respond { accepted: false }, Declined),
        ];
        expected_without.sort_by_key(|(from, step, _)| (from.as_str(), format!("{step:?}")));
        assert_eq!(legal(false), expected_without);
        // With approvers a draft cannot be sent directly; it asks for approval instead.
        let mut expected_with: Vec<_> =
            expected_without.into_iter().filter(|(from, step, _)| !(*from == Draft && *step == Move::Send)).collect();
        expected_with.push((Draft, Move::RequestApproval, PendingApproval));
        expected_with.sort_by_key(|(from, step, _)| (from.as_str(), format!("{step:?}")));
        assert_eq!(legal(true), expected_with);
    }

    #[test]
    fn ended_offers_take_no_action_but_a_new_version() {
        for ended in [Declined, Rescinded, Expired] {
            for step in MOVES {
                assert_eq!(transition(ended, step, false), None, "{ended:?} {step:?}");
            }
        }
    }
}
