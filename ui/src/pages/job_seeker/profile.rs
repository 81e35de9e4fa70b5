//! The Profile tab: the job seeker's fields, saved together, and each application's stage and disposition.

use crate::components::confirm::Confirm;
use crate::components::profile_fields::{set_draft, ProfileFields};
use crate::ipc;
use crate::pages::form_error;
use crate::pages::workspace::{View, WorkspaceContext};
use hiredesk_wire::{
    DeleteApplicationRequest, DeleteJobSeekerRequest, IpcError, JobSeekerDetail, SetStageRequest, Stage,
    UpdateProfileRequest, DISPOSITIONS,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProfileTabProps {
    pub context: WorkspaceContext,
    pub detail: JobSeekerDetail,
    pub on_saved: Callback<JobSeekerDetail>,
}

#[component]
pub fn ProfileTab(props: &ProfileTabProps) -> Html {
    let draft = use_state(|| props.detail.profile.clone());
    let error = use_state(|| None::<IpcError>);
    let busy = use_state(|| false);

    let onsubmit = {
        let (draft, error, busy) = (draft.clone(), error.clone(), busy.clone());
        let (context, on_saved, id) = (props.context.clone(), props.on_saved.clone(), props.detail.id);
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            let request = UpdateProfileRequest { id, profile: (*draft).clone() };
            let (draft, error, busy, context, on_saved) =
                (draft.clone(), error.clone(), busy.clone(), context.clone(), on_saved.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(saved) => {
                        error.set(None);
                        draft.set(saved.profile.clone());
                        on_saved.emit(saved);
                        context.toast.emit("Profile saved.".to_owned());
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
                busy.set(false);
            });
        })
    };
    let discard = {
        let (draft, error, original) = (draft.clone(), error.clone(), props.detail.profile.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(original.clone());
            error.set(None);
        })
    };
    let changed = *draft != props.detail.profile;
    let confirming = use_state(|| false);
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |()| confirming.set(false))
    };
    let delete = {
        let (context, error, confirming, id) =
            (props.context.clone(), error.clone(), confirming.clone(), props.detail.id);
        Callback::from(move |()| {
            let (context, error, confirming) = (context.clone(), error.clone(), confirming.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &DeleteJobSeekerRequest { id }).await {
                    Ok(()) => {
                        context.toast.emit("Job seeker deleted.".to_owned());
                        context.navigate.emit(View::JobSeekers);
                    }
                    Err(failure) => {
                        confirming.set(false);
                        error.set(context.check(failure));
                    }
                }
            });
        })
    };
    let name = format!("{} {}", props.detail.profile.first_name, props.detail.profile.last_name);

    html! {
        <div class="profile">
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Profile">
                {form_error(&error)}
                <ProfileFields profile={(*draft).clone()} error={(*error).clone()} on_change={set_draft(&draft)} />
                <div class="actions">
                    <button type="submit" class="primary" id="save-profile" disabled={*busy || !changed}>{"Save"}</button>
                    <button type="button" id="discard-profile" disabled={!changed} onclick={discard}>{"Discard"}</button>
                </div>
            </form>
            <section class="applications" aria-labelledby="applications-title">
                <h2 id="applications-title">{"Applications"}</h2>
                { for props.detail.applications.iter().map(|application| html! {
                    <ApplicationStage key={application.id} context={props.context.clone()} application={application.clone()}
                        on_saved={props.on_saved.clone()} />
                }) }
            </section>
            <div class="actions danger-zone">
                <button type="button" class="danger" id="delete-job-seeker" onclick={ask}>{"Delete Job Seeker"}</button>
            </div>
            if *confirming {
                <Confirm title="Delete this job seeker?" confirm_label="Delete"
                    message={format!("{name} and all of their applications and forms will be deleted. Their History stays.")}
                    on_confirm={delete} on_cancel={cancel} />
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ApplicationStageProps {
    context: WorkspaceContext,
    application: hiredesk_wire::ApplicationView,
    on_saved: Callback<JobSeekerDetail>,
}

/// One application: its requisition, and stage and disposition pickers that save as soon as they change.
#[component]
fn ApplicationStage(props: &ApplicationStageProps) -> Html {
    let error = use_state(|| None::<IpcError>);
    let save = {
        let (context, on_saved, error) = (props.context.clone(), props.on_saved.clone(), error.clone());
        move |request: SetStageRequest| {
            let (context, on_saved, error) = (context.clone(), on_saved.clone(), error.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(saved) => {
                        error.set(None);
                        on_saved.emit(saved);
                        context.toast.emit("Stage saved.".to_owned());
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        }
    };
    let application = &props.application;
    let on_stage = {
        let (save, id, disposition) = (save.clone(), application.id, application.disposition.clone());
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            if let Some(stage) = Stage::from_label(&value) {
                save(SetStageRequest { application_id: id, stage, disposition: disposition.clone() });
            }
        })
    };
    let on_disposition = {
        let (id, stage) = (application.id, application.stage);
        Callback::from(move |event: Event| {
            let value = event.target_unchecked_into::<HtmlSelectElement>().value();
            save(SetStageRequest { application_id: id, stage, disposition: (!value.is_empty()).then_some(value) });
        })
    };
    let confirming = use_state(|| false);
    let ask = {
        let confirming = confirming.clone();
        Callback::from(move |_: MouseEvent| confirming.set(true))
    };
    let cancel = {
        let confirming = confirming.clone();
        Callback::from(move |()| confirming.set(false))
    };
    let delete = {
        let (context, on_saved, error, confirming, application_id) =
            (props.context.clone(), props.on_saved.clone(), error.clone(), confirming.clone(), application.id);
        Callback::from(move |()| {
            let (context, on_saved, error, confirming) =
                (context.clone(), on_saved.clone(), error.clone(), confirming.clone());
            wasm_bindgen_futures::spawn_local(async move {
                confirming.set(false);
                match ipc::call(context.token(), &DeleteApplicationRequest { application_id }).await {
                    Ok(saved) => {
                        context.toast.emit("Application deleted.".to_owned());
                        on_saved.emit(saved);
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        })
    };
    let stage_id = format!("stage-{}", application.id);
    let disposition_id = format!("disposition-{}", application.id);
    html! {
        <div class="application">
            <div class="application-title">
                <strong>{&application.requisition}</strong>
                <span class="muted">{format!(" · applied {}", application.applied)}</span>
            </div>
            <div class="field inline">
                <label for={stage_id.clone()}>{"Stage"}</label>
                <select id={stage_id} onchange={on_stage}>
                    { for Stage::ALL.iter().map(|stage| html! {
                        <option value={stage.label()} selected={application.stage == *stage}>{stage.label()}</option>
                    }) }
                </select>
            </div>
            <div class="field inline">
                <label for={disposition_id.clone()}>{"Disposition"}</label>
                <select id={disposition_id} onchange={on_disposition}>
                    <option value="" selected={application.disposition.is_none()}>{"None"}</option>
                    { for DISPOSITIONS.iter().map(|disposition| html! {
                        <option value={*disposition} selected={application.disposition.as_deref() == Some(*disposition)}>
                            {*disposition}
                        </option>
                    }) }
                </select>
            </div>
            <button type="button" class="quiet-danger" id={format!("delete-application-{}", application.id)} onclick={ask}>
                {"Delete Application"}
            </button>
            if let Some(failure) = &*error {
                <p class="field-error">{failure.field("disposition").unwrap_or(&failure.message)}</p>
            }
            if *confirming {
                <Confirm title="Delete this application?" confirm_label="Delete"
                    message={format!("The application for {} and its forms will be deleted. History keeps a record.", application.requisition)}
                    on_confirm={delete} on_cancel={cancel} />
            }
        </div>
    }
}
