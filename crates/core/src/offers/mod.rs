//! Offers (SPEC OF-1 to OF-10). An offer is made for one application at stage Offer from one template; it
//! starts as a Draft when the recruiter first clicks \[Save\], may need approval step by step, is sent by
//! email through the outbox, and ends accepted, declined, rescinded or expired. After that a new version can
//! start from the previous one's values.
//!
//! The legal moves are one table, [`transition`]; every action checks it (and who may act) in core, so the
//! UI's buttons are only a reflection of it. Each action is one transaction with its offer event (for
//! [View History]) and its History entry. One enum, [`Move`], names an action everywhere: the table, the
//! stored event, its label, its History kind, and the wire's request and buttons, which convert to and from it.
//!
//! This file holds the actions (\[Save\], each move, expiry) and what they share; the table is in `moves.rs`,
//! the tab as the core answers it in `tab.rs`, the approval steps in `approvals.rs`, the letter in `letter.rs`
//! with its tags in `tags.rs`, the templates in `templates.rs` and the sending in `sending.rs`.

pub mod approvals;
pub mod letter;
mod moves;
mod sending;
mod tab;
pub mod tags;
pub mod templates;

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::schema::{applications, job_seekers, offer_approvals, offer_events, offers};
use crate::db::stored::{Day, Stored};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult, UnknownValue};
use crate::history::{self, Actor, Entry};
use crate::notes::parse_due_date;
use crate::time::{self, UserZone};
use approvals::Step;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::prelude::*;
use diesel::sql_types::Text;
use hiredesk_wire::{
    ErrorKind, OfferAction, OfferActionRequest, OfferStatus, OfferTab, OfferTabRequest, OfferTag, OfferTagsRequest,
    SaveOfferRequest, Stage,
};
use moves::refused;
pub use moves::{transition, Approval, Move};
use sending::{complete, send};
use std::collections::BTreeMap;
use tab::merged_values;
pub use tab::{tab, tags_for};

/// The recruiter's values of an offer (`offers.tag_values`): free tags, and filled tags they chose to override,
/// as a JSON object of texts. Anything else stored there is a value this version does not know, not `{}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, diesel::FromSqlRow)]
pub(crate) struct TagValues(pub BTreeMap<String, String>);

impl TagValues {
    /// The JSON stored for these values (built directly, so there is no serialisation to fail).
    fn json(&self) -> String {
        let object = self.0.iter().map(|(tag, value)| (tag.clone(), serde_json::Value::String(value.clone())));
        serde_json::Value::Object(object.collect()).to_string()
    }
}

impl<DB: Backend> FromSql<Text, DB> for TagValues
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let text = String::from_sql(bytes)?;
        match serde_json::from_str(&text) {
            Ok(values) => Ok(TagValues(values)),
            Err(error) => Err(UnknownValue::because("offer tag values", text, error).into()),
        }
    }
}

/// One version of an offer, as stored.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = offers)]
struct Offer {
    id: i32,
    application_id: i32,
    template_id: i32,
    version: i32,
    #[diesel(deserialize_as = Stored<OfferStatus>)]
    status: OfferStatus,
    tag_values: TagValues,
    expires_on: Option<Day>,
    sent_html: Option<String>,
    sent_subject: Option<String>,
    status_at: i64,
    status_by: String,
    created_by_user_id: i32,
}

impl Offer {
    fn stored_values(&self) -> &BTreeMap<String, String> {
        &self.tag_values.0
    }
}

/// The application an offer is for.
#[derive(Debug, Clone)]
struct Application {
    job_seeker_id: i32,
    requisition_id: i32,
    stage: Stage,
    job_seeker: String,
    email: String,
}

fn application(conn: &mut DbConn, application_id: i32) -> CoreResult<Application> {
    let found: Option<(i32, i32, Stored<Stage>, String, String, String)> = applications::table
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
    let (job_seeker_id, requisition_id, Stored(stage), first, last, email) =
        found.ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This application no longer exists."))?;
    Ok(Application { job_seeker_id, requisition_id, stage, job_seeker: format!("{first} {last}"), email })
}

