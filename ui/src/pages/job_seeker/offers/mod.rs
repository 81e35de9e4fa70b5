//! The Offers tab (SPEC OF-1 to OF-10), shown while an application is at stage Offer. The left column holds
//! the template drop-down and one field per tag of the chosen template, pre-filled from the database; [Save]
//! renders the preview on the right with every merged value highlighted; the lower toolbar has the actions
//! core allows now and the status tagline. [View History] lists every action on the offer.
//!
//! The preview is HTML made by core, where every value and the template's own text are escaped; it is the
//! only HTML this UI inserts unparsed.

use crate::components::form::{field_error, form_error};
use crate::hooks::command::use_caller;
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{
    ApplicationView, IpcError, OfferAction, OfferActionKind, OfferActionRequest, OfferStatus, OfferTab,
    OfferTabRequest, OfferTag, OfferTagsRequest, SaveOfferRequest,
};
use std::collections::BTreeMap;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct OffersTabProps {
    /// The applications at stage Offer (at least one).
    pub applications: Vec<ApplicationView>,
}

/// What the recruiter is typing: the chosen template, the tag column and the expiry date.
#[derive(Clone, PartialEq, Default)]
struct Form {
    template_id: Option<i32>,
    tags: Vec<OfferTag>,
    expires_on: String,
    /// Changed since the last [Save]: the preview is stale and the letter cannot be sent yet.
    dirty: bool,
}

impl Form {
    fn from_tab(tab: &OfferTab) -> Form {
        match &tab.offer {
            Some(offer) => Form {
                template_id: Some(offer.template_id),
                tags: offer.tags.clone(),
                expires_on: offer.expires_on.clone(),
                dirty: false,
            },
            None => Form::default(),
        }
    }
}

/// The response form of [Record Response].
#[derive(Clone, PartialEq, Default)]
struct Response {
    accepted: Option<bool>,
    date: String,
    comment: String,
}

