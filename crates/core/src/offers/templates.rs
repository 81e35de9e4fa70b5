//! Offer templates, kept by administrators under Settings (SPEC OF-2, OF-9).

use super::letter::{Letter, TemplateError};
use super::tags;
use crate::accounts::SignedInUser;
use crate::command::{Access, Context, Handle};
use crate::db::schema::{offer_template_approvers, offer_templates, users};
use crate::db::DbConn;
use crate::error::FieldErrors;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Entry, HistoryKind};
use crate::time;
use crate::validation::TextRule;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{ErrorKind, OfferTemplateView, OfferTemplates, OfferTemplatesRequest, SaveOfferTemplateRequest};

/// A stored template.
#[derive(Debug, Clone, Queryable, Selectable)]
#[diesel(table_name = offer_templates)]
pub struct Template {
    pub id: i32,
    pub name: String,
    pub subject: String,
    pub body: String,
    #[diesel(column_name = is_active)]
    pub active: bool,
}

/// The columns of a template as it is written, added or saved.
#[derive(Insertable, AsChangeset)]
#[diesel(table_name = offer_templates)]
struct TemplateColumns<'a> {
    name: &'a str,
    subject: &'a str,
    body: &'a str,
    is_active: bool,
    updated_at: i64,
}

/// One approver of a template, at its place in the order.
#[derive(Insertable)]
#[diesel(table_name = offer_template_approvers)]
struct Approver {
    template_id: i32,
    position: i32,
    user_id: i32,
}

