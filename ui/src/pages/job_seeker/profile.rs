//! The Profile tab: the job seeker's fields, saved together, and each application's stage and disposition.

use crate::components::confirm::Confirm;
use crate::components::field::SelectField;
use crate::components::form::{form_error, set_to};
use crate::components::profile_fields::{set_draft, ProfileFields};
use crate::hooks::command::use_command;
use crate::shortcuts::{self, Action};
use crate::workspace_context::{View, WorkspaceContext};
use hiredesk_wire::{
    DeleteApplicationRequest, DeleteJobSeekerRequest, JobSeekerDetail, SetStageRequest, Stage, UpdateProfileRequest,
    DISPOSITIONS,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProfileTabProps {
    pub detail: JobSeekerDetail,
    pub on_saved: Callback<JobSeekerDetail>,
}

#[component]
pub fn ProfileTab(props: &ProfileTabProps) -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let draft = use_state(|| props.detail.profile.clone());
    let update = use_command::<UpdateProfileRequest>();
    let delete_job_seeker = use_command::<DeleteJobSeekerRequest>();

    let onsubmit = {
        let (draft, update, workspace) = (draft.clone(), update.clone(), workspace.clone());
        let (on_saved, id) = (props.on_saved.clone(), props.detail.id);
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if update.loading() {
                return;
            }
            let request = UpdateProfileRequest { id, profile: (*draft).clone() };
            let (draft, workspace, on_saved) = (draft.clone(), workspace.clone(), on_saved.clone());
            update.run_then(request, move |saved| {
                draft.set(saved.profile.clone());
                on_saved.emit(saved.clone());
                workspace.toast("Profile saved.");
            });
        })
    };
    let discard = {
        let (draft, update, delete_job_seeker, original) =
            (draft.clone(), update.clone(), delete_job_seeker.clone(), props.detail.profile.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(original.clone());
            update.forget_error();
            delete_job_seeker.forget_error();
        })
    };
    let changed = *draft != props.detail.profile;
    let confirming = use_state(|| false);
    let (ask, cancel) = (set_to(&confirming, true), set_to(&confirming, false));
    let delete = {
        let (delete_job_seeker, workspace, confirming, id) =
            (delete_job_seeker.clone(), workspace.clone(), confirming.clone(), props.detail.id);
        Callback::from(move |()| {
            let (workspace, confirming) = (workspace.clone(), confirming.clone());
            delete_job_seeker.run_settled(DeleteJobSeekerRequest { id }, move |outcome| match outcome {
                Ok(()) => {
                    workspace.navigate(View::JobSeekers);
                    workspace.toast("Job seeker deleted.");
                }
                // The confirmation closes and the refusal shows above the form.
                Err(_) => confirming.set(false),
            });
        })
    };
    let name = format!("{} {}", props.detail.profile.first_name, props.detail.profile.last_name);
    let error = update.error().or(delete_job_seeker.error());

    html! {
        <div class="profile">
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Profile">
                {form_error(error)}
                <ProfileFields profile={(*draft).clone()} error={error.cloned()} on_change={set_draft(&draft)} />
                <div class="actions">
                    <button type="submit" class="primary" id="save-profile" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)} disabled={update.loading() || !changed}>
                        {"Save"}
                    </button>
                    <button type="button" id="discard-profile" disabled={!changed} onclick={discard}>
                        {"Discard"}
                    </button>
                </div>
            </form>
            <section class="applications" aria-labelledby="applications-title">
                <h2 id="applications-title">{"Applications"}</h2>
                { for props.detail.applications.iter().map(|application| html! {
                    <ApplicationStage key={application.id} application={application.clone()}
                        on_saved={props.on_saved.clone()} />
                }) }
            </section>
            <div class="actions danger-zone">
                <button type="button" class="danger" id="delete-job-seeker" onclick={ask}>{"Delete Job Seeker"}</button>
            </div>
            if *confirming {
                <Confirm title="Delete this job seeker?" confirm_label="Delete"
                    message={format!("{name} and all of their applications and forms will be deleted. \
                        Their History stays.")}
                    on_confirm={delete} on_cancel={cancel} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ApplicationStageProps {
    application: hiredesk_wire::ApplicationView,
    on_saved: Callback<JobSeekerDetail>,
}

/// One application: its requisition, and stage and disposition pickers that save as soon as they change.
#[component]
fn ApplicationStage(props: &ApplicationStageProps) -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let set_stage = use_command::<SetStageRequest>();
    let delete_application = use_command::<DeleteApplicationRequest>();
    let save = {
        let (set_stage, workspace, on_saved) = (set_stage.clone(), workspace.clone(), props.on_saved.clone());
        move |request: SetStageRequest| {
            let (workspace, on_saved) = (workspace.clone(), on_saved.clone());
            set_stage.run_then(request, move |saved| {
                on_saved.emit(saved.clone());
                workspace.toast("Stage saved.");
            });
        }
    };
    let application = &props.application;
    let on_stage = {
        let (save, id, disposition) = (save.clone(), application.id, application.disposition.clone());
        Callback::from(move |value: String| {
            if let Some(stage) = Stage::from_label(&value) {
                save(SetStageRequest { application_id: id, stage, disposition: disposition.clone() });
            }
        })
    };
    let on_disposition = {
        let (id, stage) = (application.id, application.stage);
        Callback::from(move |value: String| {
            save(SetStageRequest { application_id: id, stage, disposition: (!value.is_empty()).then_some(value) });
        })
    };
    let confirming = use_state(|| false);
    let (ask, cancel) = (set_to(&confirming, true), set_to(&confirming, false));
    let delete = {
        let (delete_application, workspace, on_saved, confirming, application_id) =
            (delete_application.clone(), workspace.clone(), props.on_saved.clone(), confirming.clone(), application.id);
        Callback::from(move |()| {
            confirming.set(false);
            let (workspace, on_saved) = (workspace.clone(), on_saved.clone());
            delete_application.run_then(DeleteApplicationRequest { application_id }, move |saved| {
                workspace.toast("Application deleted.");
                on_saved.emit(saved.clone());
            });
        })
    };
    html! {
        <div class="application">
            <div class="application-title">
                <strong>{&application.requisition}</strong>
                <span class="muted">{format!(" · applied {}", application.applied)}</span>
            </div>
            <SelectField id={format!("stage-{}", application.id)} label="Stage" inline=true onchange={on_stage}>
                { for Stage::ALL.iter().map(|stage| html! {
                    <option value={stage.label()} selected={application.stage == *stage}>{stage.label()}</option>
                }) }
            </SelectField>
            <SelectField id={format!("disposition-{}", application.id)} label="Disposition" inline=true
                onchange={on_disposition}>
                <option value="" selected={application.disposition.is_none()}>{"None"}</option>
                { for DISPOSITIONS.iter().map(|disposition| html! {
                    <option value={*disposition} selected={application.disposition.as_deref() == Some(*disposition)}>
                        {*disposition}
                    </option>
                }) }
            </SelectField>
            <button type="button" class="quiet-danger" id={format!("delete-application-{}", application.id)}
                onclick={ask}>
                {"Delete Application"}
            </button>
            if let Some(failure) = set_stage.error().or(delete_application.error()) {
                <p class="field-error">{failure.field("disposition").unwrap_or(&failure.message)}</p>
            }
            if *confirming {
                <Confirm title="Delete this application?" confirm_label="Delete"
                    message={format!("The application for {} and its forms will be deleted. History keeps a record.",
                        application.requisition)}
                    on_confirm={delete} on_cancel={cancel} />
            }
        </div>
    }
}
