//! The Communication tab (SPEC CO-1): every email to the job seeker, newest first, with who caused it and
//! its delivery state (queued, sent, failed with the server's last answer). A body opens below its row; a
//! failed email can be sent again.

use crate::components::form::form_error;
use crate::components::list_table::ListTable;
use crate::components::toolbar::Toolbar;
use crate::hooks::command::{use_command, use_command_with_then};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{CommunicationRequest, EmailStatus, EmailView, ResendEmailRequest};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CommunicationTabProps {
    pub job_seeker_id: i32,
}

const COLUMNS: &[&str] = &["Subject", "To", "Written", "By", "Status"];

#[component]
pub fn CommunicationTab(props: &CommunicationTabProps) -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    // The list as loaded, or as a resend answered it.
    let emails = use_state(|| None::<Vec<EmailView>>);
    let open = use_state(|| None::<i32>);
    let request = CommunicationRequest { job_seeker_id: props.job_seeker_id };
    let load = {
        let emails = emails.clone();
        use_command_with_then(request.clone(), move |answer| emails.set(Some(answer.clone())))
    };
    let resend_email = use_command::<ResendEmailRequest>();
    let refresh = {
        let (load, emails) = (load.clone(), emails.clone());
        Callback::from(move |_: MouseEvent| {
            let emails = emails.clone();
            load.run_then(request.clone(), move |answer| emails.set(Some(answer.clone())));
        })
    };
    let toggle = |id: i32| {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(if *open == Some(id) { None } else { Some(id) }))
    };
    let resend = |id: i32| {
        let (emails, resend_email, workspace) = (emails.clone(), resend_email.clone(), workspace.clone());
        Callback::from(move |_: MouseEvent| {
            let (emails, workspace) = (emails.clone(), workspace.clone());
            resend_email.run_then(ResendEmailRequest { id }, move |answer| {
                emails.set(Some(answer.clone()));
                workspace.toast("The email is queued again.");
            });
        })
    };
    let error = resend_email.error().or(load.error());
    let Some(list) = &*emails else {
        return html! { <div id="communication-panel">{form_error(error)}<p class="muted">{"Loading…"}</p></div> };
    };
    html! {
        <div class="communication" id="communication-panel">
            <Toolbar>
                <button type="button" id="refresh-communication" onclick={refresh}>{"Refresh"}</button>
            </Toolbar>
            {form_error(error)}
            if list.is_empty() {
                <p class="muted" id="no-emails">{"No email has been sent to this job seeker."}</p>
            } else {
                <ListTable id="communication-list" columns={COLUMNS} actions="">
                    { for list.iter().map(|email| html! {
                        <>
                            <tr id={format!("email-{}", email.id)} class="email-row">
                                <td class="email-subject">{&email.subject}</td>
                                <td>{&email.to}</td>
                                <td>{&email.at}</td>
                                <td>{&email.user}</td>
                                <td>
                                    <span class={classes!("status", format!("status-{}", email.status.as_str()))}>
                                        {email.status.label()}
                                    </span>
                                    if let Some(last) = &email.last_error {
                                        <span class="muted email-error">{format!(" — {last}")}</span>
                                    }
                                </td>
                                <td class="row-actions">
                                    <button type="button" id={format!("view-email-{}", email.id)}
                                        onclick={toggle(email.id)}>
                                        { if *open == Some(email.id) { "Hide" } else { "View" } }
                                    </button>
                                    if email.status == EmailStatus::Failed {
                                        <button type="button" id={format!("resend-email-{}", email.id)}
                                            onclick={resend(email.id)}>{"Resend"}</button>
                                    }
                                </td>
                            </tr>
                            if *open == Some(email.id) {
                                <tr class="email-body-row">
                                    <td colspan="6">
                                        <pre class="email-body" id={format!("email-body-{}", email.id)}>
                                            {&email.text}
                                        </pre>
                                    </td>
                                </tr>
                            }
                        </>
                    }) }
                </ListTable>
            }
        </div>
    }
}
