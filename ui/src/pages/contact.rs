//! Contact Information (SPEC AC-2): first and last name, phone and extension; the email is shown but not
//! editable, with the guide's note.

use super::workspace::WorkspaceContext;
use super::{field_error, form_error};
use crate::components::field::Field;
use crate::ipc;
use hiredesk_wire::{
    ContactInformation, GetContactInformationRequest, IpcError, SaveContactInformationRequest, UserProfile,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ContactProps {
    pub context: WorkspaceContext,
    pub on_profile: Callback<UserProfile>,
}

#[component]
pub fn ContactPage(props: &ContactProps) -> Html {
    let saved = use_state(|| None::<ContactInformation>);
    let draft = use_state(ContactInformation::default);
    let error = use_state(|| None::<IpcError>);
    {
        let (saved, draft, error, context) = (saved.clone(), draft.clone(), error.clone(), props.context.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &GetContactInformationRequest {}).await {
                    Ok(contact) => {
                        draft.set(contact.clone());
                        saved.set(Some(contact));
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        });
    }
    let text = |update: fn(&mut ContactInformation, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            update(&mut next, value);
            draft.set(next);
        })
    };
    let onsubmit = {
        let (saved, draft, error, context, on_profile) =
            (saved.clone(), draft.clone(), error.clone(), props.context.clone(), props.on_profile.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = SaveContactInformationRequest((*draft).clone());
            let (saved, error, context, on_profile) =
                (saved.clone(), error.clone(), context.clone(), on_profile.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(profile) => {
                        error.set(None);
                        saved.set(Some(request.0));
                        on_profile.emit(profile);
                        context.toast.emit("Contact information saved.".to_owned());
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        })
    };
    let discard = {
        let (saved, draft, error) = (saved.clone(), draft.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(contact) = &*saved {
                draft.set(contact.clone());
            }
            error.set(None);
        })
    };
    let changed = saved.as_ref().is_some_and(|contact| *contact != *draft);
    html! {
        <main class="page" id="contact-page">
            <h1>{"Contact Information"}</h1>
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Contact Information">
                {form_error(&error)}
                <div class="field-grid">
                    <Field id="contact-first-name" label="First Name" value={draft.first_name.clone()}
                        error={field_error(&error, "first_name")} oninput={text(|c, v| c.first_name = v)} />
                    <Field id="contact-last-name" label="Last Name" value={draft.last_name.clone()}
                        error={field_error(&error, "last_name")} oninput={text(|c, v| c.last_name = v)} />
                    <Field id="contact-phone" label="Phone Number" value={draft.phone.clone()}
                        error={field_error(&error, "phone")} oninput={text(|c, v| c.phone = v)} />
                    <Field id="contact-extension" label="Extension" value={draft.extension.clone()}
                        error={field_error(&error, "extension")} oninput={text(|c, v| c.extension = v)} />
                    <Field id="contact-email" label="Email" value={props.context.session.user.email.clone()} readonly=true
                        oninput={Callback::noop()} />
                </div>
                <p class="muted" id="email-note">
                    {"Your email address identifies your account and cannot be changed here. If it has changed, \
                      ask your Hiredesk Administrator to set up a new account."}
                </p>
                <div class="actions">
                    <button type="submit" class="primary" id="save-contact" disabled={!changed}>{"Save"}</button>
                    <button type="button" id="discard-contact" disabled={!changed} onclick={discard}>{"Discard"}</button>
                </div>
            </form>
        </main>
    }
}
