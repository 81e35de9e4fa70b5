//! The Export to Excel button of the History and Notes tabs (SPEC EX-1, EX-3). The export runs in the shell on
//! a worker thread; while its command is pending, this polls `export_progress` with the export's id for a
//! progress bar, and Cancel calls `cancel_export`, after which the export stops at its next batch and keeps
//! no file. Polling, not events: the window's capability then needs only our own commands.
//!
//! [`PrintButton`] opens the same data in the print window (SPEC EX-2).

use super::workspace::WorkspaceContext;
use crate::components::icons;
use crate::ipc;
use hiredesk_wire::{
    CancelExportRequest, ErrorKind, ExportHistoryRequest, ExportNotesRequest, ExportProgress, ExportProgressRequest,
    ExportResult, HistoryPageRequest, IpcError, NotesRequest, OpenPrintWindowRequest, PrintRequest,
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
}

#[derive(Properties, PartialEq)]
pub struct ExportButtonProps {
    pub context: WorkspaceContext,
    /// The button's element id (`export-history`, `export-notes`).
    pub id: AttrValue,
    pub what: ExportWhat,
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
    let running = use_state(|| None::<Running>);
    let error = use_state(|| None::<String>);

    let start = {
        let (running, error, context, what) = (running.clone(), error.clone(), props.context.clone(), props.what.clone());
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
                let (running, error, context, what, finished) =
                    (running.clone(), error.clone(), context.clone(), what.clone(), finished.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let answer = match what {
                        ExportWhat::History(history) => ipc::call(context.token(), &ExportHistoryRequest { export_id, history }).await,
                        ExportWhat::Notes(notes) => ipc::call(context.token(), &ExportNotesRequest { export_id, notes }).await,
                    };
                    finished.set(true);
                    running.set(None);
                    error.set(outcome(&context, answer));
                });
            }
            // The progress bar: asks until the export's command has answered.
            let (running, context) = (running.clone(), context.clone());
            wasm_bindgen_futures::spawn_local(async move {
                loop {
                    gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
                    if finished.get() {
                        break;
                    }
                    if let Ok(Some(progress)) = ipc::call(context.token(), &ExportProgressRequest { export_id }).await {
                        if !finished.get() {
                            running.set(Some(Running { export_id, progress: Some(progress), cancelling: false }));
                        }
                    }
                }
            });
        })
    };
    let cancel = {
        let (running, context) = (running.clone(), props.context.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(current) = (*running).clone() else { return };
            running.set(Some(Running { cancelling: true, ..current.clone() }));
            let context = context.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let _ = ipc::call(context.token(), &CancelExportRequest { export_id: current.export_id }).await;
            });
        })
    };

    html! {
        <div class="export">
            <button type="button" id={props.id.clone()} onclick={start} disabled={running.is_some()}>
                {icons::spreadsheet()}{" Export to Excel"}
            </button>
            if let Some(current) = &*running {
                <div class="export-progress" role="status">
                    { match current.progress {
                        Some(progress) if progress.total > 0 => html! {
                            <progress id="export-progress" max={progress.total.to_string()} value={progress.written.to_string()} />
                        },
                        _ => html! { <progress id="export-progress" /> },
                    } }
                    <span id="export-count" class="muted">
                        { match current.progress {
                            Some(progress) => format!("{} of {} rows", progress.written, progress.total),
                            None => "Starting…".to_owned(),
                        } }
                    </span>
                    <button type="button" id="export-cancel" onclick={cancel} disabled={current.cancelling}>{"Cancel"}</button>
                </div>
            }
            if let Some(message) = &*error {
                <p class="form-error" id="export-error" role="alert">{message}</p>
            }
        </div>
    }
}

/// Where the file went (a toast), nothing when the save dialog was closed, a toast for a cancelled export,
/// or the error to show.
fn outcome(context: &WorkspaceContext, answer: Result<Option<ExportResult>, IpcError>) -> Option<String> {
    match answer {
        Ok(Some(result)) => {
            context.toast.emit(format!("Exported {} rows to {}", result.rows, result.path));
            None
        }
        Ok(None) => None,
        Err(failure) if failure.kind == ErrorKind::Conflict => {
            context.toast.emit(failure.message);
            None
        }
        Err(failure) => context.check(failure).map(|failure| failure.message),
    }
}

#[derive(Properties, PartialEq)]
pub struct PrintButtonProps {
    pub context: WorkspaceContext,
    /// The button's element id (`print-history`, `print-notes`).
    pub id: AttrValue,
    pub what: ExportWhat,
}

/// Opens the tab's data, with its filters, in the print window.
#[component]
pub fn PrintButton(props: &PrintButtonProps) -> Html {
    let error = use_state(|| None::<String>);
    let open = {
        let (error, context, what) = (error.clone(), props.context.clone(), props.what.clone());
        Callback::from(move |_: MouseEvent| {
            let request = OpenPrintWindowRequest(match what.clone() {
                ExportWhat::History(history) => PrintRequest::History(history),
                ExportWhat::Notes(notes) => PrintRequest::Notes(notes),
            });
            let (error, context) = (error.clone(), context.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(()) => error.set(None),
                    Err(failure) => error.set(context.check(failure).map(|failure| failure.message)),
                }
            });
        })
    };
    html! {
        <div class="export">
            <button type="button" id={props.id.clone()} onclick={open}>{icons::printer()}{" Print"}</button>
            if let Some(message) = &*error {
                <p class="form-error" role="alert">{message}</p>
            }
        </div>
    }
}
