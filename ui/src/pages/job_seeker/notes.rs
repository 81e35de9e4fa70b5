//! The Notes tab (SPEC NT-1 to NT-4): Add New Note, a draft with a Task toggle and a due date (typed
//! MM/DD/YYYY or picked from the calendar), Edit and Delete on every note, completion for tasks, and Show
//! Notes for All Requisitions. The draft lives in the workspace, so switching tabs and the idle timeout do not
//! lose it.

use super::export::{ExportButton, ExportWhat, PrintButton};
use crate::components::confirm::Confirm;
use crate::components::field::{Checkbox, SelectField, TextAreaField};
use crate::components::form::{edit_open, field_error, form_error};
use crate::components::icons;
use crate::components::toolbar::Toolbar;
use crate::hooks::command::{use_command, use_command_with};
use crate::hooks::focus::use_focus_when;
use crate::hooks::team_status::use_reload_on_change;
use crate::shortcuts::{self, Action};
use crate::workspace_context::{NoteDraft, WorkspaceContext};
use hiredesk_wire::{
    DeleteNoteRequest, JobSeekerDetail, NoteView, NotesRequest, SaveNoteRequest, SetTaskCompletedRequest,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NotesTabProps {
    pub detail: JobSeekerDetail,
    /// The New note shortcut was pressed: start a draft as Add New Note does, then say so with `on_started`.
    #[prop_or_default]
    pub start_new: bool,
    #[prop_or_default]
    pub on_started: Callback<()>,
    /// The team server's count of changes: when it moves, the list is asked for again (the draft being
    /// written lives in the workspace and is not touched).
    #[prop_or_default]
    pub changes: u64,
}

/// `YYYY-MM-DD` from the calendar to `MM/DD/YYYY`.
fn from_calendar(value: &str) -> String {
    let parts: Vec<&str> = value.split('-').collect();
    match parts.as_slice() {
        [year, month, day] => format!("{month}/{day}/{year}"),
        _ => String::new(),
    }
}

#[component]
pub fn NotesTab(props: &NotesTabProps) -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let first_application = props.detail.applications.first().map(|application| application.id).unwrap_or_default();
    let application = use_state(|| first_application);
    let show_all = use_state(|| false);
    let shown = NotesRequest { job_seeker_id: props.detail.id, application_id: (!*show_all).then_some(*application) };
    let notes = use_command_with(shown.clone());
    let save_note = use_command::<SaveNoteRequest>();
    let set_completed = use_command::<SetTaskCompletedRequest>();
    let delete_note = use_command::<DeleteNoteRequest>();
    let deleting = use_state(|| None::<NoteView>);
    let draft = workspace.note_draft.clone();
    let current = (*draft).clone().filter(|draft| draft.job_seeker_id == props.detail.id);
    // After a change, the list is asked again with the filters it shows.
    let refresh = {
        let (notes, shown) = (notes.clone(), shown.clone());
        move || notes.run(shown.clone())
    };
    use_reload_on_change(props.changes, refresh.clone());
    let on_text = edit_open(&draft, |draft, text| draft.text = text);
    let on_task = edit_open(&draft, |draft, is_task| draft.is_task = is_task);
    let on_due = {
        let set = edit_open(&draft, |draft, due_date| draft.due_date = due_date);
        Callback::from(move |event: InputEvent| set.emit(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let on_calendar = {
        let set = edit_open(&draft, |draft, picked: String| draft.due_date = from_calendar(&picked));
        Callback::from(move |event: Event| set.emit(event.target_unchecked_into::<HtmlInputElement>().value()))
    };
    let add = {
        let (draft, application, job_seeker_id) = (draft.clone(), application.clone(), props.detail.id);
        Callback::from(move |_: MouseEvent| {
            draft.set(Some(NoteDraft { job_seeker_id, application_id: *application, ..NoteDraft::default() }));
        })
    };
    // The New note shortcut starts a draft like Add New Note (or keeps the one being written).
    {
        let (draft, application, job_seeker_id) = (draft.clone(), *application, props.detail.id);
        let (writing, on_started) = (current.is_some(), props.on_started.clone());
        use_effect_with(props.start_new, move |start| {
            if *start {
                if !writing {
                    draft.set(Some(NoteDraft { job_seeker_id, application_id: application, ..NoteDraft::default() }));
                }
                on_started.emit(());
            }
        });
    }
    // An open draft has the focus in its text, so typing goes on where the eyes are.
    use_focus_when("note-text", current.is_some());
    let save = {
        let (draft, save_note, workspace, refresh) =
            (draft.clone(), save_note.clone(), workspace.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(current) = (*draft).clone() else { return };
            let request = SaveNoteRequest {
                id: current.id,
                application_id: current.application_id,
                text: current.text.clone(),
                is_task: current.is_task,
                due_date: current.due_date.clone(),
                client_key: None,
                written_at: None,
            };
            let saved = if request.is_task { "Task saved." } else { "Note saved." };
            let (draft, workspace, refresh) = (draft.clone(), workspace.clone(), refresh.clone());
            save_note.run_then(request, move |note| {
                draft.set(None);
                refresh();
                if note.kept_on_this_computer {
                    workspace.toast("Kept on this computer: it is saved when the team server answers again.");
                } else {
                    workspace.toast(saved);
                }
            });
        })
    };
    let discard = {
        let (draft, save_note, set_completed, delete_note, notes) =
            (draft.clone(), save_note.clone(), set_completed.clone(), delete_note.clone(), notes.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(None);
            // Discarding starts over: no message from before stays on screen.
            save_note.forget_error();
            set_completed.forget_error();
            delete_note.forget_error();
            notes.forget_error();
        })
    };
    let complete = |note: &NoteView| {
        let request = SetTaskCompletedRequest { id: note.id, completed: !note.completed };
        let (set_completed, refresh) = (set_completed.clone(), refresh.clone());
        Callback::from(move |_: MouseEvent| {
            let refresh = refresh.clone();
            set_completed.run_then(request.clone(), move |_| refresh());
        })
    };
    let start_edit = |note: &NoteView| {
        let (draft, job_seeker_id) = (draft.clone(), props.detail.id);
        let next = NoteDraft {
            job_seeker_id,
            id: Some(note.id),
            application_id: note.application_id,
            text: note.text.clone(),
            is_task: note.is_task,
            due_date: note.due_date.clone().unwrap_or_default(),
        };
        Callback::from(move |_: MouseEvent| draft.set(Some(next.clone())))
    };
    let ask_delete = |note: &NoteView| {
        let (deleting, note) = (deleting.clone(), note.clone());
        Callback::from(move |_: MouseEvent| deleting.set(Some(note.clone())))
    };
    let confirm_delete = {
        let (deleting, delete_note, workspace, refresh) =
            (deleting.clone(), delete_note.clone(), workspace.clone(), refresh.clone());
        Callback::from(move |()| {
            let Some(note) = (*deleting).clone() else { return };
            deleting.set(None);
            let (workspace, refresh) = (workspace.clone(), refresh.clone());
            delete_note.run_then(DeleteNoteRequest { id: note.id }, move |()| {
                refresh();
                workspace.toast("Note deleted.");
            });
        })
    };
    let cancel_delete = {
        let deleting = deleting.clone();
        Callback::from(move |()| deleting.set(None))
    };
    let export = ExportWhat::Notes(shown.clone());
    let error = save_note.error().or(set_completed.error()).or(delete_note.error()).or(notes.error());
    let due_error = field_error(error, "due_date");
    // What the check mark of a task does now.
    let completion = |note: &NoteView| if note.completed { "Mark Not Completed" } else { "Mark Completed" };
    let on_show_all = {
        let show_all = show_all.clone();
        Callback::from(move |checked: bool| show_all.set(checked))
    };
    let on_application = {
        let application = application.clone();
        Callback::from(move |value: String| {
            if let Ok(id) = value.parse() {
                application.set(id);
            }
        })
    };

    html! {
        <div class="notes" id="notes-panel">
            <Toolbar>
                <button type="button" id="add-note" onclick={add} disabled={current.is_some()}
                    title={shortcuts::titled("Add a note or a task", Action::NewNote)}>
                    {icons::plus()}{" Add New Note"}
                </button>
                if props.detail.applications.len() > 1 && !*show_all {
                    <SelectField id="notes-requisition" label="Requisition" inline=true onchange={on_application}>
                        { for props.detail.applications.iter().map(|choice| html! {
                            <option value={choice.id.to_string()} selected={*application == choice.id}>
                                {&choice.requisition}
                            </option>
                        }) }
                    </SelectField>
                }
                <ExportButton id="export-notes" what={export.clone()} />
                <PrintButton id="print-notes" what={export} />
                <Checkbox id="show-all-notes" label="Show Notes for All Requisitions" checked={*show_all}
                    onchange={on_show_all} />
            </Toolbar>
            {form_error(error)}
            if let Some(current) = current {
                <div class="note-draft card-inline" id="note-draft">
                    <TextAreaField id="note-text" label={if current.id.is_some() { "Edit Note" } else { "New Note" }}
                        rows={4} value={current.text.clone()} error={field_error(error, "text")} oninput={on_text} />
                    <Checkbox id="note-task" label="Task" checked={current.is_task} onchange={on_task} />
                    if current.is_task {
                        <div class={classes!("field", "due-date", due_error.is_some().then_some("invalid"))}>
                            <label for="note-due">{"Due Date (MM/DD/YYYY)"}</label>
                            <div class="due-inputs">
                                <input id="note-due" type="text" placeholder="MM/DD/YYYY"
                                    value={current.due_date.clone()} oninput={on_due} />
                                <input id="note-due-calendar" type="date" aria-label="Pick the due date from a calendar"
                                    onchange={on_calendar} />
                            </div>
                            if let Some(message) = due_error {
                                <p class="field-error" id="note-due-error">{message}</p>
                            }
                        </div>
                    }
                    <div class="actions">
                        <button type="button" class="primary" id="save-note" onclick={save} data-shortcut="save"
                            title={shortcuts::titled("Save", Action::Save)}>{"Save"}</button>
                        <button type="button" id="discard-note" onclick={discard}>{"Discard"}</button>
                    </div>
                </div>
            }
            <ul class="note-list" id="note-list">
                { for notes.answer().into_iter().flatten().map(|note| html! {
                    <li id={format!("note-{}", note.id)} class={classes!("note", note.is_task.then_some("task"),
                        note.overdue.then_some("overdue"), note.completed.then_some("completed"))}>
                        <div class="note-icons">
                            if note.is_task {
                                <span title="Task" aria-label="Task">{icons::checklist()}</span>
                            }
                        </div>
                        <div class="note-body">
                            <p class="note-text">{&note.text}</p>
                            <p class="muted note-meta">
                                {format!("{} · {}", note.entered_on, note.author_email)}
                                if *show_all { {format!(" · {}", note.requisition)} }
                                if let Some(due) = &note.due_date {
                                    {format!(" · due {due}")}
                                    if note.overdue { <strong class="overdue-label">{" · overdue"}</strong> }
                                    if note.completed { {" · completed"} }
                                }
                            </p>
                        </div>
                        <div class="note-actions">
                            if note.is_task {
                                <button type="button" class="icon-button" id={format!("complete-note-{}", note.id)}
                                    onclick={complete(note)} title={completion(note)} aria-label={completion(note)}>
                                    {icons::check()}
                                </button>
                            }
                            <button type="button" class="icon-button" id={format!("edit-note-{}", note.id)}
                                onclick={start_edit(note)} title="Edit" aria-label="Edit">{icons::pencil()}</button>
                            <button type="button" class="icon-button quiet-danger"
                                id={format!("delete-note-{}", note.id)} onclick={ask_delete(note)} title="Delete"
                                aria-label="Delete">{icons::trash()}</button>
                        </div>
                    </li>
                }) }
            </ul>
            if notes.answer().is_none_or(Vec::is_empty) {
                <p class="muted" id="no-notes">{"No notes yet."}</p>
            }
            if let Some(note) = &*deleting {
                <Confirm title="Delete this note?" confirm_label="Delete"
                    message={format!("“{}” will be deleted. History keeps a record.",
                        note.text.chars().take(80).collect::<String>())}
                    on_confirm={confirm_delete} on_cancel={cancel_delete} />
            }
        </div>
    }
}
