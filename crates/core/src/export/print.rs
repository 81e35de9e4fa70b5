//! The print window's data (SPEC EX-2): the same History or Notes as the tab and its export, with the filters
//! in words, for a page laid out for printing. A printout holds at most [`PRINT_ROWS`] History entries; the
//! rest are in Save as .xlsx, which the view says.

use crate::accounts::SignedInUser;
use crate::db::schema::{applications, requisitions};
use crate::db::DbConn;
use crate::error::CoreResult;
use crate::history::{self, HistoryKind};
use crate::time::{self, UserZone};
use crate::{job_seekers, notes};
use chrono::{DateTime, Utc};
use diesel::prelude::*;
use hiredesk_wire::{HistoryPageRequest, PrintRequest, PrintView};

/// The most History entries one printout holds (about forty pages).
pub const PRINT_ROWS: u16 = 2_000;

pub fn view(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &PrintRequest,
    zone: UserZone,
    now: DateTime<Utc>,
) -> CoreResult<PrintView> {
    let job_seeker_id = match request {
        PrintRequest::History(history) => history.job_seeker_id,
        PrintRequest::Notes(notes) => notes.job_seeker_id,
    };
    let profile = job_seekers::get(conn, job_seeker_id, zone)?.profile;
    let name = format!("{} {}", profile.first_name, profile.last_name);
    let mut view = PrintView {
        title: String::new(),
        filters: String::new(),
        printed_at: time::render(now, zone),
        printed_by: signed_in.user.email.clone(),
        history: Vec::new(),
        notes: Vec::new(),
        more: false,
    };
    match request {
        PrintRequest::History(filters) => {
            let request = HistoryPageRequest { after: None, ..filters.clone() };
            let page = history::page(conn, &request, PRINT_ROWS, zone)?;
            let kind = filters.kind.as_deref().map_or_else(
                || "All kinds".to_owned(),
                |kind| format!("Kind: {}", HistoryKind::parse(kind).map_or(kind, |kind| kind.label())),
            );
            let requisition = match filters.requisition_id {
                Some(id) => format!("Requisition: {}", requisition_title(conn, id)?),
                None => "all requisitions".to_owned(),
            };
            view.title = format!("History of {name}");
            view.filters = format!("{kind}, {requisition}");
            view.more = page.next.is_some();
            view.history = page.entries;
        }
        PrintRequest::Notes(filters) => {
            view.title = format!("Notes on {name}");
            notes::check(conn, filters.job_seeker_id, filters.application_id)?;
            view.filters = match filters.application_id {
                Some(application_id) => {
                    let requisition_id: i32 =
                        applications::table.find(application_id).select(applications::requisition_id).first(conn)?;
                    format!("Requisition: {}", requisition_title(conn, requisition_id)?)
                }
                None => "Notes for all requisitions".to_owned(),
            };
            view.notes = notes::list(conn, filters.job_seeker_id, filters.application_id, zone, now)?;
        }
    }
    Ok(view)
}

fn requisition_title(conn: &mut DbConn, id: i32) -> CoreResult<String> {
    Ok(requisitions::table.find(id).select(requisitions::title).first(conn)?)
}
