//! Settings (SPEC AC-7, AC-8, AC-9): General (Records per Page), Notifications, and Time Zone with the
//! daylight-saving switch.

use super::form_error;
use super::notifications::NotificationSwitches;
use super::workspace::WorkspaceContext;
use crate::ipc;
use hiredesk_wire::{IpcError, SavePreferencesRequest, UsTimeZone, UserProfile, RECORDS_PER_PAGE};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub context: WorkspaceContext,
    pub on_profile: Callback<UserProfile>,
}

#[component]
pub fn SettingsPage(props: &SettingsProps) -> Html {
    let user = &props.context.session.user;
    let per_page = use_state(|| user.records_per_page);
    let zone = use_state(|| user.time_zone);
    let dst = use_state(|| user.observe_daylight_saving);
    let error = use_state(|| None::<IpcError>);

    let on_per_page = {
        let per_page = per_page.clone();
        Callback::from(move |event: Event| {
            if let Ok(value) = event.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                per_page.set(value);
            }
        })
    };
    let on_zone = {
        let zone = zone.clone();
        Callback::from(move |event: Event| {
            if let Some(value) = UsTimeZone::from_label(&event.target_unchecked_into::<HtmlSelectElement>().value()) {
                zone.set(value);
            }
        })
    };
    let on_dst = {
        let dst = dst.clone();
        Callback::from(move |event: Event| dst.set(event.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    let onsubmit = {
        let (per_page, zone, dst, error) = (per_page.clone(), zone.clone(), dst.clone(), error.clone());
        let (context, on_profile) = (props.context.clone(), props.on_profile.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = SavePreferencesRequest {
                records_per_page: Some(*per_page),
                time_zone: Some(*zone),
                observe_daylight_saving: Some(*dst),
            };
            let (error, context, on_profile) = (error.clone(), context.clone(), on_profile.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &request).await {
                    Ok(profile) => {
                        error.set(None);
                        on_profile.emit(profile);
                        context.toast.emit("Settings saved.".to_owned());
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        })
    };
    let changed = *per_page != user.records_per_page || *zone != user.time_zone || *dst != user.observe_daylight_saving;

    html! {
        <main class="page" id="settings-page">
            <h1>{"Settings"}</h1>
            <form class="profile-form" {onsubmit} novalidate=true aria-label="Settings">
                {form_error(&error)}
                <section class="settings-section" aria-labelledby="general-title">
                    <h2 id="general-title">{"General"}</h2>
                    <div class="field inline">
                        <label for="records-per-page">{"Records per Page"}</label>
                        <select id="records-per-page" onchange={on_per_page}>
                            { for RECORDS_PER_PAGE.iter().map(|count| html! {
                                <option value={count.to_string()} selected={*per_page == *count}>{count}</option>
                            }) }
                        </select>
                    </div>
                    <p class="muted">{"Applies to every list: job seekers, History, and the lists to come."}</p>
                </section>
                <section class="settings-section" aria-labelledby="time-zone-title">
                    <h2 id="time-zone-title">{"Time Zone"}</h2>
                    <div class="field inline">
                        <label for="time-zone">{"U.S. Time Zone"}</label>
                        <select id="time-zone" onchange={on_zone}>
                            { for UsTimeZone::ALL.iter().map(|choice| html! {
                                <option value={choice.label()} selected={*zone == *choice}>{choice.label()}</option>
                            }) }
                        </select>
                    </div>
                    <div class="field checkbox">
                        <label for="observe-dst">
                            <input id="observe-dst" type="checkbox" checked={*dst} onchange={on_dst} />
                            {" Observe daylight saving time"}
                        </label>
                    </div>
                    <p class="muted">
                        {"Make sure the proper time zone is in place, so that everything you do and record is time-stamped \
                          appropriately: every time shown, exported or emailed follows it."}
                    </p>
                </section>
                <div class="actions">
                    <button type="submit" class="primary" id="save-settings" disabled={!changed}>{"Save"}</button>
                </div>
            </form>
            <section class="settings-section profile-form" aria-labelledby="notifications-title">
                <h2 id="notifications-title">{"Notifications"}</h2>
                <NotificationSwitches context={props.context.clone()} />
            </section>
        </main>
    }
}
