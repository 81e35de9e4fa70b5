//! The Forms tab (SPEC JS-5): each application's forms with their status; a recruiter marks one completed
//! (today) or back.

use crate::ipc;
use crate::pages::workspace::WorkspaceContext;
use hiredesk_wire::{JobSeekerDetail, SetFormCompletedRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FormsTabProps {
    pub context: WorkspaceContext,
    pub detail: JobSeekerDetail,
    pub on_saved: Callback<JobSeekerDetail>,
}

#[component]
pub fn FormsTab(props: &FormsTabProps) -> Html {
    let error = use_state(|| None::<String>);
    let toggle = |form_id: i32, completed: bool| {
        let (context, on_saved, error) = (props.context.clone(), props.on_saved.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let (context, on_saved, error) = (context.clone(), on_saved.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &SetFormCompletedRequest { form_id, completed }).await {
                    Ok(saved) => {
                        error.set(None);
                        on_saved.emit(saved);
                    }
                    Err(failure) => error.set(context.check(failure).map(|failure| failure.message)),
                }
            });
        })
    };
    html! {
        <div class="forms" id="forms-panel">
            if let Some(message) = &*error {
                <p class="form-error" role="alert">{message}</p>
            }
            { for props.detail.applications.iter().map(|application| html! {
                <section class="application-forms">
                    <h2>{&application.requisition}</h2>
                    <table class="list">
                        <thead><tr><th>{"Form"}</th><th>{"Status"}</th><th><span class="visually-hidden">{"Action"}</span></th></tr></thead>
                        <tbody>
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
                                            <button type="button" id={format!("form-{}-toggle", form.id)} onclick={toggle(form.id, !done)}>
                                                { if done { "Mark Not Completed" } else { "Mark Completed" } }
                                            </button>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </section>
            }) }
        </div>
    }
}
