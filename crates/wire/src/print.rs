//! The print window (SPEC EX-2): History or Notes of a job seeker, with the tab's filters, laid out for
//! printing in a window of its own, with Print and Save as .xlsx.
//!
//! The main window opens it with [`OpenPrintWindowRequest`]; the shell keeps what to show and the session
//! that asked, for that window only. The print window itself is granted nothing but [`PrintViewRequest`],
//! [`PrintExportRequest`] and the latter's progress and cancel, which name no job seeker and no session: it
//! can show and save what it was opened for, nothing else.

use crate::{HistoryEntryView, HistoryPageRequest, NoteView, NotesRequest};
use serde::{Deserialize, Serialize};

/// What a print window shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum PrintRequest {
    /// A job seeker's History with the tab's filters (the cursor is ignored: from the newest).
    History(HistoryPageRequest),
    /// A job seeker's notes, of one application or all.
    Notes(NotesRequest),
}

/// Opens (or replaces) the print window with `PrintRequest`'s data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OpenPrintWindowRequest(pub PrintRequest);

/// The print window's data. The session is the one that opened the window, kept by the shell.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintViewRequest {}

/// Save as .xlsx from the print window: the same export as the tab's, through the save dialog, as export
/// `export_id` (chosen by the window, as the tabs do). `None` back: the dialog was closed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintExportRequest {
    pub export_id: u32,
}

/// How far the print window's export has got (`export_progress` for the print window, which has no session
/// token of its own).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintExportProgressRequest {
    pub export_id: u32,
}

/// Cancels the print window's export.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelPrintExportRequest {
    pub export_id: u32,
}

/// A page laid out for printing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrintView {
    /// "History of Jane Doe", "Notes on Jane Doe".
    pub title: String,
    /// The filters in words ("All kinds, all requisitions").
    pub filters: String,
    /// When it was put together, in the user's zone.
    pub printed_at: String,
    pub printed_by: String,
    /// History entries, newest first (empty for notes).
    pub history: Vec<HistoryEntryView>,
    /// Notes, newest first (empty for History).
    pub notes: Vec<NoteView>,
    /// There are more entries than a printout holds; Save as .xlsx has them all.
    pub more: bool,
}
