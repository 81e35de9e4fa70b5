//! Settings (SPEC AC-7, AC-8, AC-9): General (Records per Page), Notifications, and Time Zone with the
//! daylight-saving switch.

use super::notifications::NotificationSwitches;
use crate::components::field::{Checkbox, SelectField};
use crate::components::form::form_error;
use crate::hooks::command::use_command;
use crate::session::SessionContext;
use crate::shortcuts::{self, Action};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{SavePreferencesRequest, UsTimeZone, RECORDS_PER_PAGE};
use yew::prelude::*;

#[component]
pub fn SettingsPage() -> Html {
    let (Some(signed_in), Some(workspace)) = (use_context::<SessionContext>(), use_context::<WorkspaceContext>())
    else {
        return html! {};
    };
    let user = &signed_in.session.user;
    let per_page = use_state(|| user.records_per_page);
    let zone = use_state(|| user.time_zone);
    let dst = use_state(|| user.observe_daylight_saving);
    let save = use_command::<SavePreferencesRequest>();

    let on_per_page = {
        let per_page = per_page.clone();
        Callback::from(move |value: String| {
            if let Ok(count) = value.parse() {
                per_page.set(count);
            }
        })
    };
    let on_zone = {
        let zone = zone.clone();
        Callback::from(move |label: String| {
            if let Some(chosen) = UsTimeZone::from_label(&label) {
                zone.set(chosen);
            }
        })
    };
    let on_dst = {
        let dst = dst.clone();
        Callback::from(move |observe: bool| dst.set(observe))
    };
    let onsubmit = {
        let (per_page, zone, dst, save, signed_in) =
            (per_page.clone(), zone.clone(), dst.clone(), save.clone(), signed_in.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = SavePreferencesRequest {
                records_per_page: Some(*per_page),
                time_zone: Some(*zone),
                observe_daylight_saving: Some(*dst),
            };
            let (signed_in, workspace) = (signed_in.clone(), workspace.clone());
            save.run_then(request, move |profile| {
                signed_in.user_changed(profile.clone());
                workspace.toast("Settings saved.");
            });
        })
    };
    let changed = *per_page != user.records_per_page || *zone != user.time_zone || *dst != user.observe_daylight_saving;

    html! {
        <main class="page" id="settings-page">
            <h1>{"Settings"}</h1>
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Settings">
                {form_error(save.error())}
                <section class="settings-section" aria-labelledby="general-title">
                    <h2 id="general-title">{"General"}</h2>
                    <SelectField id="records-per-page" label="Records per Page" inline=true onchange={on_per_page}>
                        { for RECORDS_PER_PAGE.iter().map(|count| html! {
                            <option value={count.to_string()} selected={*per_page == *count}>{count}</option>
                        }) }
                    </SelectField>
                    <p class="muted">{"Applies to every list: job seekers, History, and the lists to come."}</p>
                </section>
                <section class="settings-section" aria-labelledby="time-zone-title">
                    <h2 id="time-zone-title">{"Time Zone"}</h2>
                    <SelectField id="time-zone" label="U.S. Time Zone" inline=true onchange={on_zone}>
                        { for UsTimeZone::ALL.iter().map(|choice| html! {
                            <option value={choice.label()} selected={*zone == *choice}>{choice.label()}</option>
                        }) }
                    </SelectField>
                    <Checkbox id="observe-dst" label="Observe daylight saving time" checked={*dst} onchange={on_dst} />
                    <p class="muted">
                        {"Make sure the proper time zone is in place, so that everything you do and record is \
                            time-stamped appropriately: every time shown, exported or emailed follows it."}
                    </p>
                </section>
                <div class="actions">
                    <button type="submit" class="primary" id="save-settings" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)} disabled={!changed}>{"Save"}</button>
                </div>
            </form>
            <section class="settings-section profile-form" aria-labelledby="notifications-title">
                <h2 id="notifications-title">{"Notifications"}</h2>
                <NotificationSwitches />
            </section>
        </main>
    }
}
