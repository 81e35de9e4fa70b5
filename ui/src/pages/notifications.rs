//! Notification switches (SPEC AC-8), in the guide's words: the user's own under Settings, and the
//! organisation's defaults for new users under Administration.

use super::form_error;
use super::workspace::WorkspaceContext;
use crate::ipc;
use hiredesk_wire::{
    AppliesDelivery, IpcError, NotificationPreferences, NotificationPreferencesRequest,
    SaveNotificationPreferencesRequest,
};
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NotificationsProps {
    pub context: WorkspaceContext,
    /// The organisation's defaults (Administrators) instead of the user's own.
    #[prop_or_default]
    pub organisation_defaults: bool,
}

#[component]
pub fn NotificationSwitches(props: &NotificationsProps) -> Html {
    let saved = use_state(|| None::<NotificationPreferences>);
    let draft = use_state(|| None::<NotificationPreferences>);
    let error = use_state(|| None::<IpcError>);
    {
        let (saved, draft, error, context, organisation_defaults) =
            (saved.clone(), draft.clone(), error.clone(), props.context.clone(), props.organisation_defaults);
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &NotificationPreferencesRequest { organisation_defaults }).await {
                    Ok(preferences) => {
                        saved.set(Some(preferences));
                        draft.set(Some(preferences));
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        });
    }
    let Some(current) = *draft else {
        return html! { {form_error(&error)} };
    };
    let toggle = |update: fn(&mut NotificationPreferences, bool)| {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            if let Some(mut next) = *draft {
                update(&mut next, event.target_unchecked_into::<HtmlInputElement>().checked());
                draft.set(Some(next));
            }
        })
    };
    let delivery = |choice: AppliesDelivery| {
        let draft = draft.clone();
        Callback::from(move |_: Event| {
            if let Some(mut next) = *draft {
                next.applies_delivery = choice;
                draft.set(Some(next));
            }
        })
    };
    let save = {
        let (saved, draft, error, context, organisation_defaults) =
            (saved.clone(), draft.clone(), error.clone(), props.context.clone(), props.organisation_defaults);
        Callback::from(move |_: MouseEvent| {
            let Some(preferences) = *draft else { return };
            let (saved, error, context) = (saved.clone(), error.clone(), context.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let request = SaveNotificationPreferencesRequest { organisation_defaults, preferences };
                match ipc::call(context.token(), &request).await {
                    Ok(answer) => {
                        error.set(None);
                        saved.set(Some(answer));
                        context.toast.emit("Notification preferences saved.".to_owned());
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        })
    };
    let switch = |id: &'static str, label: &'static str, checked: bool, onchange: Callback<Event>| {
        html! {
            <div class="field checkbox">
                <label for={id}><input {id} type="checkbox" {checked} {onchange} />{format!(" {label}")}</label>
            </div>
        }
    };
    let changed = *saved != Some(current);
    html! {
        <div class="notifications" id="notification-switches">
            {form_error(&error)}
            if props.organisation_defaults {
                <p class="lead">{"New users start with these choices; each user can change their own under Settings."}</p>
            }
            {switch("notify-requisition-closing", "A requisition is closing. (Sent at 7:00 am Eastern Time.)",
                current.requisition_closing, toggle(|p, v| p.requisition_closing = v))}
            {switch("notify-someone-applies", "Someone applies for a job.", current.someone_applies, toggle(|p, v| p.someone_applies = v))}
            if current.someone_applies {
                <div class="radio-group" role="radiogroup" aria-label="When someone applies">
                    <label for="applies-daily">
                        <input id="applies-daily" type="radio" name="applies-delivery"
                            checked={current.applies_delivery == AppliesDelivery::DailySummary}
                            onchange={delivery(AppliesDelivery::DailySummary)} />
                        {" On the day the job seeker applies, at 10:00 pm Eastern Time."}
                    </label>
                    <label for="applies-immediately">
                        <input id="applies-immediately" type="radio" name="applies-delivery"
                            checked={current.applies_delivery == AppliesDelivery::Immediately}
                            onchange={delivery(AppliesDelivery::Immediately)} />
                        {" Immediately after the job seeker applies."}
                    </label>
                    <p class="muted">{"Tip: consider how many applications your organization receives. For a small organization \
                        (or a recruiter who must address every application), a notice for each job seeker may suit; for a \
                        large organization, one message at 10:00 pm Eastern listing all new job seekers may be preferable."}</p>
                </div>
            }
            {switch("notify-background-check", "Someone completes a Background Check form.",
                current.background_check_completed, toggle(|p, v| p.background_check_completed = v))}
            {switch("notify-approval-steps", "Notify me during each step of the approval process when I am a participating user.",
                current.approval_steps, toggle(|p, v| p.approval_steps = v))}
            <div class="actions">
                <button type="button" class="primary" id="save-notifications" disabled={!changed} onclick={save}>{"Save"}</button>
            </div>
        </div>
    }
}
