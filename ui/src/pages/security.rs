//! Security (SPEC AC-4, AC-5): the Password and Security Questions tabs.

use super::change_password::PasswordForm;
use super::security_questions::SecurityQuestionsTab;
use crate::components::tab_button::TabButton;
use crate::workspace_context::{SecurityTab, WorkspaceContext};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SecurityProps {
    pub tab: SecurityTab,
    /// Shown above the tabs (the sign-in reminder to set the questions).
    #[prop_or_default]
    pub notice: Option<String>,
}

#[component]
pub fn SecurityPage(props: &SecurityProps) -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let tab = use_state(|| props.tab);
    // A fresh form after each change, so no password stays in a field.
    let generation = use_state(|| 0u32);
    let on_changed = {
        let generation = generation.clone();
        Callback::from(move |()| {
            workspace.toast("Your password was changed.");
            generation.set(*generation + 1);
        })
    };
    html! {
        <main class="page" id="security-page">
            <h1>{"Security"}</h1>
            if let Some(notice) = &props.notice {
                <p class="notice" id="security-notice" role="status">{notice}</p>
            }
            <div class="tabs" role="tablist" aria-label="Security">
                {tab_button(&tab, SecurityTab::Password, "tab-password", "Password")}
                {tab_button(&tab, SecurityTab::Questions, "tab-questions", "Security Questions")}
            </div>
            <section class="tab-panel narrow" role="tabpanel">
                { match *tab {
                    SecurityTab::Password => html! {
                        <PasswordForm key={*generation} {on_changed} />
                    },
                    SecurityTab::Questions => html! { <SecurityQuestionsTab /> },
                } }
            </section>
        </main>
    }
}

fn tab_button(current: &UseStateHandle<SecurityTab>, tab: SecurityTab, id: &'static str, label: &'static str) -> Html {
    let on_select = {
        let current = current.clone();
        Callback::from(move |()| current.set(tab))
    };
    html! { <TabButton {id} {label} selected={**current == tab} {on_select} /> }
}
