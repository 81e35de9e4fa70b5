//! The Offers tab (SPEC OF-1 to OF-10), shown while an application is at stage Offer. The left column holds
//! the template drop-down and one field per tag of the chosen template, pre-filled from the database; \[Save\]
//! renders the preview on the right with every merged value highlighted; the lower toolbar has the actions
//! core allows now and the status tagline. [View History] lists every action on the offer.
//!
//! The preview is HTML made by core, where every value and the template's own text are escaped; it is the
//! only HTML this UI inserts unparsed.

mod state;

use crate::components::field::{SelectField, TextAreaField};
use crate::components::form::{field_error, form_error};
use crate::components::list_table::ListTable;
use crate::components::toolbar::Toolbar;
use crate::hooks::command::use_command;
use crate::hooks::team_status::use_reload_on_change;
use crate::shortcuts;
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{
    ApplicationView, IpcError, OfferAction, OfferActionKind, OfferActionRequest, OfferStatus, OfferTab,
    OfferTabRequest, OfferTag, OfferTagsRequest, SaveOfferRequest,
};
use state::{Action, OffersState};
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The columns of View History.
const HISTORY_COLUMNS: &[&str] = &["Version", "Action", "User", "When", "Comment"];

#[derive(Properties, PartialEq)]
pub struct OffersTabProps {
    /// The applications at stage Offer (at least one).
    pub applications: Vec<ApplicationView>,
    /// The team server's count of changes: when it moves, the offer is asked for again (an approval given on
    /// another desktop enables Send here) without losing tags being typed.
    #[prop_or_default]
    pub changes: u64,
}

