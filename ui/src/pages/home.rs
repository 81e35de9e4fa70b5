//! Home: the header and the dashboard. Widgets (the To-Do list, …) arrive with their features.

use crate::app::{Notice, Session};
use crate::components::header::Header;
use crate::ipc;
use hiredesk_wire::SignOutRequest;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub session: Session,
    pub on_signed_out: Callback<Option<Notice>>,
}

#[component]
pub fn HomePage(props: &HomeProps) -> Html {
    let on_logout = {
        let (token, on_signed_out) = (props.session.token.clone(), props.on_signed_out.clone());
        Callback::from(move |()| {
            let (token, on_signed_out) = (token.clone(), on_signed_out.clone());
            wasm_bindgen_futures::spawn_local(async move {
                // Whatever the answer (even an already-ended session), the user leaves for the sign-in screen.
                let _ = ipc::call(Some(&token), &SignOutRequest {}).await;
                on_signed_out.emit(Some(Notice::text("You have signed out.")));
            });
        })
    };
    let user = &props.session.user;
    html! {
        <div class="app">
            <Header user={user.clone()} on_home={Callback::noop()} {on_logout} />
            <main class="page" id="home-page">
                <h1>{"Home"}</h1>
                <p class="lead">{format!("Welcome, {}.", user.first_name)}</p>
                <p class="muted">{format!("Signed in as {} ({}).", user.email, user.role.label())}</p>
            </main>
        </div>
    }
}
