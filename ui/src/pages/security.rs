//! Security (SPEC AC-4): the Password tab. Security Questions arrive with their feature.

use super::change_password::PasswordForm;
use super::workspace::WorkspaceContext;
use crate::app::{Notice, Session};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SecurityProps {
    pub context: WorkspaceContext,
}

#[component]
pub fn SecurityPage(props: &SecurityProps) -> Html {
    // A fresh form after each change, so no password stays in a field.
    let generation = use_state(|| 0u32);
    let on_changed = {
        let (generation, toast) = (generation.clone(), props.context.toast.clone());
        Callback::from(move |_: Session| {
            toast.emit("Your password was changed.".to_owned());
            generation.set(*generation + 1);
        })
    };
    let on_session_ended = {
        let ended = props.context.session_ended.clone();
        Callback::from(move |notice: Option<Notice>| {
            let message = notice.map(|notice| notice.text).unwrap_or_default();
            ended.emit(hiredesk_wire::IpcError::new(hiredesk_wire::ErrorKind::SessionExpired, message));
        })
    };
    html! {
        <main class="page" id="security-page">
            <h1>{"Security"}</h1>
            <div class="tabs" role="tablist" aria-label="Security">
                <button type="button" role="tab" id="tab-password" class="tab selected" aria-selected="true">{"Password"}</button>
            </div>
            <section class="tab-panel narrow" role="tabpanel" aria-labelledby="tab-password">
                <PasswordForm key={*generation} session={props.context.session.clone()} {on_changed} {on_session_ended} />
            </section>
        </main>
    }
}
