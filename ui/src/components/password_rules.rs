//! The effective password rules, ticked off live as the user types. The rules and their checks come from
//! the core (`check_password`); this component only shows them.

use super::icons;
use crate::ipc;
use hiredesk_wire::{CheckPasswordRequest, PasswordRuleCheck};
use std::cell::Cell;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasswordRulesProps {
    pub password: AttrValue,
    /// The email and names typed on the same form: a password leaning on them counts as easily guessed.
    #[prop_or_default]
    pub personal_words: Vec<String>,
}

#[component]
pub fn PasswordRules(props: &PasswordRulesProps) -> Html {
    let checks = use_state(Vec::<PasswordRuleCheck>::new);
    // Answers can arrive out of order while the user types; only the latest request's answer is shown.
    let latest = use_mut_ref(|| Rc::new(Cell::new(0u64)));
    {
        let checks = checks.clone();
        let latest = latest.borrow().clone();
        use_effect_with((props.password.clone(), props.personal_words.clone()), move |(password, words)| {
            let request = CheckPasswordRequest { new_password: password.to_string(), personal_words: words.clone() };
            let ticket = latest.get() + 1;
            latest.set(ticket);
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(answer) = ipc::call(None, &request).await {
                    if latest.get() == ticket {
                        checks.set(answer);
                    }
                }
            });
        });
    }
    html! {
        <ul class="password-rules" id="password-rules" aria-live="polite" aria-label="Password rules">
            { for checks.iter().map(|check| {
                let (class, icon, state) = match check.met {
                    Some(true) => ("met", icons::check(), "met"),
                    Some(false) => ("unmet", icons::cross(), "not met yet"),
                    None => ("pending", icons::dot(), "checked when you save"),
                };
                html! {
                    <li class={class} data-met={state}>
                        {icon}<span>{&check.rule}</span><span class="visually-hidden">{format!(" ({state})")}</span>
                    </li>
                }
            }) }
        </ul>
    }
}
