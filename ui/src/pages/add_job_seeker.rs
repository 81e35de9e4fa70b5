//! Add Job Seeker (SPEC JS-6): a job seeker typed in by hand, applying to one requisition.

use super::job_seekers::use_requisitions;
use super::workspace::{View, WorkspaceContext};
use super::{field_error, form_error};
use crate::components::profile_fields::{set_draft, ProfileFields};
use crate::ipc;
use hiredesk_wire::{AddJobSeekerRequest, IpcError, JobSeekerProfile};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AddJobSeekerProps {
    pub context: WorkspaceContext,
}

#[component]
pub fn AddJobSeekerPage(props: &AddJobSeekerProps) -> Html {
    let requisitions = use_requisitions(&props.context);
    let requisition = use_state(|| None::<i32>);
    let draft = use_state(JobSeekerProfile::default);
    let error = use_state(|| None::<IpcError>);
    let busy = use_state(|| false);

    let on_requisition = {
        let requisition = requisition.clone();
        Callback::from(move |event: Event| {
            requisition.set(event.target_unchecked_into::<HtmlSelectElement>().value().parse().ok())
        })
    };
    let onsubmit = {
        let (draft, requisition, error, busy, context) =
            (draft.clone(), requisition.clone(), error.clone(), busy.clone(), props.context.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            let request = AddJobSeekerRequest { requisition_id: *requisition, profile: (*draft).clone() };
            let (error, busy, context) = (error.clone(), busy.clone(), context.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(added) => {
                        context.toast.emit("Job seeker added.".to_owned());
                        context.navigate.emit(View::JobSeeker(added.id));
                    }
                    Err(failure) => {
                        error.set(context.check(failure));
                        busy.set(false);
                    }
                }
            });
        })
    };
    let discard = {
        let navigate = props.context.navigate.clone();
        Callback::from(move |_: MouseEvent| navigate.emit(View::JobSeekers))
    };
    let requisition_error = field_error(&error, "requisition_id");

    html! {
        <main class="page" id="add-job-seeker-page">
            <h1>{"Add Job Seeker"}</h1>
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Add Job Seeker">
                {form_error(&error)}
                <div class={classes!("field", requisition_error.is_some().then_some("invalid"))}>
                    <label for="add-requisition">{"Requisition"}</label>
                    <select id="add-requisition" onchange={on_requisition} aria-invalid={requisition_error.is_some().to_string()}>
                        <option value="" selected={requisition.is_none()}>{"Choose a requisition"}</option>
                        { for requisitions.iter().filter(|choice| choice.is_open).map(|choice| html! {
                            <option value={choice.id.to_string()} selected={*requisition == Some(choice.id)}>{&choice.title}</option>
                        }) }
                    </select>
                    if let Some(message) = requisition_error {
                        <p class="field-error" id="add-requisition-error">{message}</p>
                    }
                </div>
                <ProfileFields profile={(*draft).clone()} error={(*error).clone()} on_change={set_draft(&draft)} />
                <div class="actions">
                    <button type="submit" class="primary" id="save-job-seeker" disabled={*busy}>{"Save"}</button>
                    <button type="button" id="discard-job-seeker" onclick={discard}>{"Discard"}</button>
                </div>
            </form>
        </main>
    }
}
