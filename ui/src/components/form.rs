//! What the forms share: the messages of a failed command (next to the field that caused them, or for the
//! form as a whole) and setters that change one field of a draft kept in state.

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

/// A setter that changes one field of a draft kept in state.
pub fn edit<T: Clone + 'static, V: 'static>(draft: &UseStateHandle<T>, change: fn(&mut T, V)) -> Callback<V> {
    let draft = draft.clone();
    Callback::from(move |value: V| {
        let mut next = (*draft).clone();
        change(&mut next, value);
        draft.set(next);
    })
}

/// [`edit`] for a draft that may not be open: with none, there is nothing to change.
pub fn edit_open<T: Clone + 'static, V: 'static>(
    draft: &UseStateHandle<Option<T>>,
    change: fn(&mut T, V),
) -> Callback<V> {
    let draft = draft.clone();
    Callback::from(move |value: V| {
        if let Some(mut next) = (*draft).clone() {
            change(&mut next, value);
            draft.set(Some(next));
        }
    })
}

/// A callback that sets `state` to `value`, whatever the event (opening or closing a confirmation).
pub fn set_to<T: Clone + 'static, E: 'static>(state: &UseStateHandle<T>, value: T) -> Callback<E> {
    let state = state.clone();
    Callback::from(move |_: E| state.set(value.clone()))
}
