//! The header: the app mark at the upper left (Home) and the user's name at the right, which opens the
//! account menu (SPEC AC-1). Menu items appear as their features arrive; Logout is there from the start.

use super::icons;
use crate::pages::{SecurityTab, View};
use hiredesk_wire::{Role, UserProfile};
use web_sys::KeyboardEvent;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub user: UserProfile,
    pub current: View,
    pub on_home: Callback<()>,
    pub on_job_seekers: Callback<()>,
    pub on_requisitions: Callback<()>,
    /// Opens one of the account pages (Contact Information, Security, Settings).
    pub on_account: Callback<View>,
    pub on_logout: Callback<()>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    let open = use_state(|| false);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let close_on_escape = {
        let open = open.clone();
        Callback::from(move |event: KeyboardEvent| {
            if event.key() == "Escape" {
                open.set(false);
            }
        })
    };
    let logout = {
        let (open, on_logout) = (open.clone(), props.on_logout.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            on_logout.emit(());
        })
    };
    let account = |view: View| {
        let (open, on_account) = (open.clone(), props.on_account.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            on_account.emit(view.clone());
        })
    };
    let home = {
        let on_home = props.on_home.clone();
        Callback::from(move |_: MouseEvent| on_home.emit(()))
    };
    let job_seekers = {
        let on_job_seekers = props.on_job_seekers.clone();
        Callback::from(move |_: MouseEvent| on_job_seekers.emit(()))
    };
    let requisitions = {
        let on_requisitions = props.on_requisitions.clone();
        Callback::from(move |_: MouseEvent| on_requisitions.emit(()))
    };
    let in_job_seekers =
        matches!(props.current, View::JobSeekers | View::JobSeeker(_) | View::AddJobSeeker | View::Import);
    let in_requisitions = props.current == View::Requisitions;
    html! {
        <header class="app-header" onkeydown={close_on_escape}>
            <button type="button" class="home-button" id="home" onclick={home} title="Home">
                {icons::app_mark()}<span class="app-name">{"Hiredesk"}</span>
            </button>
            <nav class="main-nav" aria-label="Main">
                <button type="button" id="nav-job-seekers" onclick={job_seekers}
                    aria-current={in_job_seekers.then_some("page")}>{"Job Seekers"}</button>
                <button type="button" id="nav-requisitions" onclick={requisitions}
                    aria-current={in_requisitions.then_some("page")}>{"Requisitions"}</button>
                if props.user.role == Role::Administrator {
                    <button type="button" id="nav-administration" onclick={account(View::Administration)}
                        aria-current={(props.current == View::Administration).then_some("page")}>{"Administration"}</button>
                }
            </nav>
            <div class="account">
                <super::about::HelpMenu />
                <button
                    type="button"
                    id="account-menu"
                    class="account-button"
                    aria-haspopup="menu"
                    aria-expanded={open.to_string()}
                    onclick={toggle}
                >
                    <span id="user-name">{props.user.display_name()}</span>{icons::chevron_down()}
                </button>
                if *open {
                    <ul class="menu" role="menu" aria-label="Account">
                        <li role="none">
                            <button type="button" role="menuitem" id="menu-contact" onclick={account(View::ContactInformation)}
                                autofocus=true>{"Contact Information"}</button>
                        </li>
                        <li role="none">
                            <button type="button" role="menuitem" id="menu-security" onclick={account(View::Security(SecurityTab::Password))}>
                                {"Security"}
                            </button>
                        </li>
                        <li role="none">
                            <button type="button" role="menuitem" id="menu-settings" onclick={account(View::Settings)}>
                                {"Settings"}
                            </button>
                        </li>
                        <li role="none">
                            <button type="button" role="menuitem" id="logout" onclick={logout}>{"Logout"}</button>
                        </li>
                    </ul>
                }
            </div>
        </header>
    }
}
