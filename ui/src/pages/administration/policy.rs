//! Administration → Security Policy: the organisation's own password and sign-in rules, with where the
//! system's defaults are stricter.

use crate::components::field::Field;
use crate::components::form::{field_error, form_error};
use crate::hooks::command::{use_command, use_command_with_then};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{SaveSecurityPolicyRequest, SecurityPolicy, SecurityPolicyRequest, SecurityPolicyView};
use web_sys::HtmlInputElement;
use yew::prelude::*;

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
    let number = |update: fn(&mut SecurityPolicy, u32)| {
        let draft = draft.clone();
        Callback::from(move |value: String| {
            let mut next = *draft;
            update(&mut next, value.trim().parse().unwrap_or(0));
            draft.set(next);
        })
    };
    let flag = |update: fn(&mut SecurityPolicy, bool)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let mut next = *draft;
            update(&mut next, event.target_unchecked_into::<HtmlInputElement>().checked());
            draft.set(next);
        })
    };
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
    let checkbox = |id: &'static str, label: &'static str, checked: bool, onchange: Callback<Event>| {
        html! {
            <div class="field checkbox">
                <label for={id}><input {id} type="checkbox" {checked} {onchange} />{format!(" {label}")}</label>
            </div>
        }
    };
    let value = |n: u32| n.to_string();
    html! {
        <form class="profile-form" {onsubmit} novalidate=true aria-label="Security Policy">
            <p class="lead">{"Passwords and sign-in follow the stricter, rule by rule, of these settings and the system's defaults \
                (at least 12 characters, no common passwords, the last 5 not reused, a lockout after 5 failed attempts for 15 minutes). \
                0 means no requirement of the organisation's own."}</p>
            {form_error(error)}
            if let Some(current) = &*view {
                if !current.system_stricter.is_empty() {
                    <ul class="notice" id="policy-notes">
                        { for current.system_stricter.iter().map(|note| html! { <li>{note}</li> }) }
                    </ul>
                }
            }
            <div class="field-grid">
                <Field id="policy-min-length" label="Minimum length" input_type="number" value={value(draft.min_length)}
                    error={field_error(error, "min_length")} oninput={number(|p, v| p.min_length = v)} />
                <Field id="policy-expiry-days" label="Expiration (days)" input_type="number" value={value(draft.expiry_days)}
                    error={field_error(error, "expiry_days")} oninput={number(|p, v| p.expiry_days = v)} />
                <Field id="policy-reuse-count" label="Passwords remembered" input_type="number" value={value(draft.reuse_count)}
                    error={field_error(error, "reuse_count")} oninput={number(|p, v| p.reuse_count = v)} />
                <Field id="policy-lockout-attempts" label="Failed attempts before lockout" input_type="number" value={value(draft.lockout_attempts)}
                    error={field_error(error, "lockout_attempts")} oninput={number(|p, v| p.lockout_attempts = v)} />
                <Field id="policy-lockout-minutes" label="Lockout (minutes)" input_type="number" value={value(draft.lockout_minutes)}
                    error={field_error(error, "lockout_minutes")} oninput={number(|p, v| p.lockout_minutes = v)} />
                <Field id="policy-idle-minutes" label="Idle period (15–30 minutes)" input_type="number" value={value(draft.idle_minutes)}
                    error={field_error(error, "idle_minutes")} oninput={number(|p, v| p.idle_minutes = v)} />
            </div>
            <fieldset class="question-slot">
                <legend>{"Required characters"}</legend>
                {checkbox("policy-require-upper", "An upper-case letter", draft.require_upper, flag(|p, v| p.require_upper = v))}
                {checkbox("policy-require-lower", "A lower-case letter", draft.require_lower, flag(|p, v| p.require_lower = v))}
                {checkbox("policy-require-digit", "A digit", draft.require_digit, flag(|p, v| p.require_digit = v))}
                {checkbox("policy-require-symbol", "A symbol", draft.require_symbol, flag(|p, v| p.require_symbol = v))}
            </fieldset>
            {checkbox("policy-question-recovery", "Allow Forgot password with security questions", draft.question_recovery,
                flag(|p, v| p.question_recovery = v))}
            <div class="actions"><button type="submit" class="primary" id="save-policy">{"Save"}</button></div>
        </form>
    }
}
