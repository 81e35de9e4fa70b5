//! A confirmation for destructive actions (and only those): says what will be lost, offers the action and
//! Cancel, with Cancel focused so Enter never deletes by accident. Escape cancels.

use crate::hooks::focus::{escape_closes, use_focus_when};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ConfirmProps {
    pub title: AttrValue,
    pub message: AttrValue,
    /// The button that goes ahead, in the guide's words ("Delete").
    pub confirm_label: AttrValue,
    pub on_confirm: Callback<()>,
    pub on_cancel: Callback<()>,
}

#[component]
pub fn Confirm(props: &ConfirmProps) -> Html {
    use_focus_when("confirm-cancel", true);
    let confirm = {
        let on_confirm = props.on_confirm.clone();
        Callback::from(move |_: MouseEvent| on_confirm.emit(()))
    };
    let cancel = {
        let on_cancel = props.on_cancel.clone();
        Callback::from(move |_: MouseEvent| on_cancel.emit(()))
    };
    let escape = escape_closes(props.on_cancel.clone());
    html! {
        <div class="backdrop" onkeydown={escape}>
            <div class="dialog" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
                aria-describedby="confirm-message">
                <h2 id="confirm-title">{props.title.clone()}</h2>
                <p id="confirm-message">{props.message.clone()}</p>
                <div class="actions">
                    <button type="button" class="danger" id="confirm-action" onclick={confirm}>
                        {props.confirm_label.clone()}
                    </button>
                    <button type="button" id="confirm-cancel" onclick={cancel}>{"Cancel"}</button>
                </div>
            </div>
        </div>
    }
}
