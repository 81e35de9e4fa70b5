//! Administration → Outgoing Mail (SPEC CO-2): the SMTP server Hiredesk sends through. The password is
//! write-only: left empty, the stored one is kept.

use crate::components::field::{Field, SelectField};
use crate::components::form::{edit, field_error, form_error};
use crate::hooks::command::{use_command, use_command_with_then};
use crate::shortcuts::{self, Action};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{MailSecurity, MailSettings, MailSettingsRequest, SaveMailSettingsRequest, SendTestEmailRequest};
use yew::prelude::*;

#[component]
pub fn MailSettingsTab() -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let draft = use_state(MailSettings::default);
    let load = {
        let draft = draft.clone();
        use_command_with_then(MailSettingsRequest {}, move |settings| draft.set(settings.clone()))
    };
    let save = use_command::<SaveMailSettingsRequest>();
    let send_test_email = use_command::<SendTestEmailRequest>();
    let text = |change: fn(&mut MailSettings, String)| edit(&draft, change);
    let on_security = edit(&draft, |settings, security: String| {
        settings.security = match security.as_str() {
            "tls" => MailSecurity::Tls,
            "none" => MailSecurity::None,
            _ => MailSecurity::StartTls,
        };
    });
    let onsubmit = {
        let (draft, save, workspace) = (draft.clone(), save.clone(), workspace.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (draft_after, workspace) = (draft.clone(), workspace.clone());
            save.run_then(SaveMailSettingsRequest((*draft).clone()), move |saved| {
                draft_after.set(saved.clone());
                workspace.toast("Mail settings saved.");
            });
        })
    };
    let send_test = {
        let send_test_email = send_test_email.clone();
        Callback::from(move |_: MouseEvent| {
            let workspace = workspace.clone();
            send_test_email.run_then(SendTestEmailRequest {}, move |to| {
                workspace.toast(format!("Test message sent to {to}."));
            });
        })
    };
    let testing = send_test_email.loading();
    // Field messages belong to the save; the test message and the load can only fail as a whole.
    let error = send_test_email.error().or(save.error()).or(load.error());
    html! {
        <form class="profile-form" {onsubmit} novalidate=true aria-label="Outgoing Mail">
            <p class="lead">{"Email to job seekers and users goes out through this server. Until it is set, or while \
                it cannot be reached, messages wait in the outbox and are sent later; nothing is lost."}</p>
            {form_error(error)}
            <div class="field-grid">
                <Field id="mail-host" label="SMTP server" value={draft.host.clone()}
                    error={field_error(save.error(), "host")} oninput={text(|m, v| m.host = v)} />
                <Field id="mail-port" label="Port" input_type="number" value={draft.port.to_string()}
                    error={field_error(save.error(), "port")}
                    oninput={text(|m, v| m.port = v.trim().parse().unwrap_or(0))} />
                <SelectField id="mail-security" label="Security" onchange={on_security}>
                    <option value="starttls" selected={draft.security == MailSecurity::StartTls}>{"STARTTLS"}</option>
                    <option value="tls" selected={draft.security == MailSecurity::Tls}>{"TLS"}</option>
                    <option value="none" selected={draft.security == MailSecurity::None}>{"None"}</option>
                </SelectField>
                <Field id="mail-username" label="User name" value={draft.username.clone()}
                    error={field_error(save.error(), "username")} oninput={text(|m, v| m.username = v)} />
                <Field id="mail-password" label="Password (leave empty to keep)" input_type="password"
                    value={draft.password.clone()} autocomplete="new-password" oninput={text(|m, v| m.password = v)} />
                <Field id="mail-sender" label="Sender (From)" value={draft.sender.clone()}
                    error={field_error(save.error(), "sender")} oninput={text(|m, v| m.sender = v)} />
            </div>
            <div class="actions">
                <button type="submit" class="primary" id="save-mail" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)}>{"Save"}</button>
                <button type="button" id="send-test-mail" onclick={send_test} disabled={testing}
                    title="Sends a message to your own address with the saved settings">
                    { if testing { "Sending…" } else { "Send Test Message" } }
                </button>
            </div>
        </form>
    }
}
