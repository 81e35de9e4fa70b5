//! The password change that an initial, reset or expired password forces before anything else (SPEC AC-4):
//! old password, new password and its confirmation, with the rules shown as the user types.

use super::{field_error, form_error, set_text};
use crate::app::{Notice, Session};
use crate::components::{field::Field, icons, password_rules::PasswordRules};
use crate::ipc;
use hiredesk_wire::{ChangePasswordRequest, ErrorKind, IpcError};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChangePasswordProps {
    pub session: Session,
    pub on_changed: Callback<Session>,
    pub on_session_ended: Callback<Option<Notice>>,
}

/// The forced change: the form alone on the screen, before anything else.
#[component]
pub fn ChangePasswordPage(props: &ChangePasswordProps) -> Html {
    let user = &props.session.user;
    html! {
        <main class="centered">
            <div class="card wide">
                <div class="card-title">{icons::app_mark()}<h1 id="change-password-title">{"Update Password"}</h1></div>
                <p class="lead">
                    {format!("{}, choose a new password before you continue. ", user.first_name)}
                    {"It replaces the one you were given, which only you and your administrator have seen."}
                </p>
                <PasswordForm session={props.session.clone()} on_changed={props.on_changed.clone()}
                    on_session_ended={props.on_session_ended.clone()} />
            </div>
        </main>
    }
}

/// Old password, new password and its confirmation, with the rules ticked off as the user types (SPEC AC-4).
/// Used by the forced change and by Security → Password.
#[component]
pub fn PasswordForm(props: &ChangePasswordProps) -> Html {
    let old = use_state(String::new);
    let new = use_state(String::new);
    let confirm = use_state(String::new);
    let error = use_state(|| None::<IpcError>);
    let busy = use_state(|| false);

    let onsubmit = {
        let request = ChangePasswordRequest {
            old_password: (*old).clone(),
            new_password: (*new).clone(),
            confirm_password: (*confirm).clone(),
        };
        let (error, busy) = (error.clone(), busy.clone());
        let (session, on_changed, on_ended) =
            (props.session.clone(), props.on_changed.clone(), props.on_session_ended.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if *busy {
                return;
            }
            busy.set(true);
            let (request, error, busy) = (request.clone(), error.clone(), busy.clone());
            let (session, on_changed, on_ended) = (session.clone(), on_changed.clone(), on_ended.clone());
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(Some(&session.token), &request).await {
                    Ok(()) => on_changed.emit(session),
                    Err(failure) if failure.kind == ErrorKind::SessionExpired => {
                        on_ended.emit(Some(Notice::text(failure.message)));
                    }
                    Err(failure) => {
                        error.set(Some(failure));
                        busy.set(false);
                    }
                }
            });
        })
    };

    let user = &props.session.user;
    let personal_words = vec![user.email.clone(), user.first_name.clone(), user.last_name.clone()];
    html! {
            <form class="password-form" {onsubmit} novalidate=true aria-label="Update Password">
                {form_error(&error)}
                <Field id="old-password" label="Old Password" value={(*old).clone()} input_type="password"
                    autocomplete="current-password" autofocus=true error={field_error(&error, "old_password")}
                    oninput={set_text(&old)} />
                <Field id="new-password" label="New Password" value={(*new).clone()} input_type="password"
                    autocomplete="new-password" error={field_error(&error, "new_password")} oninput={set_text(&new)} />
                <Field id="confirm-new-password" label="Confirm New Password" value={(*confirm).clone()}
                    input_type="password" autocomplete="new-password" error={field_error(&error, "confirm_password")}
                    oninput={set_text(&confirm)} />
                <PasswordRules password={(*new).clone()} {personal_words} />
                <div class="actions">
                    <button type="submit" class="primary" id="save-password" disabled={*busy}>{"Save"}</button>
                </div>
            </form>
    }
}