fn at_offer_stage(application: &Application) -> CoreResult<()> {
    if application.stage == Stage::Offer {
        Ok(())
    } else {
        Err(CoreError::user(
            ErrorKind::Conflict,
            format!("Offers are made only at stage Offer; this application is at stage {}.", application.stage.label()),
        ))
    }
}

fn latest(conn: &mut DbConn, application_id: i32) -> CoreResult<Option<Offer>> {
    Ok(offers::table
        .filter(offers::application_id.eq(application_id))
        .order(offers::version.desc())
        .select(Offer::as_select())
        .first(conn)
        .optional()?)
}

fn find(conn: &mut DbConn, id: i32) -> CoreResult<Offer> {
    offers::table
        .find(id)
        .select(Offer::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This offer no longer exists."))
}

/// The approval an offer asks for: its template's approvers, or the steps copied from them when it was requested.
fn approval_of(approvers: &[i32], steps: &[Step]) -> Approval {
    Approval {
        needed: !approvers.is_empty() || !steps.is_empty(),
        open_steps: steps.iter().filter(|step| step.open()).count(),
    }
}

/// A row of `offer_events`: one action on one offer, for [View History].
#[derive(Insertable)]
#[diesel(table_name = offer_events)]
struct EventRow<'a> {
    offer_id: i32,
    at: i64,
    actor_user_id: Option<i32>,
    actor_email: &'a str,
    action: Move,
    comment: &'a str,
}

fn event(
    conn: &mut DbConn,
    offer_id: i32,
    actor: Actor<'_>,
    action: Move,
    comment: &str,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let row = EventRow {
        offer_id,
        at: time::to_millis(now),
        actor_user_id: actor.user_id,
        actor_email: actor.email,
        action,
        comment,
    };
    diesel::insert_into(offer_events::table).values(row).execute(conn)?;
    Ok(())
}

/// An offer's status with its tagline: when and by whom it was set.
#[derive(AsChangeset)]
#[diesel(table_name = offers)]
struct StatusChange<'a> {
    #[diesel(serialize_as = Stored<OfferStatus>)]
    status: OfferStatus,
    status_at: i64,
    status_by: &'a str,
}

/// Moves an offer from the status its action was checked against to the next one. The move is a compare and
/// set in the statement itself: when two people move the same offer at once (two desks of a team), the second
/// finds it no longer in the status they saw, and its whole action is refused and rolled back
/// ([`changed_meanwhile`]) rather than applied on top of the first.
fn set_status(
    conn: &mut DbConn,
    offer_id: i32,
    (from, to): (OfferStatus, OfferStatus),
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    if moved(conn, offer_id, (from, to), actor, now)? {
        Ok(())
    } else {
        Err(changed_meanwhile(conn, offer_id)?)
    }
}

/// The compare and set of [`set_status`]; says whether the offer was still in `from` and moved.
fn moved(
    conn: &mut DbConn,
    offer_id: i32,
    (from, to): (OfferStatus, OfferStatus),
    actor: Actor<'_>,
    now: DateTime<Utc>,
) -> CoreResult<bool> {
    let change = StatusChange { status: to, status_at: time::to_millis(now), status_by: actor.email };
    let updated = diesel::update(offers::table.find(offer_id).filter(offers::status.eq(Stored(from))))
        .set(change)
        .execute(conn)?;
    Ok(updated == 1)
}

/// The refusal of an action on an offer someone else changed after it was read: what it is now, and what to do.
fn changed_meanwhile(conn: &mut DbConn, offer_id: i32) -> CoreResult<CoreError> {
    let now: Stored<OfferStatus> = offers::table.find(offer_id).select(offers::status).first(conn)?;
    Ok(CoreError::user(
        ErrorKind::Conflict,
        format!(
            "Someone else changed this offer a moment ago; it is now {}. Nothing was changed: look at the offer \
             again before you go on.",
            now.0.label().to_lowercase()
        ),
    ))
}

/// Writes the History entry of an offer action (inside its transaction).
fn record(
    conn: &mut DbConn,
    actor: Actor<'_>,
    step: Move,
    found: &Application,
    offer_id: i32,
    summary: String,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    diesel::update(job_seekers::table.find(found.job_seeker_id))
        .set(job_seekers::last_activity_at.eq(time::to_millis(now)))
        .execute(conn)?;
    let kind = step.history_kind();
    history::record(
        conn,
        &Entry::about(now, actor, kind, found.job_seeker_id, Some(found.requisition_id), summary)
            .with_details(serde_json::json!({ "offer_id": offer_id })),
    )
}

