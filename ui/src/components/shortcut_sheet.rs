//! The "Keyboard shortcuts" sheet (`?`, or Help → Keyboard Shortcuts): every row of the shortcut table with
//! the keys as this platform writes them, and how to move without a mouse at all. It takes the focus when it
//! opens and gives it back to where it was when it closes, so a keyboard user is not left at the top of the
//! page.

use crate::hooks::focus::{escape_closes, focus};
use crate::shortcuts::SHORTCUTS;
use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ShortcutSheetProps {
    pub on_close: Callback<()>,
}

#[component]
pub fn ShortcutSheet(props: &ShortcutSheetProps) -> Html {
    use_effect_with((), |()| {
        let document = web_sys::window().and_then(|window| window.document());
        let before = document
            .and_then(|document| document.active_element())
            .and_then(|element| element.dyn_into::<HtmlElement>().ok());
        focus("close-shortcuts");
        move || {
            if let Some(element) = before {
                let _ = element.focus();
            }
        }
    });
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let escape = escape_closes(props.on_close.clone());
    html! {
        <div class="backdrop" onkeydown={escape}>
            <div class="dialog shortcut-sheet" id="shortcut-sheet" role="dialog" aria-modal="true"
                aria-labelledby="shortcuts-title">
                <h2 id="shortcuts-title">{"Keyboard shortcuts"}</h2>
                <table class="shortcut-table" id="shortcut-table">
                    <thead>
                        <tr>
                            <th scope="col">{"Keys"}</th>
                            <th scope="col">{"Does"}</th>
                            <th scope="col">{"Where"}</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for SHORTCUTS.iter().map(|shortcut| html! {
                            <tr>
                                <td><kbd>{shortcut.keys()}</kbd></td>
                                <td>{shortcut.description}</td>
                                <td>{shortcut.scope}</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="muted">
                    {"Tab and Shift+Tab move between fields and buttons, Enter or Space presses the button in focus, \
                      the arrow keys move in the search results, and Escape closes a dialog, a menu or the search \
                      box."}
                </p>
                <div class="actions">
                    <button type="button" class="primary" id="close-shortcuts" onclick={close}>{"Close"}</button>
                </div>
            </div>
        </div>
    }
}
