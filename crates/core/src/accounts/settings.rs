//! The signed-in user's own account: Contact Information, Records per Page, Time Zone (SPEC AC-2, AC-7,
//! AC-9). Each save is one transaction with one History entry listing what changed.

use super::users::User;
use super::SignedInUser;
use crate::command::{Access, Context, Handle};
use crate::db::schema::{user_preferences, users};
use crate::db::stored::Stored;
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::error::FieldErrors;
use crate::history::{self, changes_details, Entry, HistoryKind};
use crate::validation::is_valid_phone;
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{
    ContactInformation, CurrentUserRequest, FieldChange, GetContactInformationRequest, SaveContactInformationRequest,
    SavePreferencesRequest, UsTimeZone, UserProfile, RECORDS_PER_PAGE,
};

/// The contact columns of `users`, read and saved together.
#[derive(Queryable, Selectable, AsChangeset)]
#[diesel(table_name = users)]
struct Contact {
    first_name: String,
    last_name: String,
    phone: String,
    extension: String,
}

pub fn contact(conn: &mut DbConn, user: &User) -> CoreResult<ContactInformation> {
    let Contact { first_name, last_name, phone, extension } =
        users::table.find(user.id).select(Contact::as_select()).first(conn)?;
    Ok(ContactInformation { first_name, last_name, phone, extension })
}

/// The display preferences of `user_preferences`, saved together.
#[derive(AsChangeset)]
#[diesel(table_name = user_preferences)]
struct DisplayPreferences {
    records_per_page: i32,
    #[diesel(serialize_as = Stored<UsTimeZone>)]
    time_zone: UsTimeZone,
    observe_daylight_saving: bool,
}

fn validate_contact(contact: &ContactInformation) -> CoreResult<ContactInformation> {
    let contact = ContactInformation {
        first_name: contact.first_name.trim().to_owned(),
        last_name: contact.last_name.trim().to_owned(),
        phone: contact.phone.trim().to_owned(),
        extension: contact.extension.trim().to_owned(),
    };
    let mut errors = FieldErrors::default();
    if contact.first_name.is_empty() {
        errors.add("first_name", "Enter your first name.");
    }
    if contact.last_name.is_empty() {
        errors.add("last_name", "Enter your last name.");
    }
    if !contact.phone.is_empty() && !is_valid_phone(&contact.phone) {
        errors.add("phone", "Enter a phone number like (617) 555-0123, with 10 digits (or + and a country code).");
    }
    if !contact.extension.chars().all(|c| c.is_ascii_digit()) || contact.extension.len() > 6 {
        errors.add("extension", "Enter up to six digits, or leave the extension empty.");
    }
    for (field, value) in [("first_name", &contact.first_name), ("last_name", &contact.last_name)] {
        crate::validation::TextRule::NAME.check(&mut errors, field, value);
    }
    crate::validation::TextRule::SHORT.check(&mut errors, "phone", &contact.phone);
    errors.finish()?;
    Ok(contact)
}

/// Saves the user's contact information; the email is not among the fields and never changes here.
pub fn save_contact(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    contact: &ContactInformation,
    now: DateTime<Utc>,
) -> CoreResult<UserProfile> {
    let new = validate_contact(contact)?;
    let user = &signed_in.user;
    crate::db::write(conn, |conn| {
        let old = self::contact(conn, user)?;
        let changes: Vec<FieldChange> = [
            ("First Name", &old.first_name, &new.first_name),
            ("Last Name", &old.last_name, &new.last_name),
            ("Phone", &old.phone, &new.phone),
            ("Extension", &old.extension, &new.extension),
        ]
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| FieldChange { field: field.to_owned(), old: old.clone(), new: new.clone() })
        .collect();
        if changes.is_empty() {
            return Ok(());
        }
        let ContactInformation { first_name, last_name, phone, extension } = new.clone();
        diesel::update(users::table.find(user.id))
            .set(Contact { first_name, last_name, phone, extension })
            .execute(conn)?;
        let mut entry = Entry::account(now, user.actor(), HistoryKind::ContactChanged, "Contact information changed");
        entry.details = changes_details(&changes);
        history::record(conn, &entry)
    })?;
    User::find(conn, user.id)?.profile(conn)
}

/// Saves Records per Page and the time zone with its daylight-saving switch.
pub fn save_preferences(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &SavePreferencesRequest,
    now: DateTime<Utc>,
) -> CoreResult<UserProfile> {
    if let Some(per_page) = request.records_per_page {
        if !RECORDS_PER_PAGE.contains(&per_page) {
            return Err(crate::error::CoreError::field(
                "records_per_page",
                "Choose 10, 20, 50, 100 or 250 records per page.",
            ));
        }
    }
    let user = &signed_in.user;
    crate::db::write(conn, |conn| {
        let old = user.profile(conn)?;
        let per_page = request.records_per_page.unwrap_or(old.records_per_page);
        let zone = request.time_zone.unwrap_or(old.time_zone);
        let dst = request.observe_daylight_saving.unwrap_or(old.observe_daylight_saving);
        let yes_no = |on: bool| if on { "Yes" } else { "No" }.to_owned();
        let changes: Vec<FieldChange> = [
            ("Records per Page", old.records_per_page.to_string(), per_page.to_string()),
            ("Time Zone", old.time_zone.label().to_owned(), zone.label().to_owned()),
            ("Observe Daylight Saving Time", yes_no(old.observe_daylight_saving), yes_no(dst)),
        ]
        .into_iter()
        .filter(|(_, old, new)| old != new)
        .map(|(field, old, new)| FieldChange { field: field.to_owned(), old, new })
        .collect();
        if changes.is_empty() {
            return Ok(());
        }
        let display =
            DisplayPreferences { records_per_page: i32::from(per_page), time_zone: zone, observe_daylight_saving: dst };
        diesel::update(user_preferences::table.find(user.id)).set(display).execute(conn)?;
        let mut entry = Entry::account(now, user.actor(), HistoryKind::SettingsChanged, "Settings changed");
        entry.details = changes_details(&changes);
        history::record(conn, &entry)
    })?;
    user.profile(conn)
}

// The commands of the account menu's Contact Information and Settings, and who is signed in (asked while a
// password change is due too: the change form shows who is signed in).

impl Handle for CurrentUserRequest {
    const ACCESS: Access = Access::BeforePasswordChange;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<UserProfile> {
        cx.user.user.profile(cx.conn)
    }
}

impl Handle for GetContactInformationRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<ContactInformation> {
        contact(cx.conn, &cx.user.user)
    }
}

impl Handle for SaveContactInformationRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<UserProfile> {
        save_contact(cx.conn, &cx.user, &self.0, cx.now)
    }
}

impl Handle for SavePreferencesRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<UserProfile> {
        save_preferences(cx.conn, &cx.user, self, cx.now)
    }
}