/// What \[Save\] changes in a draft: the template, the recruiter's values and the expiry (none: NULL).
#[derive(AsChangeset)]
#[diesel(table_name = offers, treat_none_as_null = true)]
struct DraftChange {
    template_id: i32,
    tag_values: String,
    expires_on: Option<String>,
}

/// \[Save\]: generates the offer, or saves the draft, with the values of the tag column.
pub fn save(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &SaveOfferRequest,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<OfferTab> {
    let today = time::to_local(now, zone).wall.date();
    crate::validation::TextRule::SHORT.require("expires_on", &request.expires_on)?;
    for (tag, value) in &request.values {
        if crate::validation::TextRule::LINE.refusal(tag).is_some() {
            return Err(CoreError::user(ErrorKind::Validation, "The letter has no such tag."));
        }
        if let Some(refusal) = crate::validation::TextRule::TAG_VALUE.refusal(value) {
            return Err(CoreError::user(ErrorKind::Validation, format!("{}: {refusal}", tags::label(tag))));
        }
        if let Some(refusal) = tags::date_refusal(tag, value) {
            return Err(CoreError::user(ErrorKind::Validation, refusal));
        }
    }
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
            Some(day)
        }
    };
    let actor = signed_in.user.actor();
    crate::db::write(conn, |conn| {
        let found = application(conn, request.application_id)?;
        at_offer_stage(&found)?;
        let template = templates::find(conn, request.template_id)?;
        let letter = templates::letter(&template)?;
        let previous = latest(conn, request.application_id)?;
        if let Some(offer) = &previous {
            if transition(offer.status, Move::Edit, Approval::NOT_NEEDED).is_none() {
                return Err(CoreError::user(
                    ErrorKind::Conflict,
                    format!("This offer is {} and can no longer be changed.", offer.status.label().to_lowercase()),
                ));
            }
        }
        if !template.active && previous.as_ref().is_none_or(|offer| offer.template_id != template.id) {
            return Err(CoreError::field("template", "This template is no longer in use. Choose another."));
        }
        let recruiter = previous.as_ref().map_or(signed_in.user.id, |offer| offer.created_by_user_id);
        let filled = tags::filled(conn, request.application_id, recruiter, zone, now)?;
        // Keep what the recruiter typed: every tag the database does not fill, and filled ones they changed.
        let stored = TagValues(
            letter
                .all_tags()
                .filter_map(|tag| {
                    let typed = request.values.get(tag)?.trim();
                    let keep = !tags::is_filled(tag) || filled.get(tag).map(|value| value.trim()) != Some(typed);
                    (keep && !typed.is_empty()).then(|| (tag.to_owned(), typed.to_owned()))
                })
                .collect(),
        );
        match previous {
            None => {
                let first = NewVersion {
                    application_id: request.application_id,
                    template_id: template.id,
                    version: 1,
                    tag_values: &stored,
                    expires_on,
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
                    && offer.tag_values == stored
                    && offer.expires_on.map(|day| day.0) == expires_on;
                if !unchanged {
                    let edit = DraftChange {
                        template_id: template.id,
                        tag_values: stored.json(),
                        expires_on: expires_on.map(Day::text),
                    };
                    let edited = diesel::update(
                        offers::table.find(offer.id).filter(offers::status.eq(Stored(OfferStatus::Draft))),
                    )
                    .set(edit)
                    .execute(conn)?;
                    if edited == 0 {
                        return Err(changed_meanwhile(conn, offer.id)?);
                    }
                    event(conn, offer.id, actor, Move::Edit, &template.name, now)?;
                    let summary = format!("Offer edited (version {}, {})", offer.version, template.name);
                    record(conn, actor, Move::Edit, &found, offer.id, summary, now)?;
                }
            }
        }
        Ok::<_, CoreError>(())
    })?;
    tab(conn, signed_in, request.application_id, zone, now)
}