#[component]
pub fn OffersTab(props: &OffersTabProps) -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let caller = use_caller();
    let application = use_state(|| props.applications.first().map(|application| application.id).unwrap_or_default());
    let tab = use_state(|| None::<OfferTab>);
    let form = use_state(Form::default);
    let error = use_state(|| None::<IpcError>);
    let show_history = use_state(|| false);
    let response = use_state(|| None::<Response>);
    let busy = use_state(|| false);

    let show = {
        let (tab, form, error, response) = (tab.clone(), form.clone(), error.clone(), response.clone());
        move |answer: OfferTab| {
            form.set(Form::from_tab(&answer));
            tab.set(Some(answer));
            error.set(None);
            response.set(None);
        }
    };
    {
        let (context, error, show) = (caller.clone(), error.clone(), show.clone());
        use_effect_with(*application, move |application_id| {
            let request = OfferTabRequest { application_id: *application_id };
            wasm_bindgen_futures::spawn_local(async move {
                match context.call(&request).await {
                    Ok(answer) => show(answer),
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        });
    }

    let status = tab.as_ref().and_then(|tab| tab.offer.as_ref()).map(|offer| offer.status);
    let editable = matches!(status, None | Some(OfferStatus::Draft));
    let can = |kind: OfferActionKind| {
        tab.as_ref().and_then(|tab| tab.offer.as_ref()).is_some_and(|offer| offer.actions.contains(&kind))
    };

    let on_template = {
        let (form, error, context, application) = (form.clone(), error.clone(), caller.clone(), application.clone());
        Callback::from(move |event: Event| {
            let Ok(template_id) = event.target_unchecked_into::<HtmlSelectElement>().value().parse::<i32>() else {
                return;
            };
            let (form, error, context) = (form.clone(), error.clone(), context.clone());
            let request = OfferTagsRequest { application_id: *application, template_id };
            wasm_bindgen_futures::spawn_local(async move {
                match context.call(&request).await {
                    Ok(tags) => {
                        // Keep what was typed for tags the new template shares with the old one.
                        let typed: BTreeMap<String, String> = form
                            .tags
                            .iter()
                            .filter(|tag| tag.filled.is_none())
                            .map(|tag| (tag.name.clone(), tag.value.clone()))
                            .collect();
                        let tags = tags
                            .into_iter()
                            .map(|tag| match typed.get(&tag.name) {
                                Some(value) if tag.filled.is_none() => OfferTag { value: value.clone(), ..tag },
                                _ => tag,
                            })
                            .collect();
                        form.set(Form { template_id: Some(template_id), tags, dirty: true, ..(*form).clone() });
                        error.set(None);
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
            });
        })
    };
    let set_tag = |name: String| {
        let form = form.clone();
        Callback::from(move |value: String| {
            let mut next = (*form).clone();
            if let Some(tag) = next.tags.iter_mut().find(|tag| tag.name == name) {
                tag.value = value;
            }
            next.dirty = true;
            form.set(next);
        })
    };
    let on_expiry = {
        let form = form.clone();
        Callback::from(move |event: InputEvent| {
            form.set(Form {
                expires_on: event.target_unchecked_into::<HtmlInputElement>().value(),
                dirty: true,
                ..(*form).clone()
            });
        })
    };
    let save = {
        let (form, error, context, application, show, busy) =
            (form.clone(), error.clone(), caller.clone(), application.clone(), show.clone(), busy.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(template_id) = form.template_id else {
                error.set(Some(IpcError::validation(vec![hiredesk_wire::FieldError {
                    field: "template".into(),
                    message: "Choose a template first.".into(),
                }])));
                return;
            };
            let request = SaveOfferRequest {
                application_id: *application,
                template_id,
                values: form.tags.iter().map(|tag| (tag.name.clone(), tag.value.clone())).collect(),
                expires_on: form.expires_on.clone(),
            };
            let (error, context, show, busy) = (error.clone(), context.clone(), show.clone(), busy.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match context.call(&request).await {
                    Ok(answer) => show(answer),
                    Err(failure) => error.set(context.check(failure)),
                }
                busy.set(false);
            });
        })
    };
    let act = {
        let (tab, error, context, show, busy, workspace) =
            (tab.clone(), error.clone(), caller.clone(), show.clone(), busy.clone(), workspace.clone());
        move |action: OfferAction, done: &'static str| {
            let Some(offer_id) = tab.as_ref().and_then(|tab| tab.offer.as_ref()).map(|offer| offer.id) else { return };
            let (error, context, show, busy, workspace) =
                (error.clone(), context.clone(), show.clone(), busy.clone(), workspace.clone());
            busy.set(true);
            wasm_bindgen_futures::spawn_local(async move {
                match context.call(&OfferActionRequest { offer_id, action }).await {
                    Ok(answer) => {
                        show(answer);
                        workspace.toast(done);
                    }
                    Err(failure) => error.set(context.check(failure)),
                }
                busy.set(false);
            });
        }
    };
    let button = |kind: OfferActionKind,
                  id: &'static str,
                  label: &'static str,
                  action: OfferAction,
                  done: &'static str| {
        let act = act.clone();
        let onclick = Callback::from(move |_: MouseEvent| act(action.clone(), done));
        let disabled = *busy || form.dirty || !can(kind);
        let primary = matches!(kind, OfferActionKind::Send | OfferActionKind::Approve);
        html! { <button type="button" {id} class={classes!(primary.then_some("primary"))} {disabled} {onclick}>{label}</button> }
    };
    let start_response = {
        let response = response.clone();
        let today = tab.as_ref().map(|tab| tab.today.clone()).unwrap_or_default();
        Callback::from(move |_: MouseEvent| response.set(Some(Response { date: today.clone(), ..Response::default() })))
    };
    let record = {
        let (response, act, error) = (response.clone(), act.clone(), error.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(current) = (*response).clone() else { return };
            let Some(accepted) = current.accepted else {
                error.set(Some(IpcError::validation(vec![hiredesk_wire::FieldError {
                    field: "response".into(),
                    message: "Choose Accepted or Declined.".into(),
                }])));
                return;
            };
            let action = OfferAction::RecordResponse { accepted, date: current.date, comment: current.comment };
            act(action, if accepted { "Offer accepted." } else { "Offer declined." });
        })
    };
    let edit_response = |update: fn(&mut Response, String)| {
        let response = response.clone();
        move |value: String| {
            if let Some(mut next) = (*response).clone() {
                update(&mut next, value);
                response.set(Some(next));
            }
        }
    };
    let toggle_history = {
        let show_history = show_history.clone();
        Callback::from(move |_: MouseEvent| show_history.set(!*show_history))
    };
    let on_application = {
        let application = application.clone();
        Callback::from(move |event: Event| {
            if let Ok(id) = event.target_unchecked_into::<HtmlSelectElement>().value().parse() {
                application.set(id);
            }
        })
    };
    let rescind = OfferAction::Rescind { comment: String::new() };

    let Some(current) = &*tab else {
        return html! { <div class="offers" id="offers-panel">{form_error(error.as_ref())}<p class="muted">{"Loading…"}</p></div> };
    };
    let offer = current.offer.as_ref();
    let needs_approval = offer.is_some_and(|offer| offer.needs_approval);
    html! {
        <div class="offers" id="offers-panel">
            {form_error(error.as_ref())}
            <div class="offer-columns">
                <div class="offer-left" id="offer-left">
                    if props.applications.len() > 1 {
                        <div class="field">
                            <label for="offer-requisition">{"Requisition"}</label>
                            <select id="offer-requisition" onchange={on_application}>
                                { for props.applications.iter().map(|choice| html! {
                                    <option value={choice.id.to_string()} selected={*application == choice.id}>{&choice.requisition}</option>
                                }) }
                            </select>
                        </div>
                    }
                    <div class={classes!("field", field_error(error.as_ref(), "template").is_some().then_some("invalid"))}>
                        <label for="offer-template">{"Offer Templates"}</label>
                        <select id="offer-template" onchange={on_template} disabled={!editable}>
                            <option value="" selected={form.template_id.is_none()} disabled=true>{"Choose a template…"}</option>
                            { for current.templates.iter().map(|(id, name)| html! {
                                <option value={id.to_string()} selected={form.template_id == Some(*id)}>{name}</option>
                            }) }
                        </select>
                        if let Some(message) = field_error(error.as_ref(), "template") {
                            <p class="field-error" id="offer-template-error">{message}</p>
                        }
                    </div>
                    { for form.tags.iter().map(|tag| tag_field(tag, editable, set_tag(tag.name.clone()))) }
                    if form.template_id.is_some() {
                        <div class={classes!("field", field_error(error.as_ref(), "expires_on").is_some().then_some("invalid"))}>
                            <label for="offer-expires">{"Offer expires after (MM/DD/YYYY, optional)"}</label>
                            <input id="offer-expires" type="text" placeholder="MM/DD/YYYY" value={form.expires_on.clone()}
                                readonly={!editable} oninput={on_expiry} />
                            if let Some(message) = field_error(error.as_ref(), "expires_on") {
                                <p class="field-error" id="offer-expires-error">{message}</p>
                            }
                        </div>
                    }
                    if offer.is_some() {
                        <button type="button" id="view-offer-history" onclick={toggle_history.clone()} aria-expanded={show_history.to_string()}>
                            { if *show_history { "Hide History" } else { "View History" } }
                        </button>
                    }
                </div>
                <div class="offer-right">
                    if *show_history {
                        <section class="offer-history card-inline" id="offer-history" aria-label="Offer history">
                            <h3>{"Offer History"}</h3>
                            <table class="list">
                                <thead><tr><th>{"Version"}</th><th>{"Action"}</th><th>{"User"}</th><th>{"When"}</th><th>{"Comment"}</th></tr></thead>
                                <tbody>
                                    { for current.events.iter().map(|event| html! {
                                        <tr class="offer-event">
                                            <td>{event.version}</td><td class="offer-action">{&event.action}</td><td>{&event.user}</td>
                                            <td>{&event.at}</td><td>{&event.comment}</td>
                                        </tr>
                                    }) }
                                </tbody>
                            </table>
                            <div class="actions">
                                <span class="muted">{"Offer Actions: "}</span>
                                if can(OfferActionKind::Rescind) {
                                    {button(OfferActionKind::Rescind, "history-rescind", "Rescind Offer", rescind.clone(), "Offer rescinded.")}
                                }
                                if can(OfferActionKind::Send) {
                                    {button(OfferActionKind::Send, "history-send", "Send Offer", OfferAction::Send, "Offer sent.")}
                                }
                                <button type="button" id="history-view" onclick={toggle_history}>{"View Offer"}</button>
                            </div>
                        </section>
                    } else if let Some(offer) = offer {
                        <section class="offer-preview" id="offer-preview" aria-label="Letter preview">
                            <p class="offer-subject"><span class="muted">{"Subject: "}</span><span id="offer-subject">{&offer.subject}</span></p>
                            if !offer.missing.is_empty() {
                                <p class="form-error" id="offer-missing" role="status">
                                    {format!("Still to fill in before sending: {}.", offer.missing.join(", "))}
                                </p>
                            }
                            if form.dirty {
                                <p class="muted" id="offer-stale">{"You changed the tags: click Save to see the letter with them."}</p>
                            }
                            <div class="letter" id="offer-letter">{Html::from_html_unchecked(AttrValue::from(offer.preview_html.clone()))}</div>
                            if !offer.approvals.is_empty() {
                                <ol class="approval-steps" id="approval-steps">
                                    { for offer.approvals.iter().map(|step| html! {
                                        <li>{&step.approver}{" — "}{step.approved.as_deref().map(|at| format!("approved {at}")).unwrap_or_else(|| "waiting".into())}</li>
                                    }) }
                                </ol>
                            }
                        </section>
                    } else {
                        <p class="muted offer-empty" id="offer-empty">{"Choose a template, fill in the tags and click Save to see the letter."}</p>
                    }
                    if let Some(answer) = &*response {
                        <section class="card-inline offer-response" id="offer-response" aria-label="Record the response">
                            <div class={classes!("field", field_error(error.as_ref(), "response").is_some().then_some("invalid"))}>
                                <span class="label">{"Response"}</span>
                                <label><input type="radio" name="offer-answer" id="response-accepted" checked={answer.accepted == Some(true)}
                                    onchange={{ let set = edit_response(|r, _| r.accepted = Some(true)); Callback::from(move |_: Event| set(String::new())) }} />{" Accepted"}</label>
                                <label><input type="radio" name="offer-answer" id="response-declined" checked={answer.accepted == Some(false)}
                                    onchange={{ let set = edit_response(|r, _| r.accepted = Some(false)); Callback::from(move |_: Event| set(String::new())) }} />{" Declined"}</label>
                                if let Some(message) = field_error(error.as_ref(), "response") {
                                    <p class="field-error">{message}</p>
                                }
                            </div>
                            <div class={classes!("field", field_error(error.as_ref(), "response_date").is_some().then_some("invalid"))}>
                                <label for="response-date">{"Date (MM/DD/YYYY)"}</label>
                                <input id="response-date" type="text" value={answer.date.clone()}
                                    oninput={{ let set = edit_response(|r, v| r.date = v); Callback::from(move |e: InputEvent| set(e.target_unchecked_into::<HtmlInputElement>().value())) }} />
                                if let Some(message) = field_error(error.as_ref(), "response_date") {
                                    <p class="field-error" id="response-date-error">{message}</p>
                                }
                            </div>
                            <div class="field">
                                <label for="response-comment">{"Comment (optional)"}</label>
                                <textarea id="response-comment" rows="2" value={answer.comment.clone()}
                                    oninput={{ let set = edit_response(|r, v| r.comment = v); Callback::from(move |e: InputEvent| set(e.target_unchecked_into::<HtmlTextAreaElement>().value())) }} />
                            </div>
                            <div class="actions">
                                <button type="button" class="primary" id="save-response" onclick={record}>{"Save Response"}</button>
                                <button type="button" id="cancel-response" onclick={{ let response = response.clone(); Callback::from(move |_: MouseEvent| response.set(None)) }}>{"Cancel"}</button>
                            </div>
                        </section>
                    }
                </div>
            </div>
            <div class="toolbar offer-toolbar" id="offer-toolbar">
                if editable {
                    <button type="button" id="save-offer" onclick={save} disabled={*busy || form.template_id.is_none()}>{"Save"}</button>
                }
                if needs_approval && editable {
                    {button(OfferActionKind::RequestApproval, "request-approval", "Request Approval", OfferAction::RequestApproval, "Approval requested.")}
                }
                if can(OfferActionKind::Approve) {
                    {button(OfferActionKind::Approve, "approve-offer", "Approve", OfferAction::Approve, "Approved.")}
                }
                if (!needs_approval && editable) || can(OfferActionKind::Send) {
                    {button(OfferActionKind::Send, "send-offer", "Send Offer", OfferAction::Send, "Offer sent. It is on the Communication tab.")}
                }
                if can(OfferActionKind::RecordResponse) {
                    <button type="button" id="record-response" onclick={start_response} disabled={response.is_some()}>{"Record Response"}</button>
                }
                if can(OfferActionKind::SendNewOffer) {
                    {button(OfferActionKind::SendNewOffer, "send-new-offer", "Send New Offer", OfferAction::SendNewOffer, "A new version was started from the previous one.")}
                }
                if can(OfferActionKind::Rescind) {
                    {button(OfferActionKind::Rescind, "rescind-offer", "Rescind Offer", rescind, "Offer rescinded.")}
                }
                <span class="spacer"></span>
                <span class="offer-status" id="offer-status">
                    { offer.map(|offer| format!("Version {} · {}", offer.version, offer.tagline)).unwrap_or_else(|| "No offer yet".into()) }
                </span>
            </div>
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
        <div class={classes!("field", "offer-tag", tag.filled.is_some().then_some("filled"), empty.then_some("empty"))}>
            <label for={id.clone()}>
                {&tag.label}
                if tag.filled.is_some() { <span class="muted">{" (from the database)"}</span> }
            </label>
            {input}
            if tag.overridden() {
                <p class="hint not-recommended" id={format!("{id}-hint")}>
                    {format!("Changing a value from the database is not recommended (it holds “{}”).", tag.filled.as_deref().unwrap_or_default())}
                </p>
            }
        </div>
    }
}
