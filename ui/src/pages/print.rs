//! The print window (SPEC EX-2): History or Notes of a job seeker, as the tab showed them with its filters,
//! laid out for paper, with \[Print\] (the web view's own print dialog) and [Save as .xlsx]. It is a page of
//! its own (`print.html`): the shell grants this window only `print_view` and `print_export`, so it has no
//! session, no navigation and nothing else to call.

use super::job_seeker::{history_row, ExportButton, ExportWhat, HISTORY_COLUMNS};
use crate::components::list_table::ListTable;
use crate::components::toolbar::Toolbar;
use crate::hooks::command::use_command_with;
use hiredesk_wire::PrintViewRequest;
use yew::prelude::*;

const NOTE_COLUMNS: &[&str] = &["Entered", "Author", "Requisition", "Note", "Task"];

#[component]
pub fn PrintPage() -> Html {
    let view = use_command_with(PrintViewRequest {});
    let status = use_state(|| None::<String>);
    let print = Callback::from(|_: MouseEvent| {
        if let Some(window) = web_sys::window() {
            let _ = window.print();
        }
    });
    let on_saved = {
        let status = status.clone();
        Callback::from(move |message: String| status.set(Some(message)))
    };
    let body = match (view.answer(), view.error()) {
        (None, None) => html! { <p class="muted">{"Loading…"}</p> },
        (None, Some(failure)) => {
            html! { <p class="form-error" id="print-error" role="alert">{&failure.message}</p> }
        }
        (Some(view), _) => html! {
            <>
                <header class="print-header">
                    <h1 id="print-title">{&view.title}</h1>
                    <p class="muted" id="print-filters">{&view.filters}</p>
                    <p class="muted">{format!("Printed {} by {}", view.printed_at, view.printed_by)}</p>
                    if view.more {
                        <p class="muted" id="print-more">
                            {format!("The first {} entries; Save as .xlsx has them all.", view.history.len())}
                        </p>
                    }
                </header>
                if !view.history.is_empty() || view.notes.is_empty() && view.title.starts_with("History") {
                    <ListTable id="print-history" class="print-table" columns={HISTORY_COLUMNS}>
                        { for view.history.iter().map(|entry| history_row(entry, "print-row")) }
                    </ListTable>
                } else {
                    <ListTable id="print-notes" class="print-table" columns={NOTE_COLUMNS}>
                        { for view.notes.iter().map(|note| html! {
                            <tr class="print-row">
                                <td class="nowrap">{&note.entered_on}</td>
                                <td>{&note.author_email}</td>
                                <td>{&note.requisition}</td>
                                <td class="print-note">{&note.text}</td>
                                <td>{ match (&note.due_date, note.is_task, note.completed) {
                                    (_, true, true) => "Done".to_owned(),
                                    (Some(due), true, false) => format!("Due {due}"),
                                    (None, true, false) => "Open".to_owned(),
                                    _ => String::new(),
                                } }</td>
                            </tr>
                        }) }
                    </ListTable>
                }
            </>
        },
    };
    html! {
        <main class="print-page">
            <Toolbar class="no-print">
                <button type="button" id="print-print" onclick={print}>{"Print"}</button>
                <ExportButton id="print-save" label=" Save as .xlsx" what={ExportWhat::Printed} {on_saved} />
                if let Some(message) = &*status {
                    <span id="print-status" role="status">{message}</span>
                }
            </Toolbar>
            {body}
        </main>
    }
}
