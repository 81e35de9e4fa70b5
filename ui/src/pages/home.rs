//! Home: the dashboard, with the To-Do widget (SPEC NT-5): the user's open tasks, overdue first; a click
//! opens the job seeker on the Notes tab. Above it, while there are any, the offers awaiting this user's
//! approval (SPEC OF-9); a click opens the job seeker on the Offers tab.

use super::workspace::{DetailTab, WorkspaceContext};
use crate::ipc;
use hiredesk_wire::{PendingApproval, PendingApprovalsRequest, TodoItem, TodoRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    pub context: WorkspaceContext,
}

#[component]
pub fn HomePage(props: &HomeProps) -> Html {
    let todo = use_state(|| None::<Vec<TodoItem>>);
    let approvals = use_state(Vec::<PendingApproval>::new);
    {
        let (todo, approvals, context) = (todo.clone(), approvals.clone(), props.context.clone());
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ipc::call(context.token(), &PendingApprovalsRequest {}).await {
                    Ok(items) => approvals.set(items),
                    Err(failure) => drop(context.check(failure)),
                }
                match ipc::call(context.token(), &TodoRequest {}).await {
                    Ok(items) => todo.set(Some(items)),
                    Err(failure) => drop(context.check(failure)),
                }
            });
        });
    }
    let open = |job_seeker_id: i32, tab: DetailTab| {
        let open_job_seeker = props.context.open_job_seeker.clone();
        Callback::from(move |_: MouseEvent| open_job_seeker.emit((job_seeker_id, tab)))
    };
    let user = &props.context.session.user;
    html! {
        <main class="page" id="home-page">
            <h1>{"Home"}</h1>
            <p class="lead">{format!("Welcome, {}.", user.first_name)}</p>
            if !approvals.is_empty() {
                <section class="widget card-inline" aria-labelledby="approvals-title">
                    <h2 id="approvals-title">{"Offers Awaiting Your Approval"}</h2>
                    <ul class="todo" id="approvals">
                        { for approvals.iter().map(|waiting| html! {
                            <li>
                                <button type="button" class="link" id={format!("approval-{}", waiting.offer_id)}
                                    onclick={open(waiting.job_seeker_id, DetailTab::Offers)}>
                                    {format!("{} — {}", waiting.job_seeker, waiting.requisition)}
                                </button>
                                <span class="muted">{format!(" step {} of {}, from {}", waiting.step, waiting.steps, waiting.requested_by)}</span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section class="widget card-inline" aria-labelledby="todo-title">
                <h2 id="todo-title">{"To-Do"}</h2>
                if let Some(items) = &*todo {
                    if items.is_empty() {
                        <p class="muted" id="todo-empty">{"No open tasks. Tasks you add on a job seeker's Notes tab appear here."}</p>
                    } else {
                        <ul class="todo" id="todo">
                            { for items.iter().map(|item| {
                                html! {
                                    <li class={classes!(item.overdue.then_some("overdue"))}>
                                        <button type="button" class="link" id={format!("todo-{}", item.note_id)}
                                            onclick={open(item.job_seeker_id, DetailTab::Notes)}>
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
