//! Home: the dashboard. Widgets (the To-Do list, …) arrive with their features.

use hiredesk_wire::UserProfile;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub user: UserProfile,
}

#[component]
pub fn HomePage(props: &HomeProps) -> Html {
    let user = &props.user;
    html! {
        <main class="page" id="home-page">
            <h1>{"Home"}</h1>
            <p class="lead">{format!("Welcome, {}.", user.first_name)}</p>
            <p class="muted">{format!("Signed in as {} ({}).", user.email, user.role.label())}</p>
        </main>
    }
}
