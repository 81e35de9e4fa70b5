//! Notification switches (SPEC AC-8), in the guide's words: the user's own under Settings, and the
//! organisation's defaults for new users under Administration.

use crate::components::field::Checkbox;
use crate::components::form::{edit_open, form_error};
use crate::hooks::command::{use_command, use_command_with, use_command_with_then};
use crate::shortcuts::{self, Action};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{
    AppliesDelivery, NoticeTimes, NoticeTimesRequest, NotificationPreferences, NotificationPreferencesRequest,
    SaveNotificationPreferencesRequest,
};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NotificationsProps {
    /// The organisation's defaults (Administrators) instead of the user's own.
    #[prop_or_default]
    pub organisation_defaults: bool,
}

#[component]
pub fn NotificationSwitches(props: &NotificationsProps) -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    // As stored and as being changed.
    let saved = use_state(|| None::<NotificationPreferences>);
    let draft = use_state(|| None::<NotificationPreferences>);
    let organisation_defaults = props.organisation_defaults;
    let load = {
        let (saved, draft) = (saved.clone(), draft.clone());
        use_command_with_then(NotificationPreferencesRequest { organisation_defaults }, move |preferences| {
            saved.set(Some(*preferences));
            draft.set(Some(*preferences));
        })
    };
    let save_preferences = use_command::<SaveNotificationPreferencesRequest>();
    // The times follow Eastern Time; the core says them on the user's own clock too.
    let times = use_command_with(NoticeTimesRequest {});
    let times = times.answer().cloned().unwrap_or_else(|| NoticeTimes {
        requisition_closing: "7:00 am Eastern Time".to_owned(),
        daily_summary: "10:00 pm Eastern Time".to_owned(),
    });
    let error = save_preferences.error().or(load.error());
    let Some(current) = *draft else {
        return html! { {form_error(error)} };
    };
    let toggle = |change: fn(&mut NotificationPreferences, bool)| edit_open(&draft, change);
    let delivery = |choice: AppliesDelivery| {
        edit_open(&draft, |preferences, choice| preferences.applies_delivery = choice).reform(move |_: Event| choice)
    };
    let save = {
        let (saved, draft, save_preferences) = (saved.clone(), draft.clone(), save_preferences.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(preferences) = *draft else { return };
            let (saved, workspace) = (saved.clone(), workspace.clone());
            let request = SaveNotificationPreferencesRequest { organisation_defaults, preferences };
            save_preferences.run_then(request, move |answer| {
                saved.set(Some(*answer));
                workspace.toast("Notification preferences saved.");
            });
        })
    };
    let radio = |id: &'static str, choice: AppliesDelivery, label: &str| {
        html! {
            <label for={id}>
                <input {id} type="radio" name="applies-delivery" checked={current.applies_delivery == choice}
                    onchange={delivery(choice)} />
                {label}
            </label>
        }
    };
    let changed = *saved != Some(current);
    html! {
        <div class="notifications" id="notification-switches">
            {form_error(error)}
            if props.organisation_defaults {
                <p class="lead">
                    {"New users start with these choices; each user can change their own under Settings."}
                </p>
            }
            <Checkbox id="notify-requisition-closing"
                label={format!("A requisition is closing. (Sent at {}.)", times.requisition_closing)}
                checked={current.requisition_closing} onchange={toggle(|p, v| p.requisition_closing = v)} />
            <Checkbox id="notify-someone-applies" label="Someone applies for a job." checked={current.someone_applies}
                onchange={toggle(|p, v| p.someone_applies = v)} />
            if current.someone_applies {
                <div class="radio-group" role="radiogroup" aria-label="When someone applies">
                    {radio("applies-daily", AppliesDelivery::DailySummary,
                        &format!(" On the day the job seeker applies, at {}.", times.daily_summary))}
                    {radio("applies-immediately", AppliesDelivery::Immediately,
                        " Immediately after the job seeker applies.")}
                    <p class="muted">{"Tip: consider how many applications your organization receives. For a small \
                        organization (or a recruiter who must address every application), a notice for each job \
                        seeker may suit; for a large organization, one message at 10:00 pm Eastern listing all new \
                        job seekers may be preferable."}</p>
                </div>
            }
            <Checkbox id="notify-background-check" label="Someone completes a Background Check form."
                checked={current.background_check_completed}
                onchange={toggle(|p, v| p.background_check_completed = v)} />
            <Checkbox id="notify-approval-steps"
                label="Notify me during each step of the approval process when I am a participating user."
                checked={current.approval_steps} onchange={toggle(|p, v| p.approval_steps = v)} />
            <div class="actions">
                <button type="button" class="primary" id="save-notifications" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)} disabled={!changed} onclick={save}>
                    {"Save"}
                </button>
            </div>
        </div>
    }
}
