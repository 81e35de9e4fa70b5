//! Requisitions (SPEC JS-1): the list, and one form for a new requisition or the one being edited.

use crate::components::field::{Checkbox, Field};
use crate::components::form::{edit, field_error, form_error};
use crate::components::list_table::ListTable;
use crate::hooks::command::{use_command, use_command_with};
use crate::shortcuts::{self, Action};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{ListRequisitionsRequest, RequisitionFields, SaveRequisitionRequest};
use yew::prelude::*;

const COLUMNS: &[&str] = &["Title", "Department", "Location", "Hiring Manager", "Closing Date", "Status", "Applicants"];

/// Which requisition the form edits.
#[derive(Clone, PartialEq)]
enum Editing {
    Nothing,
    New,
    Existing(i32),
}

#[component]
pub fn RequisitionsPage() -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let rows = use_command_with(ListRequisitionsRequest {});
    let editing = use_state(|| Editing::Nothing);
    let draft = use_state(RequisitionFields::default);
    let save = use_command::<SaveRequisitionRequest>();
    let start = |target: Editing, fields: RequisitionFields| {
        let (editing, draft, save) = (editing.clone(), draft.clone(), save.clone());
        Callback::from(move |_: MouseEvent| {
            editing.set(target.clone());
            draft.set(fields.clone());
            save.forget_error();
        })
    };
    let onsubmit = {
        let (editing, draft, save, rows) = (editing.clone(), draft.clone(), save.clone(), rows.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let id = match &*editing {
                Editing::Existing(id) => Some(*id),
                _ => None,
            };
            let request = SaveRequisitionRequest { id, fields: (*draft).clone() };
            let (editing, rows, workspace) = (editing.clone(), rows.clone(), workspace.clone());
            save.run_then(request, move |_| {
                editing.set(Editing::Nothing);
                rows.run(ListRequisitionsRequest {});
                workspace.toast("Requisition saved.");
            });
        })
    };
    let discard = {
        let (editing, save) = (editing.clone(), save.clone());
        Callback::from(move |_: MouseEvent| {
            editing.set(Editing::Nothing);
            save.forget_error();
        })
    };
    let text = |change: fn(&mut RequisitionFields, String)| edit(&draft, change);
    let new_fields = RequisitionFields { is_open: true, ..RequisitionFields::default() };
    let error = save.error().or(rows.error());

    html! {
        <main class="page" id="requisitions-page">
            <div class="detail-bar">
                <h1>{"Requisitions"}</h1>
                <span class="spacer"></span>
                <button type="button" class="primary" id="new-requisition" onclick={start(Editing::New, new_fields)}>
                    {"New Requisition"}
                </button>
            </div>
            if *editing != Editing::Nothing {
                <form class="profile-form card-inline" onsubmit={onsubmit} novalidate=true aria-label="Requisition">
                    <h2>{ if *editing == Editing::New { "New Requisition" } else { "Edit Requisition" } }</h2>
                    {form_error(error)}
                    <div class="field-grid">
                        <Field id="requisition-title" label="Title" value={draft.title.clone()}
                            error={field_error(error, "title")} oninput={text(|fields, value| fields.title = value)}
                            autofocus=true />
                        <Field id="requisition-department" label="Department" value={draft.department.clone()}
                            error={field_error(error, "department")}
                            oninput={text(|fields, value| fields.department = value)} />
                        <Field id="requisition-location" label="Location" value={draft.location.clone()}
                            error={field_error(error, "location")}
                            oninput={text(|fields, value| fields.location = value)} />
                        <Field id="requisition-hiring-manager" label="Hiring Manager"
                            value={draft.hiring_manager.clone()}
                            error={field_error(error, "hiring_manager")}
                            oninput={text(|fields, value| fields.hiring_manager = value)} />
                        <Field id="requisition-closing-date" label="Closing Date" input_type="date"
                            value={draft.closing_date.clone()} error={field_error(error, "closing_date")}
                            oninput={text(|fields, value| fields.closing_date = value)} />
                        <Checkbox id="requisition-open" label="Open for applications" checked={draft.is_open}
                            onchange={edit(&draft, |fields, is_open| fields.is_open = is_open)} />
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary" id="save-requisition" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)}>{"Save"}</button>
                        <button type="button" id="discard-requisition" onclick={discard}>{"Discard"}</button>
                    </div>
                </form>
            }
            <ListTable id="requisition-list" columns={COLUMNS}>
                { for rows.answer().into_iter().flatten().map(|row| html! {
                    <tr>
                        <td>
                            <button type="button" class="link" id={format!("requisition-{}", row.id)}
                                onclick={start(Editing::Existing(row.id), row.fields.clone())}>
                                {&row.fields.title}
                            </button>
                        </td>
                        <td>{&row.fields.department}</td>
                        <td>{&row.fields.location}</td>
                        <td>{&row.fields.hiring_manager}</td>
                        <td>{&row.closing_date_text}</td>
                        <td>{ if row.fields.is_open { "Open" } else { "Closed" } }</td>
                        <td>{row.applicants}</td>
                    </tr>
                }) }
            </ListTable>
        </main>
    }
}
