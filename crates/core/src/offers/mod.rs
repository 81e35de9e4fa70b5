//! Offers (SPEC OF-1 to OF-10). An offer is made for one application at stage Offer from one template; it
//! starts as a Draft when the recruiter first clicks \[Save\], may need approval step by step, is sent by
//! email through the outbox, and ends accepted, declined, rescinded or expired. After that a new version can
//! start from the previous one's values.
//!
//! The legal moves are one table, [`transition`]; every action checks it (and who may act) in core, so the
//! UI's buttons are only a reflection of it. Each action is one transaction with its offer event (for
//! [View History]) and its History entry. One enum, [`Move`], names an action everywhere: the table, the
//! stored event, its label, its History kind, and the wire's request and buttons, which convert to and from it.

pub mod approvals;
pub mod letter;
mod sending;
pub mod tags;
pub mod templates;

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::schema::{applications, job_seekers, offer_approvals, offer_events, offers};
use crate::db::stored::{text_column, Day, Stored, StoredName};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult, UnknownValue};
use crate::history::{self, Actor, Entry, HistoryKind};
use crate::notes::parse_due_date;
use crate::time::{self, UserZone};
use approvals::Step;
use chrono::{DateTime, NaiveDate, Utc};
use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::prelude::*;
use diesel::sql_types::Text;
use hiredesk_wire::{
    ApprovalStep, ErrorKind, OfferAction, OfferActionKind, OfferActionRequest, OfferEventView, OfferStatus, OfferTab,
    OfferTabRequest, OfferTag, OfferTagsRequest, OfferView, SaveOfferRequest, Stage,
};
use letter::Letter;
use sending::{complete, send};
use std::collections::BTreeMap;

/// One action in an offer's life, and the one name for it: [`transition`] checks it, `offer_events.action` stores
/// it, [View History] shows its [`Move::label`] and History records its [`Move::history_kind`]. The wire's two
/// forms convert to and from it: the request (`OfferAction`, which adds what a move carries: a comment, the
/// answer's date) and the buttons (`OfferActionKind`, where accepting and declining are one Record Response).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = Text)]
pub enum Move {
    /// A new Draft: the first version at \[Save\], or the next one after a declined, rescinded or expired offer.
    Generate,
    /// \[Save\] on a draft.
    Edit,
    RequestApproval,
    /// One approval step.
    Approve,
    Send,
    /// The job seeker's answer.
    Accept,
    Decline,
    Rescind,
    /// Past its expiry date without an answer (the scheduler, not a user).
    Expire,
}

impl Move {
    pub const ALL: [Move; 9] = [
        Move::Generate,
        Move::Edit,
        Move::RequestApproval,
        Move::Approve,
        Move::Send,
        Move::Accept,
        Move::Decline,
        Move::Rescind,
        Move::Expire,
    ];

    /// The name stored in `offer_events.action` (the migration's CHECK lists the same).
    pub const fn as_str(self) -> &'static str {
        match self {
            Move::Generate => "generated",
            Move::Edit => "edited",
            Move::RequestApproval => "approval_requested",
            Move::Approve => "approved",
            Move::Send => "sent",
            Move::Accept => "accepted",
            Move::Decline => "declined",
            Move::Rescind => "rescinded",
            Move::Expire => "expired",
        }
    }

    /// What [View History] calls it.
    pub const fn label(self) -> &'static str {
        match self {
            Move::Generate => "Generated",
            Move::Edit => "Edited",
            Move::RequestApproval => "Approval requested",
            Move::Approve => "Approved",
            Move::Send => "Sent",
            Move::Accept => "Accepted",
            Move::Decline => "Declined",
            Move::Rescind => "Rescinded",
            Move::Expire => "Expired",
        }
    }

    /// The kind of its History entry.
    pub const fn history_kind(self) -> HistoryKind {
        match self {
            Move::Generate => HistoryKind::OfferGenerated,
            Move::Edit => HistoryKind::OfferEdited,
            Move::RequestApproval => HistoryKind::OfferApprovalRequested,
            Move::Approve => HistoryKind::OfferApproved,
            Move::Send => HistoryKind::OfferSent,
            Move::Accept => HistoryKind::OfferAccepted,
            Move::Decline => HistoryKind::OfferDeclined,
            Move::Rescind => HistoryKind::OfferRescinded,
            Move::Expire => HistoryKind::OfferExpired,
        }
    }

    /// The button that takes it. \[Save\] edits a draft and generates the first version, and expiry is the
    /// scheduler's, so those have none; a new version after an ended offer is [Send New Offer].
    pub const fn button(self) -> Option<OfferActionKind> {
        match self {
            Move::Generate => Some(OfferActionKind::SendNewOffer),
            Move::RequestApproval => Some(OfferActionKind::RequestApproval),
            Move::Approve => Some(OfferActionKind::Approve),
            Move::Send => Some(OfferActionKind::Send),
            Move::Accept | Move::Decline => Some(OfferActionKind::RecordResponse),
            Move::Rescind => Some(OfferActionKind::Rescind),
            Move::Edit | Move::Expire => None,
        }
    }

    /// How a refusal names an attempt at it: "Sending is not possible while the offer is draft."
    const fn attempt(self) -> &'static str {
        match self {
            Move::Generate => "Starting a new offer",
            Move::Edit => "Editing",
            Move::RequestApproval => "Requesting approval",
            Move::Approve => "Approving",
            Move::Send => "Sending",
            Move::Accept | Move::Decline => "Recording a response",
            Move::Rescind => "Rescinding",
            Move::Expire => "Expiring",
        }
    }
}

