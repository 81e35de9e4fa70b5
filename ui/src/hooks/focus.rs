//! Moving the keyboard focus where the user's next keystroke belongs: into a dialog or menu as it opens, to a
//! form's first field as its screen appears. HTML's `autofocus` only works once per page load, and this page
//! never reloads, so each of these says it in an effect instead.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Moves the focus to the element with `id`, if it is on screen.
pub fn focus(id: &str) {
    let document = web_sys::window().and_then(|window| window.document());
    let element = document.and_then(|document| document.get_element_by_id(id));
    if let Some(element) = element.and_then(|element| element.dyn_into::<HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Moves the focus to the element with `id` each time `when` becomes true (after that render, so the element
/// is there).
#[hook]
pub fn use_focus_when(id: &'static str, when: bool) {
    use_effect_with(when, move |when| {
        if *when {
            focus(id);
        }
    });
}
