//! One file per screen.

mod add_job_seeker;
mod administration;
mod change_password;
mod contact;
mod first_run;
mod home;
mod import;
mod job_seeker;
mod job_seekers;
mod notifications;
mod print;
mod recover;
mod requisitions;
mod security;
mod security_questions;
mod settings;
mod sign_in;
mod workspace;

pub use change_password::ChangePasswordPage;
pub use first_run::FirstRunPage;
pub use print::PrintPage;
pub use recover::RecoverPage;
pub use sign_in::SignInPage;
pub use workspace::{SecurityTab, View, Workspace};

use crate::ipc;
use hiredesk_wire::{AppReadyRequest, IpcError};
use yew::prelude::*;

/// Tells the shell, once, that the first form is on screen and can be typed into (the start-up benchmark's
/// finish line).
#[hook]
fn use_report_ready() {
    use_effect_with((), |_| {
        wasm_bindgen_futures::spawn_local(async {
            let _ = ipc::call(None, &AppReadyRequest {}).await;
        });
    });
}

/// The message for `field` in the last error, if it has one.
pub(crate) fn field_error(error: &Option<IpcError>, field: &str) -> Option<String> {
    error.as_ref().and_then(|error| error.field(field)).map(str::to_owned)
}

/// The message for the form as a whole: an error that belongs to no field.
fn form_error(error: &Option<IpcError>) -> Html {
    match error {
        Some(error) if error.fields.is_empty() => {
            html! { <p class="form-error" id="form-error" role="alert">{&error.message}</p> }
        }
        _ => html! {},
    }
}

/// A state setter for one text field of a form.
fn set_text(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |value: String| state.set(value))
}
