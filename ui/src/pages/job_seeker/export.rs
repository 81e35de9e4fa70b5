//! The Export to Excel button of the History and Notes tabs (SPEC EX-1, EX-3). The export runs in the shell on
//! a worker thread; while its command is pending, this polls `export_progress` with the export's id for a
//! progress bar, and Cancel calls `cancel_export`, after which the export stops at its next batch and keeps
//! no file. Polling, not events: the window's capability then needs only our own commands.
//!
//! [`PrintButton`] opens the same data in the print window (SPEC EX-2).

use crate::components::form::error_message;
use crate::components::icons;
use crate::hooks::command::{use_caller, use_command, Caller};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{
    CancelExportRequest, CancelPrintExportRequest, ErrorKind, ExportHistoryRequest, ExportNotesRequest, ExportProgress,
    ExportProgressRequest, ExportResult, HistoryPageRequest, IpcError, NotesRequest, OpenPrintWindowRequest,
    PrintExportProgressRequest, PrintExportRequest, PrintRequest,
};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

/// How often the progress bar asks.
const POLL_MS: u32 = 200;

/// What to export, with the tab's filters.
#[derive(Clone, PartialEq)]
pub enum ExportWhat {
    History(HistoryPageRequest),
    Notes(NotesRequest),
    /// What the print window shows (its own commands: it has no session token).
    Printed,
}

#[derive(Properties, PartialEq)]
pub struct ExportButtonProps {
    /// The button's element id (`export-history`, `export-notes`, `print-save`).
    pub id: AttrValue,
    #[prop_or(AttrValue::Static(" Export to Excel"))]
    pub label: AttrValue,
    pub what: ExportWhat,
    /// Told where the file went (or that it was cancelled) when there is no workspace toast.
    #[prop_or_default]
    pub on_saved: Callback<String>,
}

/// Asks how far export `export_id` has got, through the tabs' command or the print window's.
async fn progress(caller: &Caller, printed: bool, export_id: u32) -> Result<Option<ExportProgress>, IpcError> {
    if printed {
        caller.call(&PrintExportProgressRequest { export_id }).await
    } else {
        caller.call(&ExportProgressRequest { export_id }).await
    }
}

/// A running export: its id and how far it has got (`None` until the shell has started it, e.g. while the
/// save dialog is open).
#[derive(Clone, PartialEq)]
struct Running {
    export_id: u32,
    progress: Option<ExportProgress>,
    cancelling: bool,
}

/// An id for a new export: random, so two windows' exports do not meet.
fn new_export_id() -> u32 {
    (js_sys::Math::random() * f64::from(u32::MAX)) as u32 | 1
}