impl From<&OfferAction> for Move {
    fn from(action: &OfferAction) -> Self {
        match action {
            OfferAction::RequestApproval => Move::RequestApproval,
            OfferAction::Approve => Move::Approve,
            OfferAction::Send => Move::Send,
            OfferAction::Rescind { .. } => Move::Rescind,
            OfferAction::RecordResponse { accepted: true, .. } => Move::Accept,
            OfferAction::RecordResponse { accepted: false, .. } => Move::Decline,
            OfferAction::SendNewOffer => Move::Generate,
        }
    }
}

impl StoredName for Move {
    const WHAT: &'static str = "offer action";

    fn stored_name(self) -> &'static str {
        self.as_str()
    }

    fn from_stored_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|step| step.as_str() == name)
    }
}

text_column!(Move);

/// The approval an offer's template asks for, as [`transition`] needs to know it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Approval {
    /// The template names approvers (or the offer has steps already): it is approved before it is sent.
    pub needed: bool,
    /// Approval steps not approved yet: the last one approves the offer.
    pub open_steps: usize,
}

impl Approval {
    /// An offer whose template names no approver.
    pub const NOT_NEEDED: Approval = Approval { needed: false, open_steps: 0 };
}

/// Where `from` goes with `step`, or `None` when the move is not allowed.
pub fn transition(from: OfferStatus, step: Move, approval: Approval) -> Option<OfferStatus> {
    use OfferStatus::*;
    match (from, step) {
        (Draft, Move::Edit) => Some(Draft),
        (Draft, Move::RequestApproval) if approval.needed => Some(PendingApproval),
        (PendingApproval, Move::Approve) => match approval.open_steps {
            0 => None,
            1 => Some(Approved),
            _ => Some(PendingApproval),
        },
        (Draft, Move::Send) if !approval.needed => Some(Sent),
        (Approved, Move::Send) => Some(Sent),
        (PendingApproval | Approved | Sent | Accepted, Move::Rescind) => Some(Rescinded),
        (Sent, Move::Accept) => Some(Accepted),
        (Sent, Move::Decline) => Some(Declined),
        (Sent, Move::Expire) => Some(Expired),
        (Declined | Rescinded | Expired, Move::Generate) => Some(Draft),
        _ => None,
    }
}

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

