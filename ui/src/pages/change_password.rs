//! The password change that an initial, reset or expired password forces before anything else (SPEC AC-4):
//! old password, new password and its confirmation, with the rules shown as the user types.

use crate::components::form::{field_error, form_error, set_text};
use crate::components::{field::Field, icons, password_rules::PasswordRules};
use crate::hooks::command::use_command;
use crate::session::SessionContext;
use crate::shortcuts::{self, Action};
use hiredesk_wire::ChangePasswordRequest;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ChangePasswordProps {
    /// The password was changed.
    pub on_changed: Callback<()>,
}

/// The forced change: the form alone on the screen, before anything else.
#[component]
pub fn ChangePasswordPage(props: &ChangePasswordProps) -> Html {
    // App shows this screen only with a session; without one there is nobody to ask.
    let Some(signed_in) = use_context::<SessionContext>() else { return html! {} };
    let user = &signed_in.session.user;
    html! {
        <main class="centered">
            <div class="card wide">
                <div class="card-title">{icons::app_mark()}<h1 id="change-password-title">{"Update Password"}</h1></div>
                <p class="lead">
                    {format!("{}, choose a new password before you continue. ", user.first_name)}
                    {"It replaces the one you were given, which only you and your administrator have seen."}
                </p>
                <PasswordForm on_changed={props.on_changed.clone()} />
            </div>
        </main>
    }
}

/// Old password, new password and its confirmation, with the rules ticked off as the user types (SPEC AC-4).
/// Used by the forced change and by Security → Password.
#[component]
pub fn PasswordForm(props: &ChangePasswordProps) -> Html {
    let Some(signed_in) = use_context::<SessionContext>() else { return html! {} };
    let old = use_state(String::new);
    let new = use_state(String::new);
    let confirm = use_state(String::new);
    let change = use_command::<ChangePasswordRequest>();

    let onsubmit = {
        let request = ChangePasswordRequest {
            old_password: (*old).clone(),
            new_password: (*new).clone(),
            confirm_password: (*confirm).clone(),
        };
        let (change, on_changed) = (change.clone(), props.on_changed.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            if change.loading() {
                return;
            }
            let on_changed = on_changed.clone();
            change.run_then(request.clone(), move |()| on_changed.emit(()));
        })
    };

    let user = &signed_in.session.user;
    let error = change.error();
    let personal_words = vec![user.email.clone(), user.first_name.clone(), user.last_name.clone()];
    html! {
            <form class="password-form" {onsubmit} novalidate=true aria-label="Update Password">
                {form_error(error)}
                <Field id="old-password" label="Old Password" value={(*old).clone()} input_type="password"
                    autocomplete="current-password" autofocus=true error={field_error(error, "old_password")}
                    oninput={set_text(&old)} />
                <Field id="new-password" label="New Password" value={(*new).clone()} input_type="password"
                    autocomplete="new-password" error={field_error(error, "new_password")} oninput={set_text(&new)} />
                <Field id="confirm-new-password" label="Confirm New Password" value={(*confirm).clone()}
                    input_type="password" autocomplete="new-password" error={field_error(error, "confirm_password")}
                    oninput={set_text(&confirm)} />
                <PasswordRules password={(*new).clone()} {personal_words} />
                <div class="actions">
                    <button type="submit" class="primary" id="save-password" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)} disabled={change.loading()}>
                        {"Save"}
                    </button>
                </div>
            </form>
    }
}
