//! "Join my team's server", offered at the first start beside "Use Hiredesk on this computer": the server's
//! address, then its certificate's fingerprint for the user to compare with the one their administrator gave
//! them, then joining. From then on this desktop sends every command to that server.

use crate::components::field::Field;
use crate::components::form::{field_error, set_text};
use crate::hooks::command::{use_command, use_command_with};
use hiredesk_wire::{DesktopMode, DesktopModeRequest, JoinTeamServerRequest, ProbeTeamServerRequest, TeamServerFound};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct JoinTeamProps {
    /// The desktop joined the server at this address.
    pub on_joined: Callback<String>,
}

#[component]
pub fn JoinTeam(props: &JoinTeamProps) -> Html {
    let address = use_state(String::new);
    // The server that answered, until the user confirms its fingerprint or changes the address.
    let found = use_state(|| None::<TeamServerFound>);
    let probe = use_command::<ProbeTeamServerRequest>();
    let join = use_command::<JoinTeamServerRequest>();
    let busy = probe.loading() || join.loading();

    let on_address = {
        let (set, found) = (set_text(&address), found.clone());
        Callback::from(move |text: String| {
            found.set(None);
            set.emit(text);
        })
    };
    let onsubmit = {
        let (address, found, probe) = (address.clone(), found.clone(), probe.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if probe.loading() {
                return;
            }
            let found = found.clone();
            probe.run_then(ProbeTeamServerRequest { address: (*address).clone() }, move |server| {
                found.set(Some(server.clone()));
            });
        })
    };
    let confirm = {
        let (found, join, on_joined) = (found.clone(), join.clone(), props.on_joined.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(server) = (*found).clone() else { return };
            if join.loading() {
                return;
            }
            let on_joined = on_joined.clone();
            let request = JoinTeamServerRequest { address: server.address.clone(), fingerprint: server.fingerprint };
            join.run_then(request, move |_| on_joined.emit(server.address.clone()));
        })
    };

    // A desktop that already works with a team's server (its first screen is the team's first start) has
    // nothing to join; nor is anything offered before the shell said which it is, so that a team's first start
    // never flashes the solo choices.
    let mode = use_command_with(DesktopModeRequest {});
    if !matches!(mode.answer(), Some(DesktopMode::Solo)) {
        return html! {};
    }
    let error = probe.error().or(join.error());
    html! {
        <form class="card wide" {onsubmit} novalidate=true aria-labelledby="join-team-title">
            <h2 id="join-team-title">{"Join my team's server"}</h2>
            <p>
                {"If your team shares one Hiredesk server, enter its address. Your work is then kept on the \
                  server, and your colleagues see it."}
            </p>
            // Its own id: the first-run form above has the page's `form-error`.
            if let Some(error) = error.filter(|error| error.fields.is_empty()) {
                <p class="form-error" id="team-error" role="alert">{&error.message}</p>
            }
            <Field id="team-address" label="Server address" value={(*address).clone()}
                error={field_error(error, "address")} oninput={on_address} />
            if let Some(server) = (*found).clone() {
                <div class="notice" id="team-fingerprint-notice">
                    <p>
                        {"Compare this fingerprint with the one your administrator gave you. Join only if they are \
                          the same:"}
                    </p>
                    <p><code id="team-fingerprint">{server.fingerprint.clone()}</code></p>
                </div>
                <div class="actions">
                    <button type="button" class="primary" id="join-team" onclick={confirm} disabled={busy}>
                        {"They match: join"}
                    </button>
                </div>
            } else {
                <div class="actions">
                    <button type="submit" id="find-team-server" disabled={busy}>{"Find Server"}</button>
                </div>
            }
        </form>
    }
}
