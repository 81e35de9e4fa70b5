//! Importing job seekers from a careers site's export: CSV (read with the `csv` crate) or XLSX (read with
//! `calamine`). The first row names the columns; names are matched loosely ("First Name", "first_name",
//! "FirstName", "Zip", "Postal Code", …). Every row is checked with the profile rules; the preview writes
//! nothing, and the commit writes every ready row in one transaction, each with its History entry.

use super::sheet::{read_rows, Bounds};
use super::{apply, existing_job_seeker, has_applied, insert_job_seeker, requisition_title};
use crate::accounts::SignedInUser;
use crate::command::{Context, Handle, Wakes};
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::job_seekers::{normalised, validate};
use chrono::{DateTime, Utc};
use hiredesk_wire::{
    CommitImportRequest, ImportOutcome, ImportReport, ImportRequest, ImportRow, JobSeekerProfile, PreviewImportRequest,
};
use std::collections::HashSet;

/// The profile fields, each with the column names that mean it (compared without case, spaces, `_` or `-`).
const COLUMNS: [(&str, &[&str]); 9] = [
    ("first_name", &["firstname", "first", "givenname"]),
    ("last_name", &["lastname", "last", "surname", "familyname"]),
    ("email", &["email", "emailaddress", "e-mail"]),
    ("phone", &["phone", "phonenumber", "telephone", "mobile"]),
    ("address_line1", &["address", "addressline1", "address1", "street"]),
    ("address_line2", &["addressline2", "address2"]),
    ("city", &["city", "town"]),
    ("state", &["state", "province", "region"]),
    ("postal_code", &["postalcode", "zip", "zipcode", "postcode"]),
];

/// What the messages call each field.
fn label(field: &str) -> &'static str {
    match field {
        "first_name" => "First Name",
        "last_name" => "Last Name",
        "email" => "Email",
        "phone" => "Phone",
        "address_line1" => "Address Line 1",
        "address_line2" => "Address Line 2",
        "city" => "City",
        "state" => "State",
        _ => "ZIP Code",
    }
}

