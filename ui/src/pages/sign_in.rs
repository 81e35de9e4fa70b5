//! Sign in by email and password (SPEC AC-3).

use crate::components::form::{form_error, set_text};
use crate::components::{field::Field, icons};
use crate::hooks::command::use_command;
use crate::hooks::ready::use_report_ready;
use crate::session::Notice;
use hiredesk_wire::{SignInRequest, SignedIn};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SignInProps {
    pub notice: Option<Notice>,
    pub on_signed_in: Callback<SignedIn>,
    pub on_forgot: Callback<()>,
}

#[component]
pub fn SignInPage(props: &SignInProps) -> Html {
    use_report_ready();
    let email = use_state(String::new);
    let password = use_state(String::new);
    let sign_in = use_command::<SignInRequest>();

    let onsubmit = {
        let (email, password, sign_in, on_signed_in) =
            (email.clone(), password.clone(), sign_in.clone(), props.on_signed_in.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if sign_in.loading() {
                return;
            }
            let request = SignInRequest { email: (*email).clone(), password: (*password).clone() };
            let (password, on_signed_in) = (password.clone(), on_signed_in.clone());
            sign_in.run_settled(request, move |outcome| match outcome {
                Ok(signed_in) => on_signed_in.emit(signed_in.clone()),
                // A refused password is never left in the field.
                Err(_) => password.set(String::new()),
            });
        })
    };

    let forgot = {
        let on_forgot = props.on_forgot.clone();
        Callback::from(move |_: MouseEvent| on_forgot.emit(()))
    };
    html! {
        <main class="centered">
            // Wider while it lists the demo accounts, so their table fits the card.
            <form class={classes!("card", props.notice.as_ref().is_some_and(|notice| !notice.demo_accounts.is_empty())
                    .then_some("wide"))} {onsubmit} novalidate=true aria-labelledby="sign-in-title">
                <div class="card-title">{icons::app_mark()}<h1 id="sign-in-title">{"Sign in to Hiredesk"}</h1></div>
                if let Some(notice) = &props.notice {
                    <div class="notice" id="notice" role="status">
                        <p>{&notice.text}</p>
                        if !notice.demo_accounts.is_empty() {
                            <table class="demo-accounts">
                                <thead><tr><th>{"Email"}</th><th>{"Role"}</th><th>{"Initial password"}</th></tr></thead>
                                <tbody>
                                    { for notice.demo_accounts.iter().map(|account| html! {
                                        <tr>
                                            <td>{&account.email}</td>
                                            <td>{account.role.label()}</td>
                                            <td><code>{&account.initial_password}</code></td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                        }
                    </div>
                }
                {form_error(sign_in.error())}
                <Field id="email" label="Email" value={(*email).clone()} input_type="email" autocomplete="username"
                    autofocus=true oninput={set_text(&email)} />
                <Field id="password" label="Password" value={(*password).clone()} input_type="password"
                    autocomplete="current-password" oninput={set_text(&password)} />
                <div class="actions">
                    <button type="submit" class="primary" id="sign-in" disabled={sign_in.loading()}>{"Sign In"}</button>
                    <button type="button" class="link" id="forgot-password" onclick={forgot}>
                        {"Forgot password?"}
                    </button>
                </div>
            </form>
        </main>
    }
}
