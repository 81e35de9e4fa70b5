//! What the forms share: the messages of a failed command (next to the field that caused them, or for the
//! form as a whole) and a setter for one text field kept in state.

use hiredesk_wire::IpcError;
use yew::prelude::*;

/// The message for `field` in the last error, if it has one.
pub fn field_error(error: Option<&IpcError>, field: &str) -> Option<String> {
    error.and_then(|error| error.field(field)).map(str::to_owned)
}

/// The message for the form as a whole: an error that belongs to no field.
pub fn form_error(error: Option<&IpcError>) -> Html {
    match error {
        Some(error) if error.fields.is_empty() => {
            html! { <p class="form-error" id="form-error" role="alert">{&error.message}</p> }
        }
        _ => html! {},
    }
}

/// The message of any failure, as the lists show it above their rows (where no field could have caused it).
pub fn error_message(error: Option<&IpcError>) -> Html {
    match error {
        Some(error) => html! { <p class="form-error" role="alert">{&error.message}</p> },
        None => html! {},
    }
}

/// A state setter for one text field of a form.
pub fn set_text(state: &UseStateHandle<String>) -> Callback<String> {
    let state = state.clone();
    Callback::from(move |value: String| state.set(value))
}
