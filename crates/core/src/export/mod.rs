//! Export to Excel (SPEC EX-1, EX-3): a job seeker's History or Notes as a real .xlsx file, written with
//! rust_xlsxwriter in constant-memory mode and read from the database in batches, so any size stays in
//! bounded memory. A bold, frozen header with an autofilter; instants as real date cells in the user's time
//! zone; sensible column widths. The export is recorded in the job seeker's History. [`Jobs`] lets the UI
//! follow a running export and cancel it.

pub mod jobs;
pub mod print;

pub use jobs::Jobs;

use crate::accounts::SignedInUser;
use crate::command::{Context, Handle};
use crate::db::schema::job_seekers;
use crate::db::DbConn;
use crate::error::{CoreError, CoreResult};
use crate::history::{self, Entry, HistoryKind};
use crate::time::{self, UserZone};
use chrono::{DateTime, Datelike, NaiveDateTime, Timelike, Utc};
use diesel::prelude::*;
use hiredesk_wire::{
    CancelExportRequest, ErrorKind, ExportFileNameRequest, ExportProgress, ExportProgressRequest, HistoryCursor,
    HistoryPageRequest, NotesRequest,
};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use std::path::Path;

/// Rows read from the database at a time (the export benchmark's baseline reads in the same batches).
pub const BATCH: u32 = 2_000;

/// Told the number of rows written so far and the number there will be; answers `false` to cancel.
pub type Progress<'a> = &'a mut dyn FnMut(u64, u64) -> bool;

fn failed(error: XlsxError) -> CoreError {
    CoreError::user(ErrorKind::Internal, format!("The Excel file could not be written: {error}"))
}

fn cancelled() -> CoreError {
    CoreError::user(ErrorKind::Conflict, "The export was cancelled; no file was kept.")
}

fn excel_time(instant: DateTime<Utc>, zone: UserZone) -> Result<ExcelDateTime, XlsxError> {
    wall_time(time::wall_clock(instant, zone))
}

fn wall_time(wall: NaiveDateTime) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(wall.year()).unwrap_or(1900);
    let (month, day) = (u8::try_from(wall.month()).unwrap_or(1), u8::try_from(wall.day()).unwrap_or(1));
    let (hour, minute) = (u16::try_from(wall.hour()).unwrap_or(0), u8::try_from(wall.minute()).unwrap_or(0));
    ExcelDateTime::from_ymd(year, month, day)?.and_hms(hour, minute, 0)
}

/// A sheet with its bold, frozen header and column widths.
fn sheet<'a>(workbook: &'a mut Workbook, name: &str, columns: &[(&str, f64)]) -> Result<&'a mut Worksheet, XlsxError> {
    let header = Format::new().set_bold();
    let worksheet = workbook.add_worksheet_with_constant_memory()?;
    worksheet.set_name(name)?;
    for (column, (title, width)) in columns.iter().enumerate() {
        let column = u16::try_from(column).unwrap_or(0);
        worksheet.write_string_with_format(0, column, *title, &header)?;
        worksheet.set_column_width(column, *width)?;
    }
    worksheet.set_freeze_panes(1, 0)?;
    Ok(worksheet)
}