#[component]
pub fn OffersTab(props: &OffersTabProps) -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let state = use_reducer(|| {
        OffersState::new(props.applications.first().map(|application| application.id).unwrap_or_default())
    });
    let load = use_command::<OfferTabRequest>();
    let tags = use_command::<OfferTagsRequest>();
    let save_offer = use_command::<SaveOfferRequest>();
    let act_on_offer = use_command::<OfferActionRequest>();
    // The tab loads for each application; its answer, or core's refusal, goes through the reducer as every
    // other command's does.
    {
        let (load, state) = (load.clone(), state.clone());
        use_effect_with(state.application_id, move |application_id| {
            load.run_settled(OfferTabRequest { application_id: *application_id }, settle(&state, || ()));
        });
    }
    {
        let (load, state) = (load.clone(), state.clone());
        use_reload_on_change(props.changes, move || {
            let request = OfferTabRequest { application_id: state.application_id };
            load.run_settled(request, move |outcome| {
                if let Ok(tab) = outcome {
                    state.dispatch(Action::Refresh(Box::new(tab.clone())));
                }
            });
        });
    }
    let busy = save_offer.loading() || act_on_offer.loading();
    let form = &state.form;
    let error = state.error.as_ref();

    let status = state.offer().map(|offer| offer.status);
    let editable = matches!(status, None | Some(OfferStatus::Draft));
    let can = |kind: OfferActionKind| state.offer().is_some_and(|offer| offer.actions.contains(&kind));

    let on_template = {
        let (state, tags) = (state.clone(), tags.clone());
        Callback::from(move |value: String| {
            let Ok(template_id) = value.parse::<i32>() else {
                return;
            };
            let request = OfferTagsRequest { application_id: state.application_id, template_id };
            let state = state.clone();
            tags.run_settled(request, move |outcome| match outcome {
                Ok(tags) => state.dispatch(Action::ChooseTemplate { template_id, tags: tags.clone() }),
                Err(failure) => state.dispatch(Action::Fail(failure.clone())),
            });
        })
    };
    let set_tag = |name: String| {
        let state = state.clone();
        Callback::from(move |value: String| state.dispatch(Action::SetTag { name: name.clone(), value }))
    };
    let on_expiry = {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            state.dispatch(Action::SetExpiry(event.target_unchecked_into::<HtmlInputElement>().value()));
        })
    };
    let save = {
        let (state, save_offer) = (state.clone(), save_offer.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(template_id) = state.form.template_id else {
                state.dispatch(Action::refuse("template", "Choose a template first."));
                return;
            };
            let request = SaveOfferRequest {
                application_id: state.application_id,
                template_id,
                values: state.form.tags.iter().map(|tag| (tag.name.clone(), tag.value.clone())).collect(),
                expires_on: state.form.expires_on.clone(),
            };
            save_offer.run_settled(request, settle(&state, || ()));
        })
    };
    let act = {
        let (state, act_on_offer, workspace) = (state.clone(), act_on_offer.clone(), workspace.clone());
        move |action: OfferAction, done: &'static str| {
            let Some(offer_id) = state.offer().map(|offer| offer.id) else { return };
            let workspace = workspace.clone();
            act_on_offer
                .run_settled(OfferActionRequest { offer_id, action }, settle(&state, move || workspace.toast(done)));
        }
    };
    let button =
        |kind: OfferActionKind, id: &'static str, label: &'static str, action: OfferAction, done: &'static str| {
            let act = act.clone();
            let onclick = Callback::from(move |_: MouseEvent| act(action.clone(), done));
            let disabled = busy || form.dirty || !can(kind);
            let primary = matches!(kind, OfferActionKind::Send | OfferActionKind::Approve);
            // Send Offer is the one the Send shortcut presses.
            let send = (kind == OfferActionKind::Send).then_some("send");
            let title = send.map(|_| shortcuts::titled(label, shortcuts::Action::Send));
            html! {
                <button type="button" {id} class={classes!(primary.then_some("primary"))} {disabled} {onclick}
                    data-shortcut={send} {title}>
                    {label}
                </button>
            }
        };
    let dispatch = |action: fn() -> Action| {
        let state = state.clone();
        Callback::from(move |_: MouseEvent| state.dispatch(action()))
    };
    let record = {
        let (state, act) = (state.clone(), act.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(current) = state.response.clone() else { return };
            let Some(accepted) = current.accepted else {
                state.dispatch(Action::refuse("response", "Choose Accepted or Declined."));
                return;
            };
            let action = OfferAction::RecordResponse { accepted, date: current.date, comment: current.comment };
            act(action, if accepted { "Offer accepted." } else { "Offer declined." });
        })
    };
    let on_application = {
        let state = state.clone();
        Callback::from(move |value: String| {
            if let Ok(id) = value.parse() {
                state.dispatch(Action::ChooseApplication(id));
            }
        })
    };
    let rescind = OfferAction::Rescind { comment: String::new() };

    let Some(current) = state.tab.as_deref() else {
        return html! {
            <div class="offers" id="offers-panel">{form_error(error)}<p class="muted">{"Loading…"}</p></div>
        };
    };
    let offer = current.offer.as_ref();
    let needs_approval = offer.is_some_and(|offer| offer.needs_approval);
    let on_accepted = |accepted: bool| {
        let state = state.clone();
        Callback::from(move |_: Event| state.dispatch(Action::SetAccepted(accepted)))
    };
    let on_response_date = {
        let state = state.clone();
        Callback::from(move |event: InputEvent| {
            state.dispatch(Action::SetResponseDate(event.target_unchecked_into::<HtmlInputElement>().value()));
        })
    };
    let on_response_comment = {
        let state = state.clone();
        Callback::from(move |comment: String| state.dispatch(Action::SetResponseComment(comment)))
    };
    let invalid = |field: &str| field_error(error, field).is_some().then_some("invalid");
    html! {
        <div class="offers" id="offers-panel">
            {form_error(error)}
            <div class="offer-columns">
                <div class="offer-left" id="offer-left">
                    if props.applications.len() > 1 {
                        <SelectField id="offer-requisition" label="Requisition" onchange={on_application}>
                            { for props.applications.iter().map(|choice| html! {
                                <option value={choice.id.to_string()} selected={state.application_id == choice.id}>
                                    {&choice.requisition}
                                </option>
                            }) }
                        </SelectField>
                    }
                    <SelectField id="offer-template" label="Offer Templates" error={field_error(error, "template")}
                        disabled={!editable} onchange={on_template}>
                        <option value="" selected={form.template_id.is_none()} disabled=true>
                            {"Choose a template…"}
                        </option>
                        { for current.templates.iter().map(|(id, name)| html! {
                            <option value={id.to_string()} selected={form.template_id == Some(*id)}>{name}</option>
                        }) }
                    </SelectField>
                    { for form.tags.iter().map(|tag| tag_field(tag, editable, set_tag(tag.name.clone()))) }
                    if form.template_id.is_some() {
                        <div class={classes!("field", invalid("expires_on"))}>
                            <label for="offer-expires">{"Offer expires after (MM/DD/YYYY, optional)"}</label>
                            <input id="offer-expires" type="text" placeholder="MM/DD/YYYY"
                                value={form.expires_on.clone()} readonly={!editable} oninput={on_expiry} />
                            if let Some(message) = field_error(error, "expires_on") {
                                <p class="field-error" id="offer-expires-error">{message}</p>
                            }
                        </div>
                    }
                    if offer.is_some() {
                        <button type="button" id="view-offer-history" onclick={dispatch(|| Action::ToggleHistory)}
                            aria-expanded={state.show_history.to_string()}>
                            { if state.show_history { "Hide History" } else { "View History" } }
                        </button>
                    }
                </div>
                <div class="offer-right">
                    if state.show_history {
                        <section class="offer-history card-inline" id="offer-history" aria-label="Offer history">
                            <h3>{"Offer History"}</h3>
                            <ListTable columns={HISTORY_COLUMNS}>
                                { for current.events.iter().map(|event| html! {
                                    <tr class="offer-event">
                                        <td>{event.version}</td>
                                        <td class="offer-action">{&event.action}</td>
                                        <td>{&event.user}</td>
                                        <td>{&event.at}</td>
                                        <td>{&event.comment}</td>
                                    </tr>
                                }) }
                            </ListTable>
                            <div class="actions">
                                <span class="muted">{"Offer Actions: "}</span>
                                if can(OfferActionKind::Rescind) {
                                    {button(OfferActionKind::Rescind, "history-rescind", "Rescind Offer",
                                        rescind.clone(), "Offer rescinded.")}
                                }
                                if can(OfferActionKind::Send) {
                                    {button(OfferActionKind::Send, "history-send", "Send Offer", OfferAction::Send,
                                        "Offer sent.")}
                                }
                                <button type="button" id="history-view" onclick={dispatch(|| Action::ToggleHistory)}>
                                    {"View Offer"}
                                </button>
                            </div>
                        </section>
                    } else if let Some(offer) = offer {
                        <section class="offer-preview" id="offer-preview" aria-label="Letter preview">
                            <p class="offer-subject">
                                <span class="muted">{"Subject: "}</span><span id="offer-subject">{&offer.subject}</span>
                            </p>
                            if !offer.missing.is_empty() {
                                <p class="form-error" id="offer-missing" role="status">
                                    {format!("Still to fill in before sending: {}.", offer.missing.join(", "))}
                                </p>
                            }
                            if form.dirty {
                                <p class="muted" id="offer-stale">
                                    {"You changed the tags: click Save to see the letter with them."}
                                </p>
                            }
                            <div class="letter" id="offer-letter">
                                {Html::from_html_unchecked(AttrValue::from(offer.preview_html.clone()))}
                            </div>
                            if !offer.approvals.is_empty() {
                                <ol class="approval-steps" id="approval-steps">
                                    { for offer.approvals.iter().map(|step| html! {
                                        <li>
                                            {&step.approver}{" — "}
                                            { step.approved.as_deref().map(|at| format!("approved {at}"))
                                                .unwrap_or_else(|| "waiting".into()) }
                                        </li>
                                    }) }
                                </ol>
                            }
                        </section>
                    } else {
                        <p class="muted offer-empty" id="offer-empty">
                            {"Choose a template, fill in the tags and click Save to see the letter."}
                        </p>
                    }
                    if let Some(answer) = &state.response {
                        <section class="card-inline offer-response" id="offer-response"
                            aria-label="Record the response">
                            <div class={classes!("field", invalid("response"))}>
                                <span class="label">{"Response"}</span>
                                <label>
                                    <input type="radio" name="offer-answer" id="response-accepted"
                                        checked={answer.accepted == Some(true)} onchange={on_accepted(true)} />
                                    {" Accepted"}
                                </label>
                                <label>
                                    <input type="radio" name="offer-answer" id="response-declined"
                                        checked={answer.accepted == Some(false)} onchange={on_accepted(false)} />
                                    {" Declined"}
                                </label>
                                if let Some(message) = field_error(error, "response") {
                                    <p class="field-error">{message}</p>
                                }
                            </div>
                            <div class={classes!("field", invalid("response_date"))}>
                                <label for="response-date">{"Date (MM/DD/YYYY)"}</label>
                                <input id="response-date" type="text" value={answer.date.clone()}
                                    oninput={on_response_date} />
                                if let Some(message) = field_error(error, "response_date") {
                                    <p class="field-error" id="response-date-error">{message}</p>
                                }
                            </div>
                            <TextAreaField id="response-comment" label="Comment (optional)" rows={2}
                                value={answer.comment.clone()} oninput={on_response_comment} />
                            <div class="actions">
                                <button type="button" class="primary" id="save-response" onclick={record}>
                                    {"Save Response"}
                                </button>
                                <button type="button" id="cancel-response"
                                    onclick={dispatch(|| Action::CancelResponse)}>
                                    {"Cancel"}
                                </button>
                            </div>
                        </section>
                    }
                </div>
            </div>
            <Toolbar id="offer-toolbar" class="offer-toolbar">
                if editable {
                    <button type="button" id="save-offer" data-shortcut="save"
                        title={shortcuts::titled("Save", shortcuts::Action::Save)} onclick={save}
                        disabled={busy || form.template_id.is_none()}>
                        {"Save"}
                    </button>
                }
                if needs_approval && editable {
                    {button(OfferActionKind::RequestApproval, "request-approval", "Request Approval",
                        OfferAction::RequestApproval, "Approval requested.")}
                }
                if can(OfferActionKind::Approve) {
                    {button(OfferActionKind::Approve, "approve-offer", "Approve", OfferAction::Approve, "Approved.")}
                }
                if (!needs_approval && editable) || can(OfferActionKind::Send) {
                    {button(OfferActionKind::Send, "send-offer", "Send Offer", OfferAction::Send,
                        "Offer sent. It is on the Communication tab.")}
                }
                if can(OfferActionKind::RecordResponse) {
                    <button type="button" id="record-response" onclick={dispatch(|| Action::StartResponse)}
                        disabled={state.response.is_some()}>{"Record Response"}</button>
                }
                if can(OfferActionKind::SendNewOffer) {
                    {button(OfferActionKind::SendNewOffer, "send-new-offer", "Send New Offer",
                        OfferAction::SendNewOffer, "A new version was started from the previous one.")}
                }
                if can(OfferActionKind::Rescind) {
                    {button(OfferActionKind::Rescind, "rescind-offer", "Rescind Offer", rescind, "Offer rescinded.")}
                }
                <span class="spacer"></span>
                <span class="offer-status" id="offer-status">
                    { offer.map(|offer| format!("Version {} · {}", offer.version, offer.tagline))
                        .unwrap_or_else(|| "No offer yet".into()) }
                </span>
            </Toolbar>
        </div>
    }
}

