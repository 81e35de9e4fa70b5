//! The Export to Excel button of the History and Notes tabs (SPEC EX-1, EX-3). The export runs in the shell on
//! a worker thread; while its command is pending, this polls `export_progress` with the export's id for a
//! progress bar, and Cancel calls `cancel_export`, after which the export stops at its next batch and keeps
//! no file. Polling, not events: the window's capability then needs only our own commands.
//!
//! [`PrintButton`] opens the same data in the print window (SPEC EX-2).

use crate::components::icons;
use crate::ipc;
use crate::pages::workspace::WorkspaceContext;
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
    /// The workspace's, on the tabs; `None` in the print window.
    pub context: Option<WorkspaceContext>,
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
async fn progress(token: Option<&str>, printed: bool, export_id: u32) -> Result<Option<ExportProgress>, IpcError> {
    if printed {
        ipc::call(None, &PrintExportProgressRequest { export_id }).await
    } else {
        ipc::call(token, &ExportProgressRequest { export_id }).await
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
    let running = use_state(|| None::<Running>);
    let error = use_state(|| None::<String>);

    let token: Option<String> = props.context.as_ref().map(|context| context.session.token.clone());
    let printed = props.what == ExportWhat::Printed;
    let start = {
        let (running, error, context, what, on_saved, token) = (
            running.clone(),
            error.clone(),
            props.context.clone(),
            props.what.clone(),
            props.on_saved.clone(),
            token.clone(),
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
                let (running, error, context, what, finished, on_saved, token) = (
                    running.clone(),
                    error.clone(),
                    context.clone(),
                    what.clone(),
                    finished.clone(),
                    on_saved.clone(),
                    token.clone(),
                );
                wasm_bindgen_futures::spawn_local(async move {
                    let token = token.as_deref();
                    let answer = match what {
                        ExportWhat::History(history) => {
                            ipc::call(token, &ExportHistoryRequest { export_id, history }).await
                        }
                        ExportWhat::Notes(notes) => ipc::call(token, &ExportNotesRequest { export_id, notes }).await,
                        ExportWhat::Printed => ipc::call(None, &PrintExportRequest { export_id }).await,
                    };
                    finished.set(true);
                    running.set(None);
                    error.set(outcome(context.as_ref(), &on_saved, answer));
                });
            }
            // The progress bar: asks until the export's command has answered.
            let (running, token) = (running.clone(), token.clone());
            wasm_bindgen_futures::spawn_local(async move {
                loop {
                    gloo_timers::future::TimeoutFuture::new(POLL_MS).await;
                    if finished.get() {
                        break;
                    }
                    if let Ok(Some(progress)) = progress(token.as_deref(), printed, export_id).await {
                        if !finished.get() {
                            running.set(Some(Running { export_id, progress: Some(progress), cancelling: false }));
                        }
                    }
                }
            });
        })
    };
    let cancel = {
        let (running, token) = (running.clone(), token.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(current) = (*running).clone() else { return };
            running.set(Some(Running { cancelling: true, ..current.clone() }));
            let token = token.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let export_id = current.export_id;
                let _ = if printed {
                    ipc::call(None, &CancelPrintExportRequest { export_id }).await
                } else {
                    ipc::call(token.as_deref(), &CancelExportRequest { export_id }).await
                };
            });
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

/// Where the file went (a toast, or `on_saved` in the print window), nothing when the save dialog was
/// closed, the same for a cancelled export, or the error to show.
fn outcome(
    context: Option<&WorkspaceContext>,
    on_saved: &Callback<String>,
    answer: Result<Option<ExportResult>, IpcError>,
) -> Option<String> {
    let tell = |message: String| match context {
        Some(context) => context.toast.emit(message),
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
        Err(failure) => match context {
            Some(context) => context.check(failure).map(|failure| failure.message),
            None => Some(failure.message),
        },
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
                ExportWhat::Printed => return,
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
