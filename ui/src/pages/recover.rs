//! "Forgot password" (SPEC AC-5): the email, then its three security questions and a new password under the
//! policy. Wrong answers count toward the lockout, as wrong passwords do.

use crate::components::form::{field_error, form_error, set_text};
use crate::components::{field::Field, icons, password_rules::PasswordRules};
use crate::hooks::command::use_command;
use crate::session::Notice;
use hiredesk_wire::{RecoverPasswordRequest, RecoveryQuestionsRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RecoverProps {
    /// Back to sign-in, with what to tell the user there.
    pub on_done: Callback<Option<Notice>>,
}

#[component]
pub fn RecoverPage(props: &RecoverProps) -> Html {
    let email = use_state(String::new);
    // First the email's questions, then the answers with the new password.
    let asked = use_command::<RecoveryQuestionsRequest>();
    let recover = use_command::<RecoverPasswordRequest>();
    let answers = use_state(|| vec![String::new(); 3]);
    let new = use_state(String::new);
    let confirm = use_state(String::new);
    let busy = asked.loading() || recover.loading();

    let onsubmit = {
        let (email, answers, new, confirm, asked, recover, on_done) = (
            email.clone(),
            answers.clone(),
            new.clone(),
            confirm.clone(),
            asked.clone(),
            recover.clone(),
            props.on_done.clone(),
        );
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if asked.loading() || recover.loading() {
                return;
            }
            if asked.answer().is_none() {
                asked.run(RecoveryQuestionsRequest { email: (*email).clone() });
            } else {
                let request = RecoverPasswordRequest {
                    email: (*email).clone(),
                    answers: (*answers).clone(),
                    new_password: (*new).clone(),
                    confirm_password: (*confirm).clone(),
                };
                let on_done = on_done.clone();
                recover.run_then(request, move |()| {
                    on_done.emit(Some(Notice::text("Your password was changed. Sign in with your new password.")));
                });
            }
        })
    };
    let back = {
        let on_done = props.on_done.clone();
        Callback::from(move |_: MouseEvent| on_done.emit(None))
    };
    let personal_words = vec![(*email).clone()];
    let questions = asked.answer();
    let error = recover.error().or(asked.error());

    html! {
        <main class="centered">
            <form class="card wide" {onsubmit} novalidate=true aria-labelledby="recover-title">
                <div class="card-title">{icons::app_mark()}<h1 id="recover-title">{"Forgot Password"}</h1></div>
                {form_error(error)}
                <Field id="recover-email" label="Email" value={(*email).clone()} input_type="email"
                    autocomplete="username" autofocus=true readonly={questions.is_some()}
                    error={field_error(error, "email")} oninput={set_text(&email)} />
                if let Some(listed) = questions {
                    <p class="lead">{"Answer your three security questions, then choose a new password."}</p>
                    { for listed.iter().enumerate().map(|(index, question)| {
                        let oninput = {
                            let answers = answers.clone();
                            Callback::from(move |value: String| {
                                let mut next = (*answers).clone();
                                next[index] = value;
                                answers.set(next);
                            })
                        };
                        html! {
                            <Field id={format!("recover-answer-{}", index + 1)} label={question.clone()}
                                value={answers[index].clone()} {oninput} />
                        }
                    }) }
                    <Field id="new-password" label="New Password" value={(*new).clone()} input_type="password"
                        autocomplete="new-password" error={field_error(error, "new_password")}
                        oninput={set_text(&new)} />
                    <Field id="confirm-new-password" label="Confirm New Password" value={(*confirm).clone()}
                        input_type="password" autocomplete="new-password" error={field_error(error, "confirm_password")}
                        oninput={set_text(&confirm)} />
                    <PasswordRules password={(*new).clone()} {personal_words} />
                }
                <div class="actions">
                    <button type="submit" class="primary" id="recover-continue" disabled={busy}>
                        { if questions.is_some() { "Save" } else { "Continue" } }
                    </button>
                    <button type="button" id="back-to-sign-in" onclick={back}>{"Back to Sign In"}</button>
                </div>
            </form>
        </main>
    }
}
