//! The first start of an installation with no users: use Hiredesk on this computer (create the first
//! Administrator, or load the demo organisation, SPEC DT-1), or join the team's server instead. On a desktop
//! that has joined a team's server with no users yet, the same form sets up the team: its first Administrator
//! (or the demo) goes to the server.

use crate::components::form::{field_error, form_error, set_text};
use crate::components::{field::Field, icons, password_rules::PasswordRules};
use crate::hooks::command::{use_command, use_command_with};
use crate::hooks::ready::use_report_ready;
use crate::pages::join_team::JoinTeam;
use crate::session::{Notice, DEMO_NOTICE};
use hiredesk_wire::{CreateFirstAdministratorRequest, DesktopMode, DesktopModeRequest, LoadDemoDataRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FirstRunProps {
    /// Go on to the sign-in screen with what to tell the user there.
    pub on_done: Callback<Option<Notice>>,
    /// The desktop joined a team's server: where to start is asked again (through the server), with what to
    /// tell the user on the sign-in form.
    pub on_joined: Callback<Notice>,
}

#[component]
pub fn FirstRunPage(props: &FirstRunProps) -> Html {
    use_report_ready();
    let email = use_state(String::new);
    let first_name = use_state(String::new);
    let last_name = use_state(String::new);
    let password = use_state(String::new);
    let confirm = use_state(String::new);
    let create = use_command::<CreateFirstAdministratorRequest>();
    let demo = use_command::<LoadDemoDataRequest>();
    // One thing at a time: creating the Administrator or loading the demo.
    let busy = create.loading() || demo.loading();

    let onsubmit = {
        let request = CreateFirstAdministratorRequest {
            email: (*email).clone(),
            first_name: (*first_name).clone(),
            last_name: (*last_name).clone(),
            password: (*password).clone(),
            confirm_password: (*confirm).clone(),
        };
        let (create, demo, on_done) = (create.clone(), demo.clone(), props.on_done.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if create.loading() || demo.loading() {
                return;
            }
            let on_done = on_done.clone();
            create.run_then(request.clone(), move |()| {
                on_done.emit(Some(Notice::text(
                    "The Administrator account was created. Sign in with its email and password.",
                )));
            });
        })
    };

    let load_demo = {
        let (create, demo, on_done) = (create.clone(), demo.clone(), props.on_done.clone());
        Callback::from(move |_: MouseEvent| {
            if create.loading() || demo.loading() {
                return;
            }
            let on_done = on_done.clone();
            demo.run_then(LoadDemoDataRequest {}, move |accounts| {
                on_done.emit(Some(Notice { text: DEMO_NOTICE.to_owned(), demo_accounts: accounts.clone() }));
            });
        })
    };

    let on_joined = {
        let on_joined = props.on_joined.clone();
        Callback::from(move |address: String| {
            on_joined.emit(Notice::text(format!(
                "This computer now works with your team's server at {address}. Sign in with your team account."
            )));
        })
    };
    // On a desktop that joined a team's server, this is the team's first start: its first Administrator (or the
    // demo) goes to the server, for everyone.
    let mode = use_command_with(DesktopModeRequest {});
    let team = match mode.answer() {
        Some(DesktopMode::Team { address }) => Some(Some(address.clone())),
        Some(DesktopMode::Solo) => Some(None),
        // Not known yet: the heading waits for it (a round trip to the shell).
        None => None,
    };

    // A refused Administrator shows its messages by the fields; a failed demo load above the form.
    let error = create.error().or(demo.error());
    let personal_words = vec![(*email).clone(), (*first_name).clone(), (*last_name).clone()];
    html! {
        <main class="centered">
            <form class="card wide" {onsubmit} novalidate=true aria-labelledby="first-run-title">
                <div class="card-title">{icons::app_mark()}<h1 id="first-run-title">{"Welcome to Hiredesk"}</h1></div>
                if let Some(Some(address)) = &team {
                    <h2 id="team-first-start">{"Set up your team's server"}</h2>
                    <p class="lead">
                        {format!("Your team's server at {address} has no users yet. Create its first Administrator, \
                                  who can then add the team's recruiters and set the organisation's policies.")}
                    </p>
                } else if team.is_some() {
                    <h2 id="use-this-computer">{"Use Hiredesk on this computer"}</h2>
                    <p class="lead">
                        {"This installation has no users yet. Create the first Administrator, who can then add \
                          recruiters and set the organisation's policies."}
                    </p>
                }
                {form_error(error)}
                <Field id="email" label="Email" value={(*email).clone()} input_type="email" autocomplete="username"
                    autofocus=true error={field_error(error, "email")} oninput={set_text(&email)} />
                <div class="field-row">
                    <Field id="first-name" label="First Name" value={(*first_name).clone()} autocomplete="given-name"
                        error={field_error(error, "first_name")} oninput={set_text(&first_name)} />
                    <Field id="last-name" label="Last Name" value={(*last_name).clone()} autocomplete="family-name"
                        error={field_error(error, "last_name")} oninput={set_text(&last_name)} />
                </div>
                <Field id="password" label="Password" value={(*password).clone()} input_type="password"
                    autocomplete="new-password" error={field_error(error, "password")} oninput={set_text(&password)} />
                <Field id="confirm-password" label="Confirm Password" value={(*confirm).clone()} input_type="password"
                    autocomplete="new-password" error={field_error(error, "confirm_password")}
                    oninput={set_text(&confirm)} />
                <PasswordRules password={(*password).clone()} {personal_words} new_account=true />
                <div class="actions">
                    <button type="submit" class="primary" id="create-administrator" disabled={busy}>
                        {"Create Administrator"}
                    </button>
                    <button type="button" id="load-demo" onclick={load_demo} disabled={busy}>
                        {"Load Demo Data"}
                    </button>
                </div>
            </form>
            <JoinTeam on_joined={on_joined} />
        </main>
    }
}