fn simplify(header: &str) -> String {
    header.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Which column holds each field; the first and last name and the email are required.
fn map_columns(header: &[String]) -> CoreResult<Vec<(usize, &'static str)>> {
    let mut mapped = Vec::new();
    for (index, name) in header.iter().enumerate() {
        let simple = simplify(name);
        if let Some((field, _)) =
            COLUMNS.iter().find(|(_, names)| names.iter().any(|candidate| simplify(candidate) == simple))
        {
            if !mapped.iter().any(|(_, known)| known == field) {
                mapped.push((index, *field));
            }
        }
    }
    let missing: Vec<&str> = ["first_name", "last_name", "email"]
        .into_iter()
        .filter(|field| !mapped.iter().any(|(_, known)| known == field))
        .map(label)
        .collect();
    if missing.is_empty() {
        Ok(mapped)
    } else {
        Err(CoreError::field(
            "file",
            format!("The first row must name the columns; this file has no {} column.", missing.join(", no ")),
        ))
    }
}

fn profile_from(row: &[String], columns: &[(usize, &str)]) -> JobSeekerProfile {
    let mut profile = JobSeekerProfile::default();
    for (index, field) in columns {
        if let Some(slot) = profile.field_mut(field) {
            *slot = row.get(*index).cloned().unwrap_or_default();
        }
    }
    normalised(&profile)
}

/// A checked row: its report line and, when ready, the profile to write.
struct Checked {
    row: ImportRow,
    profile: Option<JobSeekerProfile>,
    /// Ready, and the email is a job seeker already on file: the row adds an application.
    known: bool,
}

fn check(conn: &mut DbConn, request: &ImportRequest) -> CoreResult<(i32, String, Vec<Checked>)> {
    let (requisition_id, title) = requisition_title(conn, request.requisition_id)?;
    let rows = read_rows(&request.file_name, &request.content, &Bounds::IMPORT)?;
    let Some((header, data)) = rows.split_first() else {
        return Err(CoreError::field("file", "The file is empty."));
    };
    let columns = map_columns(header)?;
    if data.iter().all(|cells| cells.iter().all(String::is_empty)) {
        return Err(CoreError::field(
            "file",
            "The file names its columns but lists no job seekers below them: there is nothing to import.",
        ));
    }
    let mut seen = HashSet::new();
    let mut checked = Vec::new();
    for (offset, cells) in data.iter().enumerate() {
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let line = u32::try_from(offset + 2).unwrap_or(u32::MAX);
        let profile = profile_from(cells, &columns);
        let name = format!("{} {}", profile.first_name, profile.last_name).trim().to_owned();
        let mut known = false;
        let outcome = match validate(&profile) {
            Err(CoreError::User(error)) => ImportOutcome::Error(
                error.fields.iter().map(|field| format!("{}: {}", label(&field.field), field.message)).collect(),
            ),
            Err(other) => return Err(other),
            Ok(()) if !seen.insert(profile.email.clone()) => {
                ImportOutcome::Duplicate("Listed earlier in this file.".into())
            }
            Ok(()) => match existing_job_seeker(conn, &profile.email)? {
                Some(id) if has_applied(conn, id, requisition_id)? => {
                    ImportOutcome::Duplicate(format!("Already applied for {title}."))
                }
                Some(_) => {
                    known = true;
                    ImportOutcome::Ready
                }
                None => ImportOutcome::Ready,
            },
        };
        let ready = outcome == ImportOutcome::Ready;
        checked.push(Checked {
            row: ImportRow { line, name, email: profile.email.clone(), outcome },
            profile: ready.then_some(profile),
            known,
        });
    }
    Ok((requisition_id, title, checked))
}

fn report(checked: Vec<Checked>, imported: bool) -> ImportReport {
    let count = |test: fn(&ImportOutcome) -> bool| {
        u32::try_from(checked.iter().filter(|row| test(&row.row.outcome)).count()).unwrap_or(u32::MAX)
    };
    ImportReport {
        ready: count(|outcome| *outcome == ImportOutcome::Ready),
        errors: count(|outcome| matches!(outcome, ImportOutcome::Error(_))),
        duplicates: count(|outcome| matches!(outcome, ImportOutcome::Duplicate(_))),
        known: u32::try_from(checked.iter().filter(|row| row.known).count()).unwrap_or(u32::MAX),
        rows: checked.into_iter().map(|row| row.row).collect(),
        imported,
    }
}

/// Reads and checks the file; writes nothing.
pub fn preview(conn: &mut DbConn, request: &ImportRequest) -> CoreResult<ImportReport> {
    let (_, _, checked) = check(conn, request)?;
    Ok(report(checked, false))
}

/// Checks the file again (the database may have changed since the preview) and writes every ready row in
/// one transaction: a job seeker (or a new application for a known email), its forms, its event and its
/// History entry.
pub fn commit(
    conn: &mut DbConn,
    user: &SignedInUser,
    request: &ImportRequest,
    now: DateTime<Utc>,
) -> CoreResult<ImportReport> {
    let how = format!("imported from {}", request.file_name);
    crate::db::write(conn, |conn| {
        let (requisition_id, title, checked) = check(conn, request)?;
        for row in &checked {
            let Some(profile) = &row.profile else { continue };
            let job_seeker_id = match existing_job_seeker(conn, &profile.email)? {
                Some(id) => id,
                None => insert_job_seeker(conn, profile, now)?,
            };
            apply(conn, user, job_seeker_id, (requisition_id, &title), &how, now)?;
        }
        Ok(report(checked, true))
    })
}

// The commands of Import: the preview, and the import itself, whose new applications are notices.

impl Handle for PreviewImportRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<ImportReport> {
        preview(cx.conn, &self.0)
    }
}

impl Handle for CommitImportRequest {
    const WAKES: Wakes = Wakes::NOTICES;

    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<ImportReport> {
        commit(cx.conn, &cx.user, &self.0, cx.now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names_are_matched_loosely() {
        let header: Vec<String> =
            ["First Name", "LAST_NAME", "E-mail", "Zip", "Notes"].iter().map(|s| s.to_string()).collect();
        let mapped = map_columns(&header).expect("maps");
        assert_eq!(mapped, vec![(0, "first_name"), (1, "last_name"), (2, "email"), (3, "postal_code")]);
    }

    #[test]
    fn a_file_without_the_required_columns_says_which_are_missing() {
        let header: Vec<String> = ["Name", "Email"].iter().map(|s| s.to_string()).collect();
        let Err(CoreError::User(error)) = map_columns(&header) else { panic!("refused") };
        assert_eq!(
            error.field("file"),
            Some("The first row must name the columns; this file has no First Name, no Last Name column.")
        );
    }
}
