//! Add Job Seeker (SPEC JS-6): a job seeker typed in by hand, applying to one requisition.

use crate::components::form::{field_error, form_error};
use crate::components::profile_fields::{set_draft, ProfileFields};
use crate::components::requisition_picker::RequisitionPicker;
use crate::hooks::command::use_command;
use crate::shortcuts::{self, Action};
use crate::workspace_context::{View, WorkspaceContext};
use hiredesk_wire::{AddJobSeekerRequest, JobSeekerProfile};
use yew::prelude::*;

#[component]
pub fn AddJobSeekerPage() -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let requisition = use_state(|| None::<i32>);
    let draft = use_state(JobSeekerProfile::default);
    let add = use_command::<AddJobSeekerRequest>();

    let on_requisition = {
        let requisition = requisition.clone();
        Callback::from(move |chosen: Option<i32>| requisition.set(chosen))
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
                workspace.navigate(View::JobSeeker(added.id));
                workspace.toast("Job seeker added.");
            });
        })
    };
    let error = add.error();
    let requisition_error = field_error(error, "requisition_id");

    html! {
        <main class="page" id="add-job-seeker-page">
            <h1>{"Add Job Seeker"}</h1>
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Add Job Seeker">
                {form_error(error)}
                <RequisitionPicker id="add-requisition" selected={*requisition} error={requisition_error}
                    on_change={on_requisition} />
                <ProfileFields profile={(*draft).clone()} error={error.cloned()} on_change={set_draft(&draft)} />
                <div class="actions">
                    <button type="submit" class="primary" id="save-job-seeker" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)} disabled={add.loading()}>
                        {"Save"}
                    </button>
                    <button type="button" id="discard-job-seeker" onclick={workspace.go_to(View::JobSeekers)}>
                        {"Discard"}
                    </button>
                </div>
            </form>
        </main>
    }
}
