//! Administration → Outgoing Mail (SPEC CO-2): the SMTP server Hiredesk sends through. The password is
//! write-only: left empty, the stored one is kept.

use crate::components::field::Field;
use crate::ipc;
use crate::pages::workspace::WorkspaceContext;
use crate::pages::{field_error, form_error};
use hiredesk_wire::{
    IpcError, MailSecurity, MailSettings, MailSettingsRequest, SaveMailSettingsRequest, SendTestEmailRequest,
};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct MailSettingsProps {
    pub context: WorkspaceContext,
}

#[component]
pub fn MailSettingsTab(props: &MailSettingsProps) -> Html {
    let draft = use_state(MailSettings::default);
    let error = use_state(|| None::<IpcError>);
    {
        let (draft, error, context) = (draft.clone(), error.clone(), props.context.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &MailSettingsRequest {}).await {
                    Ok(settings) => draft.set(settings),
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        });
    }
    let text = |update: fn(&mut MailSettings, String)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = (*draft).clone();
            update(&mut next, value);
            draft.set(next);
        })
    };
    let on_security = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let security = match event.target_unchecked_into::<HtmlSelectElement>().value().as_str() {
                "tls" => MailSecurity::Tls,
                "none" => MailSecurity::None,
                _ => MailSecurity::StartTls,
            };
            draft.set(MailSettings { security, ..(*draft).clone() });
        })
    };
    let onsubmit = {
        let (draft, error, context) = (draft.clone(), error.clone(), props.context.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = SaveMailSettingsRequest((*draft).clone());
            let (draft, error, context) = (draft.clone(), error.clone(), context.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(saved) => {
                        error.set(None);
                        draft.set(saved);
                        context.toast.emit("Mail settings saved.".to_owned());
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        })
    };
    let testing = use_state(|| false);
    let send_test = {
        let (error, context, testing) = (error.clone(), props.context.clone(), testing.clone());
        Callback::from(move |_: MouseEvent| {
            let (error, context, testing) = (error.clone(), context.clone(), testing.clone());
            testing.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &SendTestEmailRequest {}).await {
                    Ok(to) => {
                        error.set(None);
                        context.toast.emit(format!("Test message sent to {to}."));
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
                testing.set(false);
            });
        })
    };
    html! {
        <form class="profile-form" {onsubmit} novalidate=true aria-label="Outgoing Mail">
            <p class="lead">{"Email to job seekers and users goes out through this server. Until it is set, or while it \
                cannot be reached, messages wait in the outbox and are sent later; nothing is lost."}</p>
            {form_error(&error)}
            <div class="field-grid">
                <Field id="mail-host" label="SMTP server" value={draft.host.clone()} error={field_error(&error, "host")}
                    oninput={text(|m, v| m.host = v)} />
                <Field id="mail-port" label="Port" input_type="number" value={draft.port.to_string()} error={field_error(&error, "port")}
                    oninput={text(|m, v| m.port = v.trim().parse().unwrap_or(0))} />
                <div class="field">
                    <label for="mail-security">{"Security"}</label>
                    <select id="mail-security" onchange={on_security}>
                        <option value="starttls" selected={draft.security == MailSecurity::StartTls}>{"STARTTLS"}</option>
                        <option value="tls" selected={draft.security == MailSecurity::Tls}>{"TLS"}</option>
                        <option value="none" selected={draft.security == MailSecurity::None}>{"None"}</option>
                    </select>
                </div>
                <Field id="mail-username" label="User name" value={draft.username.clone()} error={field_error(&error, "username")}
                    oninput={text(|m, v| m.username = v)} />
                <Field id="mail-password" label="Password (leave empty to keep)" input_type="password" value={draft.password.clone()}
                    autocomplete="new-password" oninput={text(|m, v| m.password = v)} />
                <Field id="mail-sender" label="Sender (From)" value={draft.sender.clone()} error={field_error(&error, "sender")}
                    oninput={text(|m, v| m.sender = v)} />
            </div>
            <div class="actions">
                <button type="submit" class="primary" id="save-mail">{"Save"}</button>
                <button type="button" id="send-test-mail" onclick={send_test} disabled={*testing}
                    title="Sends a message to your own address with the saved settings">
                    { if *testing { "Sending…" } else { "Send Test Message" } }
                </button>
            </div>
        </form>
    }
}
