//! Administration (Administrators only; the core refuses everyone else): Users, Security Policy, Notification
//! Defaults, Outgoing Mail and Offer Templates.

mod mail_settings;
mod offer_templates;
mod policy;
mod users;

use super::notifications::NotificationSwitches;
use crate::components::tab_button::TabButton;
use mail_settings::MailSettingsTab;
use offer_templates::OfferTemplatesTab;
use policy::PolicyTab;
use users::UsersTab;
use yew::prelude::*;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Users,
    Policy,
    Notifications,
    Mail,
    OfferTemplates,
}

#[component]
pub fn AdministrationPage() -> Html {
    let tab = use_state(|| Tab::Users);
    let button = |which: Tab, id: &'static str, label: &'static str| {
        let on_select = {
            let tab = tab.clone();
            Callback::from(move |()| tab.set(which))
        };
        html! { <TabButton {id} {label} selected={*tab == which} {on_select} /> }
    };
    html! {
        <main class="page" id="administration-page">
            <h1>{"Administration"}</h1>
            <div class="tabs" role="tablist" aria-label="Administration">
                {button(Tab::Users, "tab-users", "Users")}
                {button(Tab::Policy, "tab-policy", "Security Policy")}
                {button(Tab::Notifications, "tab-notification-defaults", "Notification Defaults")}
                {button(Tab::Mail, "tab-mail", "Outgoing Mail")}
                {button(Tab::OfferTemplates, "tab-offer-templates", "Offer Templates")}
            </div>
            <section class="tab-panel" role="tabpanel">
                { match *tab {
                    Tab::Users => html! { <UsersTab /> },
                    Tab::Policy => html! { <PolicyTab /> },
                    Tab::Mail => html! { <MailSettingsTab /> },
                    Tab::OfferTemplates => html! { <OfferTemplatesTab /> },
                    Tab::Notifications => html! {
                        <NotificationSwitches organisation_defaults=true />
                    },
                } }
            </section>
        </main>
    }
}