fn refused(status: OfferStatus, step: Move) -> CoreError {
    CoreError::user(
        ErrorKind::Conflict,
        format!("{} is not possible while the offer is {}.", step.attempt(), status.label().to_lowercase()),
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

#[cfg(test)]
mod tests {
    use super::*;
    use OfferStatus::*;

    /// Every move with the open approval steps it is tried with: an approval once with a step left after it (2)
    /// and once as the last one (1); no other move depends on the number.
    const TRIED: [(Move, usize); 10] = [
        (Move::Edit, 1),
        (Move::RequestApproval, 1),
        (Move::Approve, 2),
        (Move::Approve, 1),
        (Move::Send, 1),
        (Move::Rescind, 1),
        (Move::Accept, 1),
        (Move::Decline, 1),
        (Move::Expire, 1),
        (Move::Generate, 1),
    ];

    type Legal = (OfferStatus, Move, usize, OfferStatus);

    fn sorted(mut moves: Vec<Legal>) -> Vec<Legal> {
        moves.sort_by_key(|(from, step, open, _)| (from.as_str(), step.as_str(), *open));
        moves
    }

    fn legal(needed: bool) -> Vec<Legal> {
        sorted(
            OfferStatus::ALL
                .iter()
                .flat_map(|from| TRIED.iter().map(move |(step, open)| (*from, *step, *open)))
                .filter_map(|(from, step, open_steps)| {
                    transition(from, step, Approval { needed, open_steps }).map(|to| (from, step, open_steps, to))
                })
                .collect(),
        )
    }

    #[test]
    fn every_legal_move_and_nothing_else() {
        let expected_without = sorted(vec![
            (Accepted, Move::Rescind, 1, Rescinded),
            (Approved, Move::Rescind, 1, Rescinded),
            (Approved, Move::Send, 1, Sent),
            (Declined, Move::Generate, 1, Draft),
            (Draft, Move::Edit, 1, Draft),
            (Draft, Move::Send, 1, Sent),
            (Expired, Move::Generate, 1, Draft),
            (PendingApproval, Move::Approve, 2, PendingApproval),
            (PendingApproval, Move::Approve, 1, Approved),
            (PendingApproval, Move::Rescind, 1, Rescinded),
            (Rescinded, Move::Generate, 1, Draft),
            (Sent, Move::Expire, 1, Expired),
            (Sent, Move::Rescind, 1, Rescinded),
            (Sent, Move::Accept, 1, Accepted),
            (Sent, Move::Decline, 1, Declined),
        ]);
        assert_eq!(legal(false), expected_without);
        // With approvers a draft cannot be sent directly; it asks for approval instead.
        let mut expected_with: Vec<_> =
            expected_without.into_iter().filter(|(from, step, ..)| !(*from == Draft && *step == Move::Send)).collect();
        expected_with.push((Draft, Move::RequestApproval, 1, PendingApproval));
        assert_eq!(legal(true), sorted(expected_with));
        // With no step left open there is nothing to approve.
        assert_eq!(transition(PendingApproval, Move::Approve, Approval { needed: true, open_steps: 0 }), None);
    }

    #[test]
    fn ended_offers_take_no_action_but_a_new_version() {
        for ended in [Declined, Rescinded, Expired] {
            for (step, open_steps) in TRIED.into_iter().filter(|(step, _)| *step != Move::Generate) {
                for needed in [false, true] {
                    assert_eq!(transition(ended, step, Approval { needed, open_steps }), None, "{ended:?} {step:?}");
                }
            }
        }
    }

    #[test]
    fn every_move_has_one_stored_name_label_and_history_kind() {
        let mut names = std::collections::HashSet::new();
        for step in Move::ALL {
            assert!(names.insert(step.as_str()), "{step:?}");
            assert_eq!(Move::from_stored_name(step.as_str()), Some(step));
            assert!(step.history_kind().as_str().starts_with("offer_"), "{step:?}");
            assert_eq!(step.history_kind().label(), format!("Offer {}", step.label().to_lowercase()));
        }
        assert_eq!(Move::decode("teleported").expect_err("unknown").what, "offer action");
    }

    #[test]
    fn the_wire_requests_and_buttons_are_the_same_moves() {
        let requests = [
            OfferAction::RequestApproval,
            OfferAction::Approve,
            OfferAction::Send,
            OfferAction::Rescind { comment: String::new() },
            OfferAction::RecordResponse { accepted: true, date: String::new(), comment: String::new() },
            OfferAction::RecordResponse { accepted: false, date: String::new(), comment: String::new() },
            OfferAction::SendNewOffer,
        ];
        let moves: Vec<Move> = requests.iter().map(Move::from).collect();
        assert_eq!(
            moves,
            [
                Move::RequestApproval,
                Move::Approve,
                Move::Send,
                Move::Rescind,
                Move::Accept,
                Move::Decline,
                Move::Generate
            ]
        );
        // A request's move is taken with the button that sent it: every button is some move's, once.
        let mut buttons: Vec<OfferActionKind> = moves.iter().filter_map(|step| step.button()).collect();
        buttons.dedup();
        assert_eq!(
            buttons,
            [
                OfferActionKind::RequestApproval,
                OfferActionKind::Approve,
                OfferActionKind::Send,
                OfferActionKind::Rescind,
                OfferActionKind::RecordResponse,
                OfferActionKind::SendNewOffer,
            ]
        );
    }
}
