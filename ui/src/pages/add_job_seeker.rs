//! Add Job Seeker (SPEC JS-6): a job seeker typed in by hand, applying to one requisition.

use crate::components::form::{field_error, form_error};
use crate::components::profile_fields::{set_draft, ProfileFields};
use crate::hooks::command::{use_command, use_command_with};
use crate::workspace_context::{View, WorkspaceContext};
use hiredesk_wire::{AddJobSeekerRequest, JobSeekerProfile, RequisitionChoicesRequest};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[component]
pub fn AddJobSeekerPage() -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let requisitions = use_command_with(RequisitionChoicesRequest {});
    let requisition = use_state(|| None::<i32>);
    let draft = use_state(JobSeekerProfile::default);
    let add = use_command::<AddJobSeekerRequest>();

    let on_requisition = {
        let requisition = requisition.clone();
        Callback::from(move |event: Event| {
            requisition.set(event.target_unchecked_into::<HtmlSelectElement>().value().parse().ok())
        })
    };
    let onsubmit = {
        let (draft, requisition, add, workspace) = (draft.clone(), requisition.clone(), add.clone(), workspace.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if add.loading() {
                return;
            }
            let request = AddJobSeekerRequest { requisition_id: *requisition, profile: (*draft).clone() };
            let workspace = workspace.clone();
            add.run_then(request, move |added| {
                workspace.toast("Job seeker added.");
                workspace.navigate(View::JobSeeker(added.id));
            });
        })
    };
    let error = add.error();
    let requisition_error = field_error(error, "requisition_id");
    let requisitions = requisitions.answer().map(Vec::as_slice).unwrap_or_default();

    html! {
        <main class="page" id="add-job-seeker-page">
            <h1>{"Add Job Seeker"}</h1>
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Add Job Seeker">
                {form_error(error)}
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
                <ProfileFields profile={(*draft).clone()} error={error.cloned()} on_change={set_draft(&draft)} />
                <div class="actions">
                    <button type="submit" class="primary" id="save-job-seeker" disabled={add.loading()}>{"Save"}</button>
                    <button type="button" id="discard-job-seeker" onclick={workspace.go_to(View::JobSeekers)}>{"Discard"}</button>
                </div>
            </form>
        </main>
    }
}
