//! The header: the app mark at the upper left (Home) and the user's name at the right, which opens the
//! account menu (SPEC AC-1). Menu items appear as their features arrive; Logout is there from the start.

use super::icons;
use crate::hooks::focus::{menu_keys, use_focus_when};
use crate::perf::{self, Interaction};
use crate::session::SessionContext;
use crate::workspace_context::{SecurityTab, View, WorkspaceContext};
use hiredesk_wire::Role;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    pub on_logout: Callback<()>,
}

#[component]
pub fn Header(props: &HeaderProps) -> Html {
    // The header belongs to the workspace, which provides both.
    let (Some(signed_in), Some(workspace)) = (use_context::<SessionContext>(), use_context::<WorkspaceContext>())
    else {
        return html! {};
    };
    let open = use_state(|| false);
    use_focus_when("menu-contact", *open);
    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };
    let menu_keys = menu_keys(open.clone(), "account-menu");
    let logout = {
        let (open, on_logout) = (open.clone(), props.on_logout.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            on_logout.emit(());
        })
    };
    // The account pages also close the menu.
    let account = |view: View| {
        let (open, workspace) = (open.clone(), workspace.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(false);
            workspace.navigate(view.clone());
        })
    };
    let current = workspace.view();
    let in_job_seekers = matches!(current, View::JobSeekers | View::JobSeeker(_) | View::AddJobSeeker | View::Import);
    let in_requisitions = *current == View::Requisitions;
    let user = &signed_in.session.user;
    html! {
        <header class="app-header">
            <button type="button" class="home-button" id="home" onclick={workspace.go_to(View::Home)} title="Home">
                {icons::app_mark()}<span class="app-name">{"Hiredesk"}</span>
            </button>
            <nav class="main-nav" aria-label="Main">
                <button type="button" id="nav-job-seekers"
                    onclick={perf::timed(Interaction::JobSeekerList, workspace.go_to(View::JobSeekers))}
                    aria-current={in_job_seekers.then_some("page")}>{"Job Seekers"}</button>
                <button type="button" id="nav-requisitions" onclick={workspace.go_to(View::Requisitions)}
                    aria-current={in_requisitions.then_some("page")}>{"Requisitions"}</button>
                if user.role == Role::Administrator {
                    <button type="button" id="nav-administration" onclick={account(View::Administration)}
                        aria-current={(*current == View::Administration).then_some("page")}>{"Administration"}</button>
                }
            </nav>
            <div class="account">
                <super::search::SearchBox />
                <super::about::HelpMenu />
                <button
                    type="button"
                    id="account-menu"
                    class="account-button"
                    aria-haspopup="menu"
                    aria-expanded={open.to_string()}
                    onclick={toggle}
                >
                    <span id="user-name">{user.display_name()}</span>{icons::chevron_down()}
                </button>
                if *open {
                    <ul class="menu" role="menu" aria-label="Account" onkeydown={menu_keys}>
                        <li role="none">
                            <button type="button" role="menuitem" id="menu-contact"
                                onclick={account(View::ContactInformation)} >
                                {"Contact Information"}
                            </button>
                        </li>
                        <li role="none">
                            <button type="button" role="menuitem" id="menu-security"
                                onclick={account(View::Security(SecurityTab::Password))}>
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
