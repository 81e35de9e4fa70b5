//! The Forms tab (SPEC JS-5): each application's forms with their status; a recruiter marks one completed
//! (today) or back.

use crate::components::form::error_message;
use crate::components::list_table::ListTable;
use crate::hooks::command::use_command;
use hiredesk_wire::{JobSeekerDetail, SetFormCompletedRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FormsTabProps {
    pub detail: JobSeekerDetail,
    pub on_saved: Callback<JobSeekerDetail>,
}

const COLUMNS: &[&str] = &["Form", "Status"];

#[component]
pub fn FormsTab(props: &FormsTabProps) -> Html {
    let set_completed = use_command::<SetFormCompletedRequest>();
    let toggle = |form_id: i32, completed: bool| {
        let (set_completed, on_saved) = (set_completed.clone(), props.on_saved.clone());
        Callback::from(move |_: MouseEvent| {
            let on_saved = on_saved.clone();
            set_completed.run_then(SetFormCompletedRequest { form_id, completed }, move |saved| {
                on_saved.emit(saved.clone());
            });
        })
    };
    html! {
        <div class="forms" id="forms-panel">
            {error_message(set_completed.error())}
            { for props.detail.applications.iter().map(|application| html! {
                <section class="application-forms">
                    <h2>{&application.requisition}</h2>
                    <ListTable columns={COLUMNS} actions="Action">
                        { for application.forms.iter().map(|form| {
                            let done = form.completed_on.is_some();
                            let status = match (&form.completed_on, &form.completed_by) {
                                (Some(on), Some(by)) => format!("Completed {on} by {by}"),
                                (Some(on), None) => format!("Completed {on}"),
                                _ => "Not completed".to_owned(),
                            };
                            html! {
                                <tr id={format!("form-{}", form.id)}>
                                    <td>{&form.name}</td>
                                    <td class={classes!(done.then_some("completed"))}>{status}</td>
                                    <td>
                                        <button type="button" id={format!("form-{}-toggle", form.id)}
                                            onclick={toggle(form.id, !done)}>
                                            { if done { "Mark Not Completed" } else { "Mark Completed" } }
                                        </button>
                                    </td>
                                </tr>
                            }
                        }) }
                    </ListTable>
                </section>
            }) }
        </div>
    }
}
