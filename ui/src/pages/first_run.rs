//! The first start of an installation with no users: create the first Administrator, or load the demo
//! organisation (SPEC DT-1).

use super::{field_error, form_error, set_text, use_report_ready};
use crate::app::{Notice, DEMO_NOTICE};
use crate::components::{field::Field, icons, password_rules::PasswordRules};
use crate::ipc;
use hiredesk_wire::{CreateFirstAdministratorRequest, IpcError, LoadDemoDataRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FirstRunProps {
    /// Go on to the sign-in screen with what to tell the user there.
    pub on_done: Callback<Option<Notice>>,
}

#[component]
pub fn FirstRunPage(props: &FirstRunProps) -> Html {
    use_report_ready();
    let email = use_state(String::new);
    let first_name = use_state(String::new);
    let last_name = use_state(String::new);
    let password = use_state(String::new);
    let confirm = use_state(String::new);
    let error = use_state(|| None::<IpcError>);
    let busy = use_state(|| false);

    let onsubmit = {
        let request = CreateFirstAdministratorRequest {
            email: (*email).clone(),
            first_name: (*first_name).clone(),
            last_name: (*last_name).clone(),
            password: (*password).clone(),
            confirm_password: (*confirm).clone(),
        };
        let (error, busy, on_done) = (error.clone(), busy.clone(), props.on_done.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            let (request, error, busy, on_done) = (request.clone(), error.clone(), busy.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(None, &request).await {
                    Ok(()) => on_done.emit(Some(Notice::text(
                        "The Administrator account was created. Sign in with its email and password.",
                    ))),
                    Err(failure) => {
                        error.set(Some(failure));
                        busy.set(false);
                    }
                }
            });
        })
    };

    let load_demo = {
        let (error, busy, on_done) = (error.clone(), busy.clone(), props.on_done.clone());
        Callback::from(move |_: MouseEvent| {
            if *busy {
                return;
            }
            busy.set(true);
            let (error, busy, on_done) = (error.clone(), busy.clone(), on_done.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(None, &LoadDemoDataRequest {}).await {
                    Ok(accounts) => {
                        on_done.emit(Some(Notice { text: DEMO_NOTICE.to_owned(), demo_accounts: accounts }));
                    }
                    Err(failure) => {
                        error.set(Some(failure));
                        busy.set(false);
                    }
                }
            });
        })
    };

    let personal_words = vec![(*email).clone(), (*first_name).clone(), (*last_name).clone()];
    html! {
        <main class="centered">
            <form class="card wide" {onsubmit} novalidate=true aria-labelledby="first-run-title">
                <div class="card-title">{icons::app_mark()}<h1 id="first-run-title">{"Welcome to Hiredesk"}</h1></div>
                <p class="lead">
                    {"This installation has no users yet. Create the first Administrator, who can then add \
                      recruiters and set the organisation's policies."}
                </p>
                {form_error(&error)}
                <Field id="email" label="Email" value={(*email).clone()} input_type="email" autocomplete="username"
                    autofocus=true error={field_error(&error, "email")} oninput={set_text(&email)} />
                <div class="field-row">
                    <Field id="first-name" label="First Name" value={(*first_name).clone()} autocomplete="given-name"
                        error={field_error(&error, "first_name")} oninput={set_text(&first_name)} />
                    <Field id="last-name" label="Last Name" value={(*last_name).clone()} autocomplete="family-name"
                        error={field_error(&error, "last_name")} oninput={set_text(&last_name)} />
                </div>
                <Field id="password" label="Password" value={(*password).clone()} input_type="password"
                    autocomplete="new-password" error={field_error(&error, "password")} oninput={set_text(&password)} />
                <Field id="confirm-password" label="Confirm Password" value={(*confirm).clone()} input_type="password"
                    autocomplete="new-password" error={field_error(&error, "confirm_password")}
                    oninput={set_text(&confirm)} />
                <PasswordRules password={(*password).clone()} {personal_words} />
                <div class="actions">
                    <button type="submit" class="primary" id="create-administrator" disabled={*busy}>
                        {"Create Administrator"}
                    </button>
                    <button type="button" id="load-demo" onclick={load_demo} disabled={*busy}>
                        {"Load Demo Data"}
                    </button>
                </div>
            </form>
        </main>
    }
}