/// One step in an offer's life, checked against [`transition`] and against who may take it.
pub fn act(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &OfferActionRequest,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<OfferTab> {
    let actor = signed_in.user.actor();
    let step = Move::from(&request.action);
    let application_id = crate::db::write(conn, |conn| {
        let offer = find(conn, request.offer_id)?;
        let found = application(conn, offer.application_id)?;
        at_offer_stage(&found)?;
        let status = offer.status;
        let template = templates::find(conn, offer.template_id)?;
        let approvers = templates::approvers(conn, offer.template_id)?;
        let steps = approvals::steps(conn, offer.id)?;
        let next = transition(status, step, approval_of(&approvers, &steps)).ok_or_else(|| refused(status, step))?;
        match &request.action {
            OfferAction::RequestApproval => {
                complete(conn, &offer, &template, zone, now)?;
                diesel::delete(offer_approvals::table.filter(offer_approvals::offer_id.eq(offer.id))).execute(conn)?;
                let rows: Vec<NewStep> = (1..)
                    .zip(&approvers)
                    .map(|(position, user_id)| NewStep { offer_id: offer.id, position, user_id: *user_id })
                    .collect();
                crate::db::on_backend!(conn, |c| diesel::insert_into(offer_approvals::table).values(&rows).execute(c))?;
                set_status(conn, offer.id, (status, next), actor, now)?;
                let comment =
                    format!("{} approval step{}", approvers.len(), if approvers.len() == 1 { "" } else { "s" });
                event(conn, offer.id, actor, step, &comment, now)?;
                let summary = format!("Offer approval requested ({comment})");
                record(conn, actor, step, &found, offer.id, summary, now)?;
            }
            OfferAction::Approve => {
                // The table allowed it, so a step is open; the first open one is whose turn it is.
                let Some(open) = steps.iter().find(|candidate| candidate.open()) else {
                    return Err(refused(status, step));
                };
                let position = open.position;
                if open.user_id != signed_in.user.id {
                    return Err(CoreError::user(
                        ErrorKind::Forbidden,
                        format!("Step {position} of the approval is for {}.", open.email),
                    ));
                }
                // Only an open step, in the statement itself: of two approvals of one step at once, one counts.
                let approved = diesel::update(
                    offer_approvals::table.find((offer.id, position)).filter(offer_approvals::approved_at.is_null()),
                )
                .set(offer_approvals::approved_at.eq(time::to_millis(now)))
                .execute(conn)?;
                if approved == 0 {
                    return Err(changed_meanwhile(conn, offer.id)?);
                }
                set_status(conn, offer.id, (status, next), actor, now)?;
                let comment = format!("Step {position} of {}", steps.len());
                event(conn, offer.id, actor, step, &comment, now)?;
                let summary = format!("Offer approved ({})", comment.to_lowercase());
                record(conn, actor, step, &found, offer.id, summary, now)?;
            }
            OfferAction::Send => send(conn, signed_in, &offer, &found, &template, zone, now)?,
            OfferAction::Rescind { comment } => {
                set_status(conn, offer.id, (status, next), actor, now)?;
                event(conn, offer.id, actor, step, comment.trim(), now)?;
                record(conn, actor, step, &found, offer.id, with_comment("Offer rescinded", comment), now)?;
            }
            OfferAction::RecordResponse { date, comment, .. } => {
                let day =
                    parse_due_date(date).map_err(|refusal| CoreError::field("response_date", refusal.to_string()))?;
                if day > time::to_local(now, zone).wall.date() {
                    return Err(CoreError::field("response_date", "The response date cannot be in the future."));
                }
                set_status(conn, offer.id, (status, next), actor, now)?;
                let said = with_comment(&format!("Response on {}", day.format("%m/%d/%Y")), comment);
                event(conn, offer.id, actor, step, &said, now)?;
                let summary = format!("Offer {}. {said}", step.label().to_lowercase());
                record(conn, actor, step, &found, offer.id, summary, now)?;
            }
            OfferAction::SendNewOffer => {
                let next = NewVersion { version: offer.version + 1, expires_on: None, ..NewVersion::of(&offer) };
                let comment = format!("Version {}, from version {}", next.version, offer.version);
                let summary = format!("New offer generated ({})", comment.to_lowercase());
                generate(conn, signed_in, &found, &next, &comment, summary, now)?;
            }
        }
        Ok::<_, CoreError>(offer.application_id)
    })?;
    tab(conn, signed_in, application_id, zone, now)
}

/// An approval step of an offer, copied from its template when approval is requested.
#[derive(Insertable)]
#[diesel(table_name = offer_approvals)]
struct NewStep {
    offer_id: i32,
    position: i32,
    user_id: i32,
}

/// A version of an offer to write as a new Draft.
struct NewVersion<'a> {
    application_id: i32,
    template_id: i32,
    version: i32,
    tag_values: &'a TagValues,
    expires_on: Option<NaiveDate>,
}

