//! The tag catalogue (SPEC OF-3): every tag a letter may use, where its value comes from, and the values
//! filled from the database for one application.

use crate::db::schema::{applications, job_seekers, organisation, requisitions, users};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::time::{self, UserZone};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{ErrorKind, TagInfo};
use std::collections::BTreeMap;

/// (name, label, source): a source for tags filled from the database, none for the ones the recruiter types.
const CATALOGUE: [(&str, &str, Option<&str>); 25] = [
    ("job_seeker_first_name", "First name", Some("Job seeker: first name")),
    ("job_seeker_last_name", "Last name", Some("Job seeker: last name")),
    ("job_seeker_full_name", "Full name", Some("Job seeker: first and last name")),
    ("job_seeker_email", "Email", Some("Job seeker: email")),
    ("job_seeker_address", "Address", Some("Job seeker: address lines, city, state and ZIP")),
    ("requisition_title", "Position", Some("Requisition: title")),
    ("department", "Department", Some("Requisition: department")),
    ("location", "Location", Some("Requisition: location")),
    ("hiring_manager", "Hiring manager", Some("Requisition: hiring manager")),
    ("recruiter_name", "Recruiter name", Some("The recruiter making the offer: name")),
    ("recruiter_email", "Recruiter email", Some("The recruiter making the offer: email")),
    ("recruiter_phone", "Recruiter phone", Some("The recruiter making the offer: phone and extension")),
    ("organisation_name", "Organisation", Some("Organisation: name")),
    ("today", "Today's date", Some("Today's date in the recruiter's time zone")),
    ("salary", "Annual salary", None),
    ("hourly_rate", "Hourly rate", None),
    ("hours_per_week", "Hours per week", None),
    ("work_schedule", "Work schedule", None),
    ("start_date", "Start date", None),
    ("end_date", "End date", None),
    ("stipend", "Stipend", None),
    ("signing_bonus", "Signing bonus", None),
    ("benefits", "Benefits", None),
    ("response_deadline", "Respond by", None),
    ("supervisor", "Supervisor", None),
];

/// Every tag, in the order the editor and the tag column list them.
pub fn catalogue() -> Vec<TagInfo> {
    CATALOGUE
        .iter()
        .map(|(name, label, source)| TagInfo {
            name: (*name).to_owned(),
            label: (*label).to_owned(),
            source: source.map(str::to_owned),
        })
        .collect()
}

pub fn is_known(tag: &str) -> bool {
    CATALOGUE.iter().any(|(name, ..)| *name == tag)
}

/// The typed tags that hold a date (a start, an end, a deadline): checked as dates when an offer is saved.
const DATE_TAGS: [&str; 3] = ["start_date", "end_date", "response_deadline"];

/// Why a typed value of a date tag is not a date, if it is not. The letter shows the value as typed, so the
/// forms a recruiter writes in a letter are accepted: 01/05/2027, January 5, 2027, Jan 5, 2027, 2027-01-05.
pub fn date_refusal(tag: &str, typed: &str) -> Option<String> {
    let typed = typed.trim();
    if !DATE_TAGS.contains(&tag) || typed.is_empty() {
        return None;
    }
    let formats = ["%m/%d/%Y", "%B %d, %Y", "%b %d, %Y", "%Y-%m-%d"];
    if formats.iter().any(|format| chrono::NaiveDate::parse_from_str(typed, format).is_ok()) {
        return None;
    }
    Some(format!("{}: \"{typed}\" is not a date. Write it like 01/05/2027 or January 5, 2027.", label(tag)))
}

/// Whether the database fills the tag.
pub fn is_filled(tag: &str) -> bool {
    CATALOGUE.iter().any(|(name, _, source)| *name == tag && source.is_some())
}

pub fn label(tag: &str) -> &str {
    CATALOGUE.iter().find(|(name, ..)| *name == tag).map_or(tag, |(_, label, _)| label)
}

/// The position in the catalogue, for sorting a template's tags.
pub fn position(tag: &str) -> usize {
    CATALOGUE.iter().position(|(name, ..)| *name == tag).unwrap_or(usize::MAX)
}

type Seeker = (String, String, String, String, String, String, String, String);
type Requisition = (String, String, String, String);
type Recruiter = (String, String, String, String, String);

/// The values the database holds for one application, the recruiter being `recruiter_id`.
pub fn filled(
    conn: &mut DbConn,
    application_id: i32,
    recruiter_id: i32,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<BTreeMap<String, String>> {
    let found: Option<(Seeker, Requisition)> = applications::table
        .inner_join(job_seekers::table)
        .inner_join(requisitions::table)
        .filter(applications::id.eq(application_id))
        .select((
            (
                job_seekers::first_name,
                job_seekers::last_name,
                job_seekers::email,
                job_seekers::address_line1,
                job_seekers::address_line2,
                job_seekers::city,
                job_seekers::state,
                job_seekers::postal_code,
            ),
            (requisitions::title, requisitions::department, requisitions::location, requisitions::hiring_manager),
        ))
        .first(conn)
        .optional()?;
    let ((first, last, email, line1, line2, city, state, postal), (title, department, location, manager)) =
        found.ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This application no longer exists."))?;
    let (r_first, r_last, r_email, r_phone, r_extension): Recruiter = users::table
        .find(recruiter_id)
        .select((users::first_name, users::last_name, users::email, users::phone, users::extension))
        .first(conn)?;
    let organisation: String = organisation::table.find(1).select(organisation::name).first(conn)?;
    let town = [city.as_str(), format!("{state} {postal}").trim()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    let address = [line1.as_str(), &line2, &town]
        .into_iter()
        .filter(|line| !line.trim().is_empty())
        .collect::<Vec<_>>()
        .join("\n");
    let phone = if r_extension.trim().is_empty() { r_phone } else { format!("{r_phone} ext. {r_extension}") };
    let values = [
        ("job_seeker_first_name", first.clone()),
        ("job_seeker_last_name", last.clone()),
        ("job_seeker_full_name", format!("{first} {last}").trim().to_owned()),
        ("job_seeker_email", email),
        ("job_seeker_address", address),
        ("requisition_title", title),
        ("department", department),
        ("location", location),
        ("hiring_manager", manager),
        ("recruiter_name", format!("{r_first} {r_last}").trim().to_owned()),
        ("recruiter_email", r_email),
        ("recruiter_phone", phone),
        ("organisation_name", organisation),
        ("today", time::to_local(now, zone).wall.format("%B %-d, %Y").to_string()),
    ];
    Ok(values.into_iter().map(|(tag, value)| (tag.to_owned(), value)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_names_are_unique_and_usable_in_a_template() {
        let mut seen = std::collections::HashSet::new();
        for (name, label, _) in CATALOGUE {
            assert!(seen.insert(name), "{name} twice");
            assert!(name.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{name}");
            assert!(!label.is_empty());
        }
    }
}
