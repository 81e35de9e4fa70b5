//! Home: the dashboard, with the To-Do widget (SPEC NT-5): the user's open tasks, overdue first; a click
//! opens the job seeker on the Notes tab. Above it, while there are any, the offers awaiting this user's
//! approval (SPEC OF-9); a click opens the job seeker on the Offers tab. In team mode, every change the server
//! reports (this desktop's own included) asks for both again; what is on screen stays until the new answers
//! replace it (mounting Home afresh blanked the list for a round trip, and a click then found nothing).
//!
//! The To-Do shows the first [`SHOWN_AT_FIRST`] tasks (the most urgent) and a button for the rest: a long list
//! costs the page to build and to take down again on every visit (at 20,000 open tasks, the seeded benchmark
//! data, leaving Home took 400 ms before the next page could start).

use crate::hooks::command::use_command_with;
use crate::hooks::team_status::use_reload_on_change;
use crate::session::SessionContext;
use crate::workspace_context::{DetailTab, WorkspaceContext};
use hiredesk_wire::{PendingApprovalsRequest, TodoRequest};
use yew::prelude::*;

/// How many open tasks the To-Do shows before "Show all".
const SHOWN_AT_FIRST: usize = 50;

#[derive(Properties, PartialEq)]
pub struct HomeProps {
    /// The team server's count of changes: when it moves, the To-Do list and the approvals are asked for again
    /// (always 0 on a solo desktop).
    pub changes: u64,
}

#[component]
pub fn HomePage(props: &HomeProps) -> Html {
    let (Some(signed_in), Some(workspace)) = (use_context::<SessionContext>(), use_context::<WorkspaceContext>())
    else {
        return html! {};
    };
    let approvals = use_command_with(PendingApprovalsRequest {});
    let todo = use_command_with(TodoRequest {});
    {
        let (approvals, todo) = (approvals.clone(), todo.clone());
        use_reload_on_change(props.changes, move || {
            approvals.run(PendingApprovalsRequest {});
            todo.run(TodoRequest {});
        });
    }
    let show_all = use_state(|| false);
    let open = |job_seeker_id: i32, tab: DetailTab| {
        let workspace = workspace.clone();
        Callback::from(move |_: MouseEvent| workspace.open_job_seeker(job_seeker_id, tab))
    };
    let approvals = approvals.answer().map(Vec::as_slice).unwrap_or_default();
    let user = &signed_in.session.user;
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
                                <span class="muted">
                                    {format!(" step {} of {}, from {}", waiting.step, waiting.steps,
                                        waiting.requested_by)}
                                </span>
                            </li>
                        }) }
                    </ul>
                </section>
            }
            <section class="widget card-inline" aria-labelledby="todo-title">
                <h2 id="todo-title">{"To-Do"}</h2>
                if let Some(items) = todo.answer() {
                    if items.is_empty() {
                        <p class="muted" id="todo-empty">
                            {"No open tasks. Tasks you add on a job seeker's Notes tab appear here."}
                        </p>
                    } else {
                        <ul class="todo" id="todo">
                            { for items.iter().take(if *show_all { items.len() } else { SHOWN_AT_FIRST }).map(|item| {
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
                        if items.len() > SHOWN_AT_FIRST && !*show_all {
                            <button type="button" id="todo-all" onclick={{
                                let show_all = show_all.clone();
                                Callback::from(move |_: MouseEvent| show_all.set(true))
                            }}>
                                {format!("Show all {} open tasks", items.len())}
                            </button>
                        }
                    }
                }
            </section>
            <p class="muted">{format!("Signed in as {} ({}).", user.email, user.role.label())}</p>
        </main>
    }
}
