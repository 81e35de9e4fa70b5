//! Notes and tasks on a job seeker, and the Home To-Do widget (SPEC NT-1 to NT-5).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteView {
    pub id: i32,
    pub application_id: i32,
    pub requisition: String,
    pub text: String,
    pub author_email: String,
    /// The date of entry, `MM/DD/YYYY` in the user's time zone.
    pub entered_on: String,
    pub is_task: bool,
    /// `MM/DD/YYYY` for a task.
    pub due_date: Option<String>,
    pub completed: bool,
    /// An open task whose due date has passed.
    pub overdue: bool,
    /// Team mode: the server could not be reached, so the note is kept on this computer and saved, in order,
    /// when the server answers again (it is in no list until then).
    #[serde(default)]
    pub kept_on_this_computer: bool,
}

/// The notes of one job seeker: of one application, or of all (Show Notes for All Requisitions).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotesRequest {
    pub job_seeker_id: i32,
    pub application_id: Option<i32>,
}

/// Adds (`id: None`) or saves a note; a task has a due date typed `MM/DD/YYYY`.
///
/// A team desktop that kept a new note while the server could not be reached replays it with the key it gave
/// the note and the time it was written: a key already saved answers the note saved with it and saves nothing
/// again, and the note and its History line carry the time it was written (not in the future, and not before
/// the session that replays it began, so it cannot forge the past).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SaveNoteRequest {
    pub id: Option<i32>,
    pub application_id: i32,
    pub text: String,
    pub is_task: bool,
    pub due_date: String,
    /// The desktop's key for a new note (1 to 64 letters, digits and '-'), unique; `None` online.
    #[serde(default)]
    pub client_key: Option<String>,
    /// When a new note was written, in milliseconds since the Unix epoch (UTC); `None`: now.
    #[serde(default)]
    pub written_at: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeleteNoteRequest {
    pub id: i32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SetTaskCompletedRequest {
    pub id: i32,
    pub completed: bool,
}

/// One open task on the Home To-Do widget.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoItem {
    pub note_id: i32,
    pub job_seeker_id: i32,
    pub job_seeker: String,
    pub text: String,
    pub due_date: String,
    pub overdue: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TodoRequest {}

/// A note being written when the idle timeout signs its author out (SPEC AC-6).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeptDraft {
    pub job_seeker_id: i32,
    pub application_id: i32,
    /// The note being edited, if it was not a new one.
    pub note_id: Option<i32>,
    pub text: String,
    pub is_task: bool,
    pub due_date: String,
}

/// Keeps the draft (or, with `None`, forgets a kept one: the user stayed signed in).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeepDraftRequest(pub Option<KeptDraft>);

/// After sign-in: the kept draft, if any, with the job seeker's name; it is forgotten once handed over.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakeDraftRequest {}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OfferedDraft {
    pub draft: KeptDraft,
    pub job_seeker: String,
}

/// Where an export went and how many rows it has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportResult {
    pub path: String,
    pub rows: u64,
}

/// Export to Excel from the History tab, with its filters. `export_id` is chosen by the UI so that it can ask
/// for the export's progress and cancel it while this command is still running. `None` back: the user
/// closed the save dialog.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportHistoryRequest {
    pub export_id: u32,
    pub history: crate::HistoryPageRequest,
}

/// Export to Excel from the Notes tab.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportNotesRequest {
    pub export_id: u32,
    pub notes: NotesRequest,
}

/// What an export holds, for the file name it proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportKind {
    History,
    Notes,
}

impl ExportKind {
    pub fn label(self) -> &'static str {
        match self {
            ExportKind::History => "History",
            ExportKind::Notes => "Notes",
        }
    }
}

/// The file name an export proposes, asked by the shell before its save dialog opens: whose it is, and the
/// instant in the user's own zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportFileNameRequest {
    pub job_seeker_id: i32,
    pub kind: ExportKind,
}

/// How far a running export has got (SPEC EX-3): rows written of the total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProgress {
    pub written: u64,
    pub total: u64,
}

/// Asks how far export `export_id` has got. `None` back: it is not running (not started yet, or ended).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportProgressRequest {
    pub export_id: u32,
}

/// Stops export `export_id` at its next batch; it then fails as cancelled and leaves no file. `false` back:
/// it was not running.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CancelExportRequest {
    pub export_id: u32,
}

/// The tab a clicked notification opens on its job seeker.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum NoticeTab {
    /// A new application or a completed form: the job seeker as a whole.
    #[default]
    Profile,
    /// A task reminder: the task is on the Notes tab.
    Notes,
    /// An approval step or an approved offer: the offer is on the Offers tab.
    Offers,
}

/// What clicking a native notification opens.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoticeTarget {
    pub job_seeker_id: i32,
    pub tab: NoticeTab,
}

/// The target of a native notification the user clicked (SPEC NT-6), once: the shell shows the window and
/// keeps the click until the UI, which asks every second, takes it. Asking does not count as activity, so it
/// does not keep an idle session alive.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TakeNotificationClickRequest {}
