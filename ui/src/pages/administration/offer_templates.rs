//! Administration → Offer Templates (SPEC OF-2, OF-9): the letters recruiters choose from on the Offers tab.
//! The editor lists every tag with where its value comes from and inserts it at the cursor; core checks the
//! template on save and names the line and the tag of a mistake.

use crate::components::field::{Checkbox, Field, TextAreaField};
use crate::components::form::{edit_open, field_error, form_error};
use crate::components::list_table::ListTable;
use crate::components::toolbar::Toolbar;
use crate::hooks::command::{use_command, use_command_with_then};
use crate::shortcuts::{self, Action};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{OfferTemplateView, OfferTemplates, OfferTemplatesRequest, SaveOfferTemplateRequest};
use wasm_bindgen::JsCast;
use web_sys::{HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

const BODY_ID: &str = "template-body";
const COLUMNS: &[&str] = &["Name", "Subject", "Status", "Approvers"];

fn editing(template: &OfferTemplateView) -> SaveOfferTemplateRequest {
    SaveOfferTemplateRequest {
        id: Some(template.id),
        name: template.name.clone(),
        subject: template.subject.clone(),
        body: template.body.clone(),
        active: template.active,
        approver_ids: template.approver_ids.clone(),
    }
}

/// `text` with `insert` put where the body's cursor is (at the end when it has none).
fn insert_at_cursor(text: &str, insert: &str) -> String {
    let cursor = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(BODY_ID))
        .and_then(|element| element.dyn_into::<HtmlTextAreaElement>().ok())
        .and_then(|area| area.selection_start().ok().flatten());
    // The cursor counts UTF-16 units; find the matching byte position.
    let at = cursor
        .and_then(|units| {
            let mut seen = 0u32;
            text.char_indices().find_map(|(byte, c)| {
                if seen >= units {
                    return Some(byte);
                }
                seen += c.len_utf16() as u32;
                None
            })
        })
        .unwrap_or(text.len());
    format!("{}{insert}{}", &text[..at], &text[at..])
}

