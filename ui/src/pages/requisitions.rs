//! Requisitions (SPEC JS-1): the list, and one form for a new requisition or the one being edited.

use super::workspace::WorkspaceContext;
use super::{field_error, form_error};
use crate::components::field::Field;
use crate::ipc;
use hiredesk_wire::{IpcError, ListRequisitionsRequest, RequisitionFields, RequisitionView, SaveRequisitionRequest};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RequisitionsProps {
    pub context: WorkspaceContext,
}

/// Which requisition the form edits.
#[derive(Clone, PartialEq)]
enum Editing {
    Nothing,
    New,
    Existing(i32),
}

#[component]
pub fn RequisitionsPage(props: &RequisitionsProps) -> Html {
    let rows = use_state(Vec::<RequisitionView>::new);
    let editing = use_state(|| Editing::Nothing);
    let draft = use_state(RequisitionFields::default);
    let error = use_state(|| None::<IpcError>);
    let reload = use_state(|| 0u32);
    {
        let (rows, error, context) = (rows.clone(), error.clone(), props.context.clone());
        use_effect_with(*reload, move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &ListRequisitionsRequest {}).await {
                    Ok(answer) => rows.set(answer),
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        });
    }
    let start = |target: Editing, fields: RequisitionFields| {
        let (editing, draft, error) = (editing.clone(), draft.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            editing.set(target.clone());
            draft.set(fields.clone());
            error.set(None);
        })
    };
    let onsubmit = {
        let (editing, draft, error, reload, context) =
            (editing.clone(), draft.clone(), error.clone(), reload.clone(), props.context.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let id = match &*editing {
                Editing::Existing(id) => Some(*id),
                _ => None,
            };
            let request = SaveRequisitionRequest { id, fields: (*draft).clone() };
            let (editing, error, reload, context) = (editing.clone(), error.clone(), reload.clone(), context.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(_) => {
                        editing.set(Editing::Nothing);
                        error.set(None);
                        reload.set(*reload + 1);
                        context.toast.emit("Requisition saved.".to_owned());
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        })
    };
    let discard = {
        let (editing, error) = (editing.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            editing.set(Editing::Nothing);
            error.set(None);
        })
    };
    let text = |update: fn(&mut RequisitionFields, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            update(&mut next, value);
            draft.set(next);
        })
    };
    let on_open = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let checked = event.target_unchecked_into::<HtmlInputElement>().checked();
            draft.set(RequisitionFields { is_open: checked, ..(*draft).clone() });
        })
    };
    let new_fields = RequisitionFields { is_open: true, ..RequisitionFields::default() };

    html! {
        <main class="page" id="requisitions-page">
            <div class="detail-bar">
                <h1>{"Requisitions"}</h1>
                <span class="spacer"></span>
                <button type="button" class="primary" id="new-requisition" onclick={start(Editing::New, new_fields)}>{"New Requisition"}</button>
            </div>
            if *editing != Editing::Nothing {
                <form class="profile-form card-inline" onsubmit={onsubmit} novalidate=true aria-label="Requisition">
                    <h2>{ if *editing == Editing::New { "New Requisition" } else { "Edit Requisition" } }</h2>
                    {form_error(&error)}
                    <div class="field-grid">
                        <Field id="requisition-title" label="Title" value={draft.title.clone()} error={field_error(&error, "title")}
                            oninput={text(|fields, value| fields.title = value)} autofocus=true />
                        <Field id="requisition-department" label="Department" value={draft.department.clone()}
                            error={field_error(&error, "department")} oninput={text(|fields, value| fields.department = value)} />
                        <Field id="requisition-location" label="Location" value={draft.location.clone()}
                            error={field_error(&error, "location")} oninput={text(|fields, value| fields.location = value)} />
                        <Field id="requisition-hiring-manager" label="Hiring Manager" value={draft.hiring_manager.clone()}
                            error={field_error(&error, "hiring_manager")} oninput={text(|fields, value| fields.hiring_manager = value)} />
                        <Field id="requisition-closing-date" label="Closing Date" input_type="date" value={draft.closing_date.clone()}
                            error={field_error(&error, "closing_date")} oninput={text(|fields, value| fields.closing_date = value)} />
                        <div class="field checkbox">
                            <label for="requisition-open">
                                <input id="requisition-open" type="checkbox" checked={draft.is_open} onchange={on_open} />
                                {" Open for applications"}
                            </label>
                        </div>
                    </div>
                    <div class="actions">
                        <button type="submit" class="primary" id="save-requisition">{"Save"}</button>
                        <button type="button" id="discard-requisition" onclick={discard}>{"Discard"}</button>
                    </div>
                </form>
            }
            <table class="list" id="requisition-list">
                <thead>
                    <tr><th>{"Title"}</th><th>{"Department"}</th><th>{"Location"}</th><th>{"Hiring Manager"}</th>
                        <th>{"Closing Date"}</th><th>{"Status"}</th><th>{"Applicants"}</th></tr>
                </thead>
                <tbody>
                    { for rows.iter().map(|row| html! {
                        <tr>
                            <td><button type="button" class="link" id={format!("requisition-{}", row.id)}
                                onclick={start(Editing::Existing(row.id), row.fields.clone())}>{&row.fields.title}</button></td>
                            <td>{&row.fields.department}</td>
                            <td>{&row.fields.location}</td>
                            <td>{&row.fields.hiring_manager}</td>
                            <td>{&row.closing_date_text}</td>
                            <td>{ if row.fields.is_open { "Open" } else { "Closed" } }</td>
                            <td>{row.applicants}</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </main>
    }
}