/// Writes the History of a job seeker (with the tab's filters) to `path`; returns the number of rows.
pub fn history(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &HistoryPageRequest,
    path: &Path,
    zone: UserZone,
    now: DateTime<Utc>,
    progress: Progress<'_>,
) -> CoreResult<u64> {
    let columns = [
        ("When", 20.0),
        ("User", 32.0),
        ("Kind", 18.0),
        ("Requisition", 28.0),
        ("What happened", 60.0),
        ("Changes", 60.0),
    ];
    let total = history::count(conn, request)?;
    if !progress(0, total) {
        return Err(cancelled());
    }
    let mut workbook = Workbook::new();
    let mut written: u64 = 0;
    // Reused for every row's changes.
    let mut changes = String::new();
    {
        let worksheet = sheet(&mut workbook, "History", &columns).map_err(failed)?;
        // Formats by column, not by cell: rust_xlsxwriter looks a cell's format up by hashing the whole
        // Format, which cost a tenth of a million-row export; an unformatted cell takes its column's format.
        worksheet.set_column_format(0, &Format::new().set_num_format("mm/dd/yyyy hh:mm AM/PM")).map_err(failed)?;
        let wrap = Format::new().set_text_wrap();
        worksheet.set_column_format(4, &wrap).map_err(failed)?;
        worksheet.set_column_format(5, &wrap).map_err(failed)?;
        let mut after: Option<HistoryCursor> = None;
        loop {
            let batch = history::rows(conn, request, after, BATCH)?;
            let Some(last) = batch.last() else { break };
            after = Some(HistoryCursor { at: last.at, id: last.id });
            for row in &batch {
                let line = u32::try_from(written + 1).unwrap_or(u32::MAX);
                history_row(worksheet, line, row, zone, &mut changes)?;
                written += 1;
            }
            if !progress(written, total.max(written)) {
                return Err(cancelled());
            }
            if batch.len() < usize::try_from(BATCH).unwrap_or(usize::MAX) {
                break;
            }
        }
        let last_row = u32::try_from(written).unwrap_or(u32::MAX);
        worksheet.autofilter(0, 0, last_row, 5).map_err(failed)?;
    }
    workbook.save(path).map_err(failed)?;
    record(conn, signed_in, request.job_seeker_id, format!("History exported to Excel ({written} rows)"), now)?;
    Ok(written)
}

/// Writes one History entry on `line`; the cells take their columns' formats. Details this version cannot read
/// stop the export, as they stop the History tab.
fn history_row(
    worksheet: &mut Worksheet,
    line: u32,
    row: &history::Row,
    zone: UserZone,
    changes: &mut String,
) -> CoreResult<()> {
    history::write_changes(&row.details, changes)?;
    history_cells(worksheet, line, row, zone, changes).map_err(failed)
}

fn history_cells(
    worksheet: &mut Worksheet,
    line: u32,
    row: &history::Row,
    zone: UserZone,
    changes: &str,
) -> Result<(), XlsxError> {
    worksheet.write_datetime(line, 0, excel_time(time::from_millis(row.at), zone)?)?;
    worksheet.write_string(line, 1, &row.actor_email)?;
    worksheet.write_string(line, 2, row.kind.label())?;
    worksheet.write_string(line, 3, row.requisition.as_deref().unwrap_or_default())?;
    worksheet.write_string(line, 4, &row.summary)?;
    worksheet.write_string(line, 5, changes)?;
    Ok(())
}