pub fn find(conn: &mut DbConn, id: i32) -> CoreResult<Template> {
    offer_templates::table
        .find(id)
        .select(Template::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This offer template no longer exists."))
}

/// A stored template compiled; templates are checked when saved, so this fails only if the tag list changed.
pub fn letter(template: &Template) -> CoreResult<Letter> {
    Letter::compile(&template.subject, &template.body, &tags::is_known).map_err(|error| needs_fixing(template, &error))
}

/// What a recruiter is told when a stored template cannot be compiled or merged: whom to ask.
pub fn needs_fixing(template: &Template, error: &TemplateError) -> CoreError {
    CoreError::user(
        ErrorKind::Conflict,
        format!("The offer template \"{}\" needs fixing by an administrator: {}", template.name, error.message),
    )
}

/// The approvers of a template, in order.
pub fn approvers(conn: &mut DbConn, template_id: i32) -> CoreResult<Vec<i32>> {
    Ok(offer_template_approvers::table
        .filter(offer_template_approvers::template_id.eq(template_id))
        .order(offer_template_approvers::position)
        .select(offer_template_approvers::user_id)
        .load(conn)?)
}

/// The active templates, for the Offers tab's drop-down.
pub fn active(conn: &mut DbConn) -> CoreResult<Vec<(i32, String)>> {
    Ok(offer_templates::table
        .filter(offer_templates::is_active.eq(true))
        .order(offer_templates::name)
        .select((offer_templates::id, offer_templates::name))
        .load(conn)?)
}

fn user_label(first: &str, last: &str, email: &str) -> String {
    format!("{first} {last} <{email}>")
}

/// The Offer Templates page.
pub fn list(conn: &mut DbConn) -> CoreResult<OfferTemplates> {
    let stored: Vec<Template> =
        offer_templates::table.order(offer_templates::name).select(Template::as_select()).load(conn)?;
    let people: Vec<(i32, String, String, String, bool)> = users::table
        .order((users::last_name, users::first_name))
        .select((users::id, users::first_name, users::last_name, users::email, users::is_active))
        .load(conn)?;
    let name_of = |id: i32| {
        people
            .iter()
            .find(|person| person.0 == id)
            .map_or_else(|| format!("user {id}"), |(_, first, last, email, _)| user_label(first, last, email))
    };
    let mut templates = Vec::with_capacity(stored.len());
    for template in stored {
        let approver_ids = approvers(conn, template.id)?;
        templates.push(OfferTemplateView {
            id: template.id,
            name: template.name,
            subject: template.subject,
            body: template.body,
            active: template.active,
            approvers: approver_ids.iter().map(|id| name_of(*id)).collect(),
            approver_ids,
        });
    }
    let users = people
        .iter()
        .filter(|person| person.4)
        .map(|(id, first, last, email, _)| (*id, user_label(first, last, email)))
        .collect();
    Ok(OfferTemplates { templates, catalogue: tags::catalogue(), users })
}

/// Adds or saves a template after checking it; one History entry.
pub fn save(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &SaveOfferTemplateRequest,
    now: DateTime<Utc>,
) -> CoreResult<OfferTemplates> {
    let (name, subject) = (request.name.trim(), request.subject.trim());
    let mut errors = FieldErrors::default();
    if name.is_empty() {
        errors.add("name", "Give the template a name, e.g. Full-Time Offer.");
    } else {
        TextRule::NAME.check(&mut errors, "name", name);
    }
    if subject.is_empty() {
        errors.add("subject", "Write the email subject.");
    } else {
        TextRule::LINE.check(&mut errors, "subject", subject);
    }
    if request.body.trim().is_empty() {
        errors.add("body", "Write the letter.");
    } else if let Some(refusal) = TextRule::LETTER.refusal(&request.body) {
        errors.add("body", refusal);
    } else if let Err(error) = Letter::compile(subject, &request.body, &tags::is_known) {
        errors.add(error.field, error.message);
    }
    let mut seen = std::collections::HashSet::new();
    if request.approver_ids.iter().any(|id| !seen.insert(*id)) {
        errors.add("approvers", "Name each approver once.");
    }
    errors.finish()?;
    crate::db::write(conn, |conn| {
        let active_users: i64 = users::table
            .filter(users::id.eq_any(&request.approver_ids))
            .filter(users::is_active.eq(true))
            .count()
            .get_result(conn)?;
        if usize::try_from(active_users).unwrap_or(0) != request.approver_ids.len() {
            return Err(CoreError::field("approvers", "An approver is no longer an active user. Choose again."));
        }
        let clash: Option<i32> = offer_templates::table
            .filter(crate::db::lower(offer_templates::name).eq(name.to_lowercase()))
            .filter(offer_templates::id.ne(request.id.unwrap_or(0)))
            .select(offer_templates::id)
            .first(conn)
            .optional()?;
        if clash.is_some() {
            return Err(CoreError::field("name", "Another template already has this name."));
        }
        let values = TemplateColumns {
            name,
            subject,
            body: &request.body,
            is_active: request.active,
            updated_at: time::to_millis(now),
        };
        let (id, verb) = match request.id {
            None => (
                diesel::insert_into(offer_templates::table)
                    .values(&values)
                    .returning(offer_templates::id)
                    .get_result(conn)?,
                "added",
            ),
            Some(id) => {
                find(conn, id)?;
                diesel::update(offer_templates::table.find(id)).set(&values).execute(conn)?;
                (id, "saved")
            }
        };
        set_approvers(conn, id, &request.approver_ids)?;
        history::record(
            conn,
            &Entry::account(
                now,
                signed_in.user.actor(),
                HistoryKind::OfferTemplateSaved,
                format!("Offer template {verb}: {name}"),
            )
            .with_details(
                serde_json::json!({ "template_id": id, "active": request.active, "approvers": request.approver_ids }),
            ),
        )
    })?;
    list(conn)
}

fn set_approvers(conn: &mut DbConn, template_id: i32, approver_ids: &[i32]) -> CoreResult<()> {
    diesel::delete(offer_template_approvers::table.filter(offer_template_approvers::template_id.eq(template_id)))
        .execute(conn)?;
    let rows: Vec<Approver> = (1..)
        .zip(approver_ids)
        .map(|(position, user_id)| Approver { template_id, position, user_id: *user_id })
        .collect();
    crate::db::on_backend!(conn, |c| diesel::insert_into(offer_template_approvers::table).values(&rows).execute(c))?;
    Ok(())
}

/// Writes a template without the administrator's checks, for the demo data; it must still compile.
pub(crate) fn insert(
    conn: &mut DbConn,
    template: &Template,
    approver_ids: &[i32],
    now: DateTime<Utc>,
) -> CoreResult<i32> {
    Letter::compile(&template.subject, &template.body, &tags::is_known)
        .map_err(|error| CoreError::Open(format!("demo template {}: {}", template.name, error.message)))?;
    let values = TemplateColumns {
        name: &template.name,
        subject: &template.subject,
        body: &template.body,
        is_active: template.active,
        updated_at: time::to_millis(now),
    };
    let id =
        diesel::insert_into(offer_templates::table).values(values).returning(offer_templates::id).get_result(conn)?;
    set_approvers(conn, id, approver_ids)?;
    Ok(id)
}

// The commands of Administration → Offer Templates.

impl Handle for OfferTemplatesRequest {
    const ACCESS: Access = Access::Administrator;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<OfferTemplates> {
        list(cx.conn)
    }
}

impl Handle for SaveOfferTemplateRequest {
    const ACCESS: Access = Access::Administrator;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<OfferTemplates> {
        save(cx.conn, &cx.user, self, cx.now)
    }
}
