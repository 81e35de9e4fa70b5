//! Moving the keyboard focus where the user's next keystroke belongs: into a dialog or menu as it opens, to a
//! form's first field as its screen appears. HTML's `autofocus` only works once per page load, and this page
//! never reloads, so each of these says it in an effect instead. Menus also move the focus with the arrow keys.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, KeyboardEvent};
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

/// A dialog's keys: Escape closes it (calls `on_close`).
pub fn escape_closes(on_close: Callback<()>) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Escape" {
            on_close.emit(());
        }
    })
}

/// The keys of a menu opened by the button `button_id`: Up and Down (and Home, End) move between its items, as
/// in any desktop menu; Escape closes it and gives the focus back to its button.
pub fn menu_keys(open: UseStateHandle<bool>, button_id: &'static str) -> Callback<KeyboardEvent> {
    Callback::from(move |event: KeyboardEvent| {
        if !*open {
            return;
        }
        let key = event.key();
        if key == "Escape" {
            open.set(false);
            focus(button_id);
            return;
        }
        let Some(item) = event.target().and_then(|target| target.dyn_into::<Element>().ok()) else { return };
        let Some(menu) = item.closest("[role=\"menu\"]").ok().flatten() else { return };
        let Ok(items) = menu.query_selector_all("[role=\"menuitem\"]") else { return };
        let items: Vec<HtmlElement> =
            (0..items.length()).filter_map(|index| items.get(index)?.dyn_into::<HtmlElement>().ok()).collect();
        let Some(at) = items.iter().position(|each| each.is_same_node(Some(&item))) else { return };
        let last = items.len() - 1;
        let to = match key.as_str() {
            "ArrowDown" => {
                if at == last {
                    0
                } else {
                    at + 1
                }
            }
            "ArrowUp" => {
                if at == 0 {
                    last
                } else {
                    at - 1
                }
            }
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        event.prevent_default();
        let _ = items[to].focus();
    })
}
