//! The effective password rules, ticked off live as the user types. The rules and their checks come from
//! the core (`check_password`); this component only shows them.

use super::icons;
use crate::hooks::command::use_command;
use hiredesk_wire::CheckPasswordRequest;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct PasswordRulesProps {
    pub password: AttrValue,
    /// The email and names typed on the same form: a password leaning on them counts as easily guessed.
    #[prop_or_default]
    pub personal_words: Vec<String>,
    /// The password of an account being created: the rule against reusing an earlier one does not apply.
    #[prop_or_default]
    pub new_account: bool,
}

#[component]
pub fn PasswordRules(props: &PasswordRulesProps) -> Html {
    // Asked again at every keystroke; the handle shows only the latest request's answer, as answers can
    // arrive out of order while the user types.
    let checks = use_command::<CheckPasswordRequest>();
    {
        let checks = checks.clone();
        let new_account = props.new_account;
        use_effect_with((props.password.clone(), props.personal_words.clone()), move |(password, words)| {
            checks.run(CheckPasswordRequest {
                new_password: password.to_string(),
                personal_words: words.clone(),
                new_account,
            });
        });
    }
    html! {
        <ul class="password-rules" id="password-rules" aria-live="polite" aria-label="Password rules">
            { for checks.answer().into_iter().flatten().map(|check| {
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