#[component]
pub fn ExportButton(props: &ExportButtonProps) -> Html {
    // On the tabs, the workspace's toast says where the file went; the print window has no workspace.
    let workspace = use_context::<WorkspaceContext>();
    let caller = use_caller();
    let running = use_state(|| None::<Running>);
    let error = use_state(|| None::<String>);

    let printed = props.what == ExportWhat::Printed;
    let start = {
        let (running, error, workspace, caller, what, on_saved) = (
            running.clone(),
            error.clone(),
            workspace.clone(),
            caller.clone(),
            props.what.clone(),
            props.on_saved.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            if running.is_some() {
                return;
            }
            let export_id = new_export_id();
            running.set(Some(Running { export_id, progress: None, cancelling: false }));
            error.set(None);
            let finished = Rc::new(Cell::new(false));

            // The export itself: pending until the file is written, cancelled or refused.
            {
                let (running, error, workspace, caller, what, finished, on_saved) = (
                    running.clone(),
                    error.clone(),
                    workspace.clone(),
                    caller.clone(),
                    what.clone(),
                    finished.clone(),
                    on_saved.clone(),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = match what {
                        ExportWhat::History(history) => caller.call(&ExportHistoryRequest { export_id, history }).await,
                        ExportWhat::Notes(notes) => caller.call(&ExportNotesRequest { export_id, notes }).await,
                        ExportWhat::Printed => caller.call(&PrintExportRequest { export_id }).await,
                    };
                    finished.set(true);
                    running.set(None);
                    error.set(outcome(workspace.as_ref(), &caller, &on_saved, answer));
                });
            }
            // The progress bar: asks until the export's command has answered.
            let (running, caller) = (running.clone(), caller.clone());
            wasm_bindgen_futures::spawn_local(async move {
                loop {
                    gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
                    if finished.get() {
                        break;
                    }
                    if let Ok(Some(progress)) = progress(&caller, printed, export_id).await {
                        if !finished.get() {
                            running.set(Some(Running { export_id, progress: Some(progress), cancelling: false }));
                        }
                    }
                }
            });
        })
    };
    let cancel = {
        let running = running.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(current) = (*running).clone() else { return };
            running.set(Some(Running { cancelling: true, ..current.clone() }));
            // The export's own answer says how it ended; Cancel's answer adds nothing.
            let export_id = current.export_id;
            if printed {
                caller.send(CancelPrintExportRequest { export_id });
            } else {
                caller.send(CancelExportRequest { export_id });
            }
        })
    };

    html! {
        <div class="export">
            <button type="button" id={props.id.clone()} onclick={start} disabled={running.is_some()}>
                {icons::spreadsheet()}{props.label.clone()}
            </button>
            if let Some(current) = &*running {
                <div class="export-progress" role="status">
                    { match current.progress {
                        Some(progress) if progress.total > 0 => html! {
                            <progress id="export-progress" max={progress.total.to_string()}
                                value={progress.written.to_string()} />
                        },
                        _ => html! { <progress id="export-progress" /> },
                    } }
                    <span id="export-count" class="muted">
                        { match current.progress {
                            Some(progress) => format!("{} of {} rows", progress.written, progress.total),
                            None => "Starting…".to_owned(),
                        } }
                    </span>
                    <button type="button" id="export-cancel" onclick={cancel} disabled={current.cancelling}>
                        {"Cancel"}
                    </button>
                </div>
            }
            if let Some(message) = &*error {
                <p class="form-error" id="export-error" role="alert">{message}</p>
            }
        </div>
    }
}

/// Where the file went (a toast, or `on_saved` in the print window), nothing when the save dialog was
/// closed, the same for a cancelled export, or the error to show.
fn outcome(
    workspace: Option<&WorkspaceContext>,
    caller: &Caller,
    on_saved: &Callback<String>,
    answer: Result<Option<ExportResult>, IpcError>,
) -> Option<String> {
    let tell = |message: String| match workspace {
        Some(workspace) => workspace.toast(message),
        None => on_saved.emit(message),
    };
    match answer {
        Ok(Some(result)) => {
            tell(format!("Exported {} rows to {}", result.rows, result.path));
            None
        }
        Ok(None) => None,
        Err(failure) if failure.kind == ErrorKind::Conflict => {
            tell(failure.message);
            None
        }
        Err(failure) => caller.check(failure).map(|failure| failure.message),
    }
}

#[derive(Properties, PartialEq)]
pub struct PrintButtonProps {
    /// The button's element id (`print-history`, `print-notes`).
    pub id: AttrValue,
    pub what: ExportWhat,
}

/// Opens the tab's data, with its filters, in the print window.
#[component]
pub fn PrintButton(props: &PrintButtonProps) -> Html {
    let open_window = use_command::<OpenPrintWindowRequest>();
    let open = {
        let (open_window, what) = (open_window.clone(), props.what.clone());
        Callback::from(move |_: MouseEvent| {
            let request = OpenPrintWindowRequest(match what.clone() {
                ExportWhat::History(history) => PrintRequest::History(history),
                ExportWhat::Notes(notes) => PrintRequest::Notes(notes),
                ExportWhat::Printed => return,
            });
            open_window.run(request);
        })
    };
    html! {
        <div class="export">
            <button type="button" id={props.id.clone()} onclick={open}>{icons::printer()}{" Print"}</button>
            {error_message(open_window.error())}
        </div>
    }
}