/// Writes the notes of a job seeker (of one application, or all) to `path`; returns the number of rows.
pub fn notes(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    request: &NotesRequest,
    path: &Path,
    zone: UserZone,
    now: DateTime<Utc>,
    progress: Progress<'_>,
) -> CoreResult<u64> {
    let NotesRequest { job_seeker_id, application_id } = *request;
    crate::notes::check(conn, job_seeker_id, application_id)?;
    let rows = crate::notes::load(conn, job_seeker_id, application_id, None)?;
    let total = u64::try_from(rows.len()).unwrap_or(u64::MAX);
    if !progress(0, total) {
        return Err(cancelled());
    }
    let columns = [
        ("Entered", 20.0),
        ("Author", 32.0),
        ("Requisition", 28.0),
        ("Note", 70.0),
        ("Task", 8.0),
        ("Due", 12.0),
        ("Completed", 20.0),
    ];
    let mut workbook = Workbook::new();
    let when = Format::new().set_num_format("mm/dd/yyyy hh:mm AM/PM");
    let day = Format::new().set_num_format("mm/dd/yyyy");
    let wrap = Format::new().set_text_wrap();
    {
        let worksheet = sheet(&mut workbook, "Notes", &columns).map_err(failed)?;
        let write = |worksheet: &mut Worksheet| -> Result<(), XlsxError> {
            for (index, (_, _, requisition, text, author, is_task, due, completed, created, _)) in
                rows.iter().enumerate()
            {
                let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
                worksheet.write_datetime_with_format(line, 0, excel_time(time::from_millis(*created), zone)?, &when)?;
                worksheet.write_string(line, 1, author)?;
                worksheet.write_string(line, 2, requisition)?;
                worksheet.write_string_with_format(line, 3, text, &wrap)?;
                worksheet.write_string(line, 4, if *is_task { "Yes" } else { "No" })?;
                if let Some(crate::db::stored::Day(due)) = due {
                    worksheet.write_datetime_with_format(
                        line,
                        5,
                        wall_time(due.and_hms_opt(0, 0, 0).unwrap_or_default())?,
                        &day,
                    )?;
                }
                if let Some(completed) = completed {
                    worksheet.write_datetime_with_format(
                        line,
                        6,
                        excel_time(time::from_millis(*completed), zone)?,
                        &when,
                    )?;
                }
            }
            worksheet.autofilter(0, 0, u32::try_from(rows.len()).unwrap_or(u32::MAX), 6)?;
            Ok(())
        };
        write(worksheet).map_err(failed)?;
    }
    if !progress(total, total) {
        return Err(cancelled());
    }
    workbook.save(path).map_err(failed)?;
    record(conn, signed_in, job_seeker_id, format!("Notes exported to Excel ({total} rows)"), now)?;
    Ok(total)
}

/// The export's History entry (SPEC HI-1: exports are logged).
fn record(
    conn: &mut DbConn,
    signed_in: &SignedInUser,
    job_seeker_id: i32,
    summary: String,
    now: DateTime<Utc>,
) -> CoreResult<()> {
    let exists: bool = diesel::select(diesel::dsl::exists(job_seekers::table.find(job_seeker_id))).get_result(conn)?;
    if !exists {
        return Err(CoreError::user(ErrorKind::NotFound, "This job seeker no longer exists."));
    }
    crate::db::write(conn, |conn| {
        history::record(
            conn,
            &Entry::about(now, signed_in.user.actor(), HistoryKind::Exported, job_seeker_id, None, summary),
        )
    })
}

// The commands that follow and stop a running export; the export itself is started by the shell, which
// chooses its file (`Hiredesk::export_history`, `Hiredesk::export_notes`).

/// The file name an export proposes: whose it is, and the instant in the signed-in user's own zone to the
/// second (the rows are in that zone too), such as `Hiredesk History - Ana Souza - 2026-11-24 100512.xlsx`.
impl Handle for ExportFileNameRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<String> {
        let (first, last): (String, String) = job_seekers::table
            .find(self.job_seeker_id)
            .select((job_seekers::first_name, job_seekers::last_name))
            .first(cx.conn)
            .optional()?
            .ok_or_else(|| CoreError::user(ErrorKind::NotFound, "This job seeker no longer exists."))?;
        // Characters no file system takes, or that would make a folder of the name, are left out.
        let whose: String =
            format!("{first} {last}").chars().filter(|c| !c.is_control() && !"/\\:*?\"<>|".contains(*c)).collect();
        let at = time::to_local(cx.now, cx.zone).wall.format("%Y-%m-%d %H%M%S");
        Ok(format!("Hiredesk {} - {} - {at}.xlsx", self.kind.label(), whose.trim()))
    }
}

impl Handle for ExportProgressRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<Option<ExportProgress>> {
        Ok(cx.exports.progress(self.export_id, cx.user.user.id))
    }
}

impl Handle for CancelExportRequest {
    fn handle(&self, cx: &mut Context<'_>) -> CoreResult<bool> {
        Ok(cx.exports.cancel(self.export_id, cx.user.user.id))
    }
}