/// One field of the tag column; a filled tag that was changed gets the "not recommended" hint.
fn tag_field(tag: &OfferTag, editable: bool, oninput: Callback<String>) -> Html {
    let id = format!("tag-{}", tag.name);
    let multiline = tag.value.contains('\n') || tag.name == "job_seeker_address";
    let input = if multiline {
        let oninput = Callback::from(move |event: InputEvent| {
            oninput.emit(event.target_unchecked_into::<HtmlTextAreaElement>().value())
        });
        html! { <textarea id={id.clone()} rows="3" value={tag.value.clone()} readonly={!editable} {oninput} /> }
    } else {
        let oninput = Callback::from(move |event: InputEvent| {
            oninput.emit(event.target_unchecked_into::<HtmlInputElement>().value())
        });
        html! { <input id={id.clone()} type="text" value={tag.value.clone()} readonly={!editable} {oninput} /> }
    };
    let empty = tag.value.trim().is_empty();
    html! {
        <div class={classes!("field", "offer-tag", tag.filled.is_some().then_some("filled"),
            empty.then_some("empty"))}>
            <label for={id.clone()}>
                {&tag.label}
                if tag.filled.is_some() { <span class="muted">{" (from the database)"}</span> }
            </label>
            {input}
            if tag.overridden() {
                <p class="hint not-recommended" id={format!("{id}-hint")}>
                    {format!("Changing a value from the database is not recommended (it holds “{}”).",
                        tag.filled.as_deref().unwrap_or_default())}
                </p>
            }
        </div>
    }
}

/// What follows a command that answers with the tab: show the answer and do `then` (a toast), or show
/// core's refusal.
fn settle(
    state: &UseReducerHandle<OffersState>,
    then: impl FnOnce() + 'static,
) -> impl FnOnce(Result<&OfferTab, &IpcError>) + 'static {
    let state = state.clone();
    move |outcome| match outcome {
        Ok(tab) => {
            state.dispatch(Action::Show(Box::new(tab.clone())));
            then();
        }
        Err(failure) => state.dispatch(Action::Fail(failure.clone())),
    }
}