impl<'a> NewVersion<'a> {
    fn of(offer: &'a Offer) -> Self {
        NewVersion {
            application_id: offer.application_id,
            template_id: offer.template_id,
            version: offer.version,
            tag_values: &offer.tag_values,
            expires_on: offer.expires_on.map(|day| day.0),
        }
    }
}

/// A row of `offers` as a new Draft is written.
#[derive(Insertable)]
#[diesel(table_name = offers)]
struct OfferRow<'a> {
    application_id: i32,
    job_seeker_id: i32,
    template_id: i32,
    version: i32,
    #[diesel(serialize_as = Stored<OfferStatus>)]
    status: OfferStatus,
    tag_values: String,
    expires_on: Option<String>,
    status_at: i64,
    status_by: &'a str,
    created_by_user_id: i32,
    created_at: i64,
}

/// Writes a new Draft with its "generated" event and History entry; the recruiter is the one who made it.
fn generate(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    found: &Application,
    new: &NewVersion<'_>,
    comment: &str,
    summary: String,
    now: DateTime<Utc>,
) -> CoreResult<i32> {
    let (actor, at) = (signed_in.user.actor(), time::to_millis(now));
    let row = OfferRow {
        application_id: new.application_id,
        job_seeker_id: found.job_seeker_id,
        template_id: new.template_id,
        version: new.version,
        status: OfferStatus::Draft,
        tag_values: new.tag_values.json(),
        expires_on: new.expires_on.map(Day::text),
        status_at: at,
        status_by: actor.email,
        created_by_user_id: signed_in.user.id,
        created_at: at,
    };
    // (application, version) is unique: of two people generating the same version at once, one succeeds.
    let id: i32 = match diesel::insert_into(offers::table).values(row).returning(offers::id).get_result(conn) {
        Err(diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)) => {
            return Err(CoreError::user(
                ErrorKind::Conflict,
                "Someone else generated this offer a moment ago. Nothing was changed: look at the offer again \
                 before you go on.",
            ));
        }
        inserted => inserted?,
    };
    event(conn, id, actor, Move::Generate, comment, now)?;
    record(conn, actor, Move::Generate, found, id, summary, now)?;
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
pub fn expire_due(conn: &mut DbConn, now: DateTime<Utc>) -> CoreResult<usize> {
    let today = Day::text(time::eastern_date(now));
    let due: Vec<(i32, i32, Day)> = offers::table
        .filter(offers::status.eq(Stored(OfferStatus::Sent)))
        .filter(offers::expires_on.lt(&today))
        .select((offers::id, offers::application_id, offers::expires_on.assume_not_null()))
        .load(conn)?;
    let mut expired = 0;
    for (offer_id, application_id, day) in &due {
        let done = crate::db::write(conn, |conn| {
            let found = application(conn, *application_id)?;
            let actor = Actor::SYSTEM;
            // Answered or rescinded since it was read (by someone on another desk): nothing to expire.
            if !moved(conn, *offer_id, (OfferStatus::Sent, OfferStatus::Expired), actor, now)? {
                return Ok(false);
            }
            let comment = format!("No answer by {}", day.us());
            event(conn, *offer_id, actor, Move::Expire, &comment, now)?;
            let summary = format!("Offer expired: {}", comment.to_lowercase());
            record(conn, actor, Move::Expire, &found, *offer_id, summary, now)?;
            Ok::<_, CoreError>(true)
        })?;
        expired += usize::from(done);
    }
    Ok(expired)
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
