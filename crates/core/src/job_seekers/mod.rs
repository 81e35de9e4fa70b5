//! Job seekers and their applications (SPEC JS-2 to JS-4): the filtered list and its neighbours, the
//! detail, profile edits and stage/disposition changes — each change with its History entry.

pub mod applications;
pub mod belongs;
mod delete;
mod detail;
mod forms;
mod list;
mod profile;

pub use delete::{delete_application, delete_job_seeker};
pub use detail::{get, set_stage, update_profile};
pub use forms::set_completed;
pub use list::{list, neighbours};
pub use profile::{normalised, validate};

use crate::command::{Context, Handle};
use crate::db::schema::requisitions;
use crate::db::DbConn;
use crate::error::CoreResult;
use diesel::prelude::*;
use hiredesk_wire::{RequisitionChoice, RequisitionChoicesRequest};

/// Every requisition, open ones first, for filters and pickers.
pub fn requisition_choices(conn: &mut DbConn) -> CoreResult<Vec<RequisitionChoice>> {
    let rows: Vec<(i32, String, bool)> = requisitions::table
        .order((requisitions::is_open.desc(), requisitions::title))
        .select((requisitions::id, requisitions::title, requisitions::is_open))
        .load(conn)?;
    Ok(rows.into_iter().map(|(id, title, is_open)| RequisitionChoice { id, title, is_open }).collect())
}

// The command behind the requisition filters and pickers.

impl Handle for RequisitionChoicesRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Vec<RequisitionChoice>> {
        requisition_choices(cx.conn)
    }
}
