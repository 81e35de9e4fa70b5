//! Contact Information (SPEC AC-2): first and last name, phone and extension; the email is shown but not
//! editable, with the guide's note.

use crate::components::field::Field;
use crate::components::form::{edit, field_error, form_error};
use crate::hooks::command::{use_command, use_command_with_then};
use crate::session::SessionContext;
use crate::shortcuts::{self, Action};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{ContactInformation, GetContactInformationRequest, SaveContactInformationRequest};
use yew::prelude::*;

#[component]
pub fn ContactPage() -> Html {
    let (Some(signed_in), Some(workspace)) = (use_context::<SessionContext>(), use_context::<WorkspaceContext>())
    else {
        return html! {};
    };
    // As stored (loaded, then as last saved) and as being typed.
    let saved = use_state(|| None::<ContactInformation>);
    let draft = use_state(ContactInformation::default);
    let load = {
        let (saved, draft) = (saved.clone(), draft.clone());
        use_command_with_then(GetContactInformationRequest {}, move |contact| {
            draft.set(contact.clone());
            saved.set(Some(contact.clone()));
        })
    };
    let save = use_command::<SaveContactInformationRequest>();
    let text = |change: fn(&mut ContactInformation, String)| edit(&draft, change);
    let onsubmit = {
        let (saved, draft, save, signed_in) = (saved.clone(), draft.clone(), save.clone(), signed_in.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let contact = (*draft).clone();
            let (saved, signed_in, workspace) = (saved.clone(), signed_in.clone(), workspace.clone());
            save.run_then(SaveContactInformationRequest(contact.clone()), move |profile| {
                saved.set(Some(contact));
                signed_in.user_changed(profile.clone());
                workspace.toast("Contact information saved.");
            });
        })
    };
    let discard = {
        let (saved, draft, save, load) = (saved.clone(), draft.clone(), save.clone(), load.clone());
        Callback::from(move |_: MouseEvent| {
            if let Some(contact) = &*saved {
                draft.set(contact.clone());
            }
            save.forget_error();
            load.forget_error();
        })
    };
    let changed = saved.as_ref().is_some_and(|contact| *contact != *draft);
    let error = save.error().or(load.error());
    html! {
        <main class="page" id="contact-page">
            <h1>{"Contact Information"}</h1>
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Contact Information">
                {form_error(error)}
                <div class="field-grid">
                    <Field id="contact-first-name" label="First Name" value={draft.first_name.clone()}
                        error={field_error(error, "first_name")} oninput={text(|c, v| c.first_name = v)} />
                    <Field id="contact-last-name" label="Last Name" value={draft.last_name.clone()}
                        error={field_error(error, "last_name")} oninput={text(|c, v| c.last_name = v)} />
                    <Field id="contact-phone" label="Phone Number" value={draft.phone.clone()}
                        error={field_error(error, "phone")} oninput={text(|c, v| c.phone = v)} />
                    <Field id="contact-extension" label="Extension" value={draft.extension.clone()}
                        error={field_error(error, "extension")} oninput={text(|c, v| c.extension = v)} />
                    <Field id="contact-email" label="Email" value={signed_in.session.user.email.clone()} readonly=true
                        oninput={Callback::noop()} />
                </div>
                <p class="muted" id="email-note">
                    {"Your email address identifies your account and cannot be changed here. If it has changed, \
                      ask your Hiredesk Administrator to set up a new account."}
                </p>
                <div class="actions">
                    <button type="submit" class="primary" id="save-contact" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)} disabled={!changed}>{"Save"}</button>
                    <button type="button" id="discard-contact" disabled={!changed} onclick={discard}>
                        {"Discard"}
                    </button>
                </div>
            </form>
        </main>
    }
}
