//! Home: the dashboard, with the To-Do widget (SPEC NT-5): the user's open tasks, overdue first; a click
//! opens the job seeker on the Notes tab.

use super::workspace::WorkspaceContext;
use crate::ipc;
use hiredesk_wire::{TodoItem, TodoRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub context: WorkspaceContext,
}

#[component]
pub fn HomePage(props: &HomeProps) -> Html {
    let todo = use_state(|| None::<Vec<TodoItem>>);
    {
        let (todo, context) = (todo.clone(), props.context.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &TodoRequest {}).await {
                    Ok(items) => todo.set(Some(items)),
                    Err(failure) => drop(context.check(failure)),
                }
            });
        });
    }
    let user = &props.context.session.user;
    html! {
        <main class="page" id="home-page">
            <h1>{"Home"}</h1>
            <p class="lead">{format!("Welcome, {}.", user.first_name)}</p>
            <section class="widget card-inline" aria-labelledby="todo-title">
                <h2 id="todo-title">{"To-Do"}</h2>
                if let Some(items) = &*todo {
                    if items.is_empty() {
                        <p class="muted" id="todo-empty">{"No open tasks. Tasks you add on a job seeker's Notes tab appear here."}</p>
                    } else {
                        <ul class="todo" id="todo">
                            { for items.iter().map(|item| {
                                let open = {
                                    let (open_notes, id) = (props.context.open_notes.clone(), item.job_seeker_id);
                                    Callback::from(move |_: MouseEvent| open_notes.emit(id))
                                };
                                html! {
                                    <li class={classes!(item.overdue.then_some("overdue"))}>
                                        <button type="button" class="link" id={format!("todo-{}", item.note_id)} onclick={open}>
                                            {format!("{} — {}", item.job_seeker, item.text)}
                                        </button>
                                        <span class="muted">{format!(" due {}", item.due_date)}</span>
                                        if item.overdue { <strong class="overdue-label">{" overdue"}</strong> }
                                    </li>
                                }
                            }) }
                        </ul>
                    }
                }
            </section>
            <p class="muted">{format!("Signed in as {} ({}).", user.email, user.role.label())}</p>
        </main>
    }
}
