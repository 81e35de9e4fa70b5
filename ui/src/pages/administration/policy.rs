//! Administration → Security Policy: the organisation's own password and sign-in rules, with where the
//! system's defaults are stricter.

use crate::components::field::{Checkbox, Field};
use crate::components::form::{edit, field_error, form_error};
use crate::hooks::command::{use_command, use_command_with_then};
use crate::shortcuts::{self, Action};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{SaveSecurityPolicyRequest, SecurityPolicy, SecurityPolicyRequest, SecurityPolicyView};
use yew::prelude::*;

/// The policy's numbers: (input id, request field, label, and the number in the policy).
type Number = (&'static str, &'static str, &'static str, fn(&SecurityPolicy) -> u32, fn(&mut SecurityPolicy, u32));

const NUMBERS: [Number; 6] = [
    ("policy-min-length", "min_length", "Minimum length", |p| p.min_length, |p, v| p.min_length = v),
    ("policy-expiry-days", "expiry_days", "Expiration (days)", |p| p.expiry_days, |p, v| p.expiry_days = v),
    ("policy-reuse-count", "reuse_count", "Passwords remembered", |p| p.reuse_count, |p, v| p.reuse_count = v),
    (
        "policy-lockout-attempts",
        "lockout_attempts",
        "Failed attempts before lockout",
        |p| p.lockout_attempts,
        |p, v| p.lockout_attempts = v,
    ),
    (
        "policy-lockout-minutes",
        "lockout_minutes",
        "Lockout (minutes)",
        |p| p.lockout_minutes,
        |p, v| p.lockout_minutes = v,
    ),
    (
        "policy-idle-minutes",
        "idle_minutes",
        "Idle period (15–30 minutes)",
        |p| p.idle_minutes,
        |p, v| p.idle_minutes = v,
    ),
];

/// The characters a password must contain: (checkbox id, label, and the switch in the policy).
type Required = (&'static str, &'static str, fn(&SecurityPolicy) -> bool, fn(&mut SecurityPolicy, bool));

const REQUIRED: [Required; 4] = [
    ("policy-require-upper", "An upper-case letter", |p| p.require_upper, |p, v| p.require_upper = v),
    ("policy-require-lower", "A lower-case letter", |p| p.require_lower, |p, v| p.require_lower = v),
    ("policy-require-digit", "A digit", |p| p.require_digit, |p, v| p.require_digit = v),
    ("policy-require-symbol", "A symbol", |p| p.require_symbol, |p, v| p.require_symbol = v),
];

#[component]
pub fn PolicyTab() -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    // The policy as stored (with the system's notes), and as being changed.
    let view = use_state(|| None::<SecurityPolicyView>);
    let draft = use_state(SecurityPolicy::default);
    let load = {
        let (view, draft) = (view.clone(), draft.clone());
        use_command_with_then(SecurityPolicyRequest {}, move |answer| {
            draft.set(answer.organisation);
            view.set(Some(answer.clone()));
        })
    };
    let save = use_command::<SaveSecurityPolicyRequest>();
    // An empty or unreadable number counts as 0, "no requirement of the organisation's own".
    let number = |change: fn(&mut SecurityPolicy, u32)| {
        edit(&draft, change).reform(|value: String| value.trim().parse().unwrap_or(0))
    };
    let flag = |change: fn(&mut SecurityPolicy, bool)| edit(&draft, change);
    let onsubmit = {
        let (view, draft, save) = (view.clone(), draft.clone(), save.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let (view, workspace) = (view.clone(), workspace.clone());
            save.run_then(SaveSecurityPolicyRequest(*draft), move |answer| {
                view.set(Some(answer.clone()));
                workspace.toast("Security policy saved.");
            });
        })
    };
    let error = save.error().or(load.error());
    html! {
        <form class="profile-form" {onsubmit} novalidate=true aria-label="Security Policy">
            <p class="lead">{"Passwords and sign-in follow the stricter, rule by rule, of these settings and the \
                system's defaults (at least 12 characters, no common passwords, the last 5 not reused, a lockout \
                after 5 failed attempts for 15 minutes). 0 means no requirement of the organisation's own."}</p>
            {form_error(error)}
            if let Some(current) = &*view {
                if !current.system_stricter.is_empty() {
                    <ul class="notice" id="policy-notes">
                        { for current.system_stricter.iter().map(|note| html! { <li>{note}</li> }) }
                    </ul>
                }
            }
            <div class="field-grid">
                { for NUMBERS.iter().map(|(id, field, label, read, write)| html! {
                    <Field id={*id} label={*label} input_type="number" value={read(&draft).to_string()}
                        error={field_error(error, field)} oninput={number(*write)} />
                }) }
            </div>
            <fieldset class="question-slot">
                <legend>{"Required characters"}</legend>
                { for REQUIRED.iter().map(|(id, label, read, write)| html! {
                    <Checkbox id={*id} label={*label} checked={read(&draft)} onchange={flag(*write)} />
                }) }
            </fieldset>
            <Checkbox id="policy-question-recovery" label="Allow Forgot password with security questions"
                checked={draft.question_recovery} onchange={flag(|p, v| p.question_recovery = v)} />
            <div class="actions"><button type="submit" class="primary" id="save-policy" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)}>{"Save"}</button></div>
        </form>
    }
}
