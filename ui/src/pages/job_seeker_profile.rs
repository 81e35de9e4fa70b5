//! The Profile tab: the job seeker's fields, saved together, and each application's stage and disposition.

use super::workspace::WorkspaceContext;
use super::{field_error, form_error};
use crate::components::field::Field;
use crate::ipc;
use hiredesk_wire::{IpcError, JobSeekerDetail, JobSeekerProfile, SetStageRequest, Stage, UpdateProfileRequest, DISPOSITIONS};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProfileTabProps {
    pub context: WorkspaceContext,
    pub detail: JobSeekerDetail,
    pub on_saved: Callback<JobSeekerDetail>,
}

/// (input id, request field, label, autocomplete)
const FIELDS: [(&str, &str, &str, &str); 9] = [
    ("first-name", "first_name", "First Name", "off"),
    ("last-name", "last_name", "Last Name", "off"),
    ("email", "email", "Email", "off"),
    ("phone", "phone", "Phone", "off"),
    ("address-line1", "address_line1", "Address Line 1", "off"),
    ("address-line2", "address_line2", "Address Line 2", "off"),
    ("city", "city", "City", "off"),
    ("state", "state", "State", "off"),
    ("postal-code", "postal_code", "ZIP Code", "off"),
];

fn get<'a>(profile: &'a JobSeekerProfile, field: &str) -> &'a str {
    match field {
        "first_name" => &profile.first_name,
        "last_name" => &profile.last_name,
        "email" => &profile.email,
        "phone" => &profile.phone,
        "address_line1" => &profile.address_line1,
        "address_line2" => &profile.address_line2,
        "city" => &profile.city,
        "state" => &profile.state,
        _ => &profile.postal_code,
    }
}

fn set(profile: &mut JobSeekerProfile, field: &str, value: String) {
    let slot = match field {
        "first_name" => &mut profile.first_name,
        "last_name" => &mut profile.last_name,
        "email" => &mut profile.email,
        "phone" => &mut profile.phone,
        "address_line1" => &mut profile.address_line1,
        "address_line2" => &mut profile.address_line2,
        "city" => &mut profile.city,
        "state" => &mut profile.state,
        _ => &mut profile.postal_code,
    };
    *slot = value;
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
            let (draft, error, busy, context, on_saved) = (draft.clone(), error.clone(), busy.clone(), context.clone(), on_saved.clone());
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

    html! {
        <div class="profile">
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Profile">
                {form_error(&error)}
                <div class="field-grid">
                    { for FIELDS.iter().map(|(id, field, label, autocomplete)| {
                        let oninput = {
                            let draft = draft.clone();
                            let field = *field;
                            Callback::from(move |value: String| {
                                let mut next = (*draft).clone();
                                set(&mut next, field, value);
                                draft.set(next);
                            })
                        };
                        html! {
                            <Field id={*id} label={*label} value={get(&draft, field).to_owned()} autocomplete={*autocomplete}
                                error={field_error(&error, field)} {oninput} />
                        }
                    }) }
                </div>
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
            if let Some(failure) = &*error {
                <p class="field-error">{failure.field("disposition").unwrap_or(&failure.message)}</p>
            }
        </div>
    }
}
