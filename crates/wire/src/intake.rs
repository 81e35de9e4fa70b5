//! Adding job seekers by hand and importing them from a careers site's CSV or XLSX export (SPEC JS-6),
//! forms (JS-5), requisitions (JS-1) and deletions.

use crate::JobSeekerProfile;
use serde::{Deserialize, Serialize};

/// Add one job seeker to a requisition. An email already known adds an application to that job seeker.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddJobSeekerRequest {
    pub requisition_id: Option<i32>,
    pub profile: JobSeekerProfile,
}

/// A file to import into a requisition. The content is the file's bytes; the name tells CSV from XLSX. As
/// JSON (to a team server) the bytes are one base64 string, about a third larger than the file, where a JSON
/// array of numbers was up to four times larger and costly to parse.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRequest {
    pub requisition_id: Option<i32>,
    pub file_name: String,
    #[serde(with = "crate::bytes::base64")]
    pub content: Vec<u8>,
}

/// Opens the native open dialog for the file to import. The shell checks the file's size before reading a
/// byte of it and keeps the chosen file for the preview and the import; the UI never reads the file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChooseImportFileRequest {}

/// The file chosen for an import, as the page shows it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChosenImportFile {
    pub name: String,
    pub size_bytes: u64,
}

/// The preview of the chosen file: the shell reads it (bounded) and hands its bytes to the preview.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewImportFileRequest {
    pub requisition_id: Option<i32>,
}

/// The import of the chosen file: the shell reads it again (it may have changed) and hands it to the import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitImportFileRequest {
    pub requisition_id: Option<i32>,
}

/// What will happen (preview) or happened (import) to one row of the file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum ImportOutcome {
    /// Valid and new: imported (or will be).
    Ready,
    /// Refused; the messages say which column and why.
    Error(Vec<String>),
    /// Already applied to this requisition (or listed twice in the file): skipped.
    Duplicate(String),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportRow {
    /// The row's line in the file (the header is line 1).
    pub line: u32,
    pub name: String,
    pub email: String,
    pub outcome: ImportOutcome,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportReport {
    pub rows: Vec<ImportRow>,
    pub ready: u32,
    pub errors: u32,
    pub duplicates: u32,
    /// Of the ready rows, those whose email is a job seeker already on file: they gain an application, not a
    /// second job seeker.
    #[serde(default)]
    pub known: u32,
    /// False for a preview; true once the ready rows were written.
    pub imported: bool,
}

/// Reads the file and reports every row, writing nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PreviewImportRequest(pub ImportRequest);

/// Writes the rows that are ready, in one transaction; answers with the summary.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CommitImportRequest(pub ImportRequest);

/// Marks a form completed (today) or not completed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetFormCompletedRequest {
    pub form_id: i32,
    pub completed: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteJobSeekerRequest {
    pub id: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteApplicationRequest {
    pub application_id: i32,
}

/// A requisition's fields as the form edits them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequisitionFields {
    pub title: String,
    pub department: String,
    pub location: String,
    pub hiring_manager: String,
    /// `YYYY-MM-DD` (a date picker's value), or empty.
    pub closing_date: String,
    pub is_open: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequisitionView {
    pub id: i32,
    pub fields: RequisitionFields,
    /// `MM/DD/YYYY`, or empty.
    pub closing_date_text: String,
    pub applicants: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListRequisitionsRequest {}

/// Creates a requisition (`id: None`) or saves one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveRequisitionRequest {
    pub id: Option<i32>,
    pub fields: RequisitionFields,
}