#[component]
pub fn OfferTemplatesTab() -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    // The templates as loaded, or as the last save answered them.
    let page = use_state(|| None::<OfferTemplates>);
    let load = {
        let page = page.clone();
        use_command_with_then(OfferTemplatesRequest {}, move |answer| page.set(Some(answer.clone())))
    };
    let save_template = use_command::<SaveOfferTemplateRequest>();
    let draft = use_state(|| None::<SaveOfferTemplateRequest>);
    let error = save_template.error().or(load.error());
    let Some(current) = &*page else {
        return html! { <div id="offer-templates">{form_error(error)}<p class="muted">{"Loading…"}</p></div> };
    };
    let update = |change: fn(&mut SaveOfferTemplateRequest, String)| edit_open(&draft, change);
    let open = |request: SaveOfferTemplateRequest| {
        let (draft, save_template) = (draft.clone(), save_template.clone());
        Callback::from(move |_: MouseEvent| {
            save_template.forget_error();
            draft.set(Some(request.clone()));
        })
    };
    let new_template = SaveOfferTemplateRequest { active: true, ..SaveOfferTemplateRequest::default() };
    let save = {
        let (draft, page, save_template) = (draft.clone(), page.clone(), save_template.clone());
        Callback::from(move |_: MouseEvent| {
            let Some(request) = (*draft).clone() else { return };
            let saved = format!("Template “{}” saved.", request.name.trim());
            let (draft, page, workspace) = (draft.clone(), page.clone(), workspace.clone());
            save_template.run_then(request, move |answer| {
                page.set(Some(answer.clone()));
                draft.set(None);
                workspace.toast(saved);
            });
        })
    };
    let cancel = {
        let (draft, save_template) = (draft.clone(), save_template.clone());
        Callback::from(move |_: MouseEvent| {
            draft.set(None);
            save_template.forget_error();
        })
    };
    let remove_approver = |index: usize| {
        let draft = draft.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(mut next) = (*draft).clone() {
                next.approver_ids.remove(index);
                draft.set(Some(next));
            }
        })
    };
    // The drop-down adds the chosen user, then offers "Add an approver…" again.
    let add_approver = {
        let draft = draft.clone();
        Callback::from(move |event: Event| {
            let select = event.target_unchecked_into::<HtmlSelectElement>();
            if let (Ok(id), Some(mut next)) = (select.value().parse::<i32>(), (*draft).clone()) {
                next.approver_ids.push(id);
                draft.set(Some(next));
            }
            select.set_value("");
        })
    };
    let user_name = |id: i32| {
        current
            .users
            .iter()
            .find(|(user, _)| *user == id)
            .map_or_else(|| format!("user {id}"), |(_, name)| name.clone())
    };

    html! {
        <div class="offer-templates" id="offer-templates">
            <p class="lead">{"Recruiters choose one of the active templates on a job seeker's Offers tab. Write the \
                letter as plain text with tags such as {{ job_seeker_first_name }}; use \
                {% if signing_bonus %} … {% endif %} for a part that only appears when the recruiter fills that \
                tag."}</p>
            {form_error(error)}
            if let Some(request) = &*draft {
                <div class="template-editor" id="template-editor">
                    <div class="template-form">
                        <Field id="template-name" label="Name" value={request.name.clone()}
                            error={field_error(error, "name")} oninput={update(|r, v| r.name = v)} />
                        <Field id="template-subject" label="Email subject" value={request.subject.clone()}
                            error={field_error(error, "subject")} oninput={update(|r, v| r.subject = v)} />
                        <TextAreaField id={BODY_ID} label="Letter" class="template-body" rows={18}
                            value={request.body.clone()} error={field_error(error, "body")}
                            oninput={update(|r, v| r.body = v)} />
                        <Checkbox id="template-active" label="Active (offered on the Offers tab)"
                            checked={request.active} onchange={edit_open(&draft, |r, active| r.active = active)} />
                        <div class={classes!("field", field_error(error, "approvers").is_some().then_some("invalid"))}>
                            <span class="label">{"Approvers, in order (optional)"}</span>
                            <ol class="approvers" id="template-approvers">
                                { for request.approver_ids.iter().enumerate().map(|(index, id)| html! {
                                    <li>
                                        {user_name(*id)}{" "}
                                        <button type="button" class="link" onclick={remove_approver(index)}>
                                            {"Remove"}
                                        </button>
                                    </li>
                                }) }
                            </ol>
                            <select id="template-add-approver" aria-label="Add an approver"
                                onchange={add_approver.clone()}>
                                <option value="" selected=true>{"Add an approver…"}</option>
                                { for current.users.iter().filter(|(id, _)| !request.approver_ids.contains(id))
                                    .map(|(id, name)| html! { <option value={id.to_string()}>{name}</option> }) }
                            </select>
                            if let Some(message) = field_error(error, "approvers") {
                                <p class="field-error">{message}</p>
                            }
                        </div>
                        <div class="actions">
                            <button type="button" class="primary" id="save-template" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)} onclick={save}>
                                {"Save Template"}
                            </button>
                            <button type="button" id="cancel-template" onclick={cancel}>{"Cancel"}</button>
                        </div>
                    </div>
                    <aside class="tag-catalogue" id="tag-catalogue" aria-label="Tags">
                        <h3>{"Tags"}</h3>
                        <ul>
                            { for current.catalogue.iter().map(|tag| {
                                let insert = {
                                    let (draft, name) = (draft.clone(), tag.name.clone());
                                    Callback::from(move |_: MouseEvent| {
                                        if let Some(mut next) = (*draft).clone() {
                                            next.body = insert_at_cursor(&next.body, &format!("{{{{ {name} }}}}"));
                                            draft.set(Some(next));
                                        }
                                    })
                                };
                                html! {
                                    <li>
                                        <button type="button" class="link" id={format!("insert-{}", tag.name)}
                                            onclick={insert} title="Insert at the cursor">
                                            {format!("{{{{ {} }}}}", tag.name)}
                                        </button>
                                        <span class="muted">
                                            {" "}
                                            { tag.source.clone()
                                                .unwrap_or_else(|| format!("{}: typed by the recruiter", tag.label)) }
                                        </span>
                                    </li>
                                }
                            }) }
                        </ul>
                    </aside>
                </div>
            } else {
                <Toolbar>
                    <button type="button" id="add-template" onclick={open(new_template)}>{"Add Template"}</button>
                </Toolbar>
                <ListTable id="template-list" columns={COLUMNS} actions="">
                    { for current.templates.iter().map(|template| html! {
                        <tr id={format!("template-{}", template.id)}>
                            <td>{&template.name}</td>
                            <td>{&template.subject}</td>
                            <td>{ if template.active { "Active" } else { "Inactive" } }</td>
                            <td>
                                { if template.approvers.is_empty() {
                                    "None".to_owned()
                                } else {
                                    template.approvers.join(", then ")
                                } }
                            </td>
                            <td>
                                <button type="button" id={format!("edit-template-{}", template.id)}
                                    onclick={open(editing(template))}>{"Edit"}</button>
                            </td>
                        </tr>
                    }) }
                </ListTable>
            }
        </div>
    }
}
