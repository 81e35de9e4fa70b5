//! Security → Security Questions (SPEC AC-5): three questions, each picked from the list or written with
//! "Create Your Own", with an answer; a Delete icon clears one. Answers are never shown again.

use crate::components::field::Checkbox;
use crate::components::form::{field_error, form_error};
use crate::components::icons;
use crate::hooks::command::{use_command, use_command_with_then};
use crate::shortcuts::{self, Action};
use crate::workspace_context::WorkspaceContext;
use hiredesk_wire::{
    IpcError, QuestionChange, SaveSecurityQuestionsRequest, SecurityQuestions, SecurityQuestionsRequest,
    SUGGESTED_QUESTIONS,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

/// One slot as the form holds it.
#[derive(Clone, PartialEq, Default)]
struct Slot {
    /// The question stored now, if any.
    stored: Option<String>,
    /// Being changed (or set for the first time).
    editing: bool,
    cleared: bool,
    custom: bool,
    question: String,
    answer: String,
}

impl Slot {
    fn change(&self) -> QuestionChange {
        if self.editing {
            QuestionChange::Set { question: self.question.clone(), answer: self.answer.clone() }
        } else if self.cleared {
            QuestionChange::Clear
        } else {
            QuestionChange::Keep
        }
    }
}

fn slots_from(saved: &SecurityQuestions) -> Vec<Slot> {
    saved
        .slots
        .iter()
        .map(|stored| Slot { stored: stored.clone(), editing: stored.is_none(), ..Slot::default() })
        .collect()
}

#[component]
pub fn SecurityQuestionsTab() -> Html {
    let Some(workspace) = use_context::<WorkspaceContext>() else { return html! {} };
    let slots = use_state(Vec::<Slot>::new);
    let load = {
        let slots = slots.clone();
        use_command_with_then(SecurityQuestionsRequest {}, move |saved| slots.set(slots_from(saved)))
    };
    let save = use_command::<SaveSecurityQuestionsRequest>();
    let onsubmit = {
        let (slots, save) = (slots.clone(), save.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            let request = SaveSecurityQuestionsRequest { slots: slots.iter().map(Slot::change).collect() };
            let (slots, workspace) = (slots.clone(), workspace.clone());
            save.run_then(request, move |saved| {
                slots.set(slots_from(saved));
                workspace.toast("Security questions saved.");
            });
        })
    };
    let error = save.error().or(load.error());

    html! {
        <form class="questions-form" {onsubmit} novalidate=true aria-label="Security Questions">
            <p class="lead">{"Three questions protect your account if you forget your password. Choose questions \
                whose answers are unique and easy for you to remember."}</p>
            {form_error(error)}
            { for slots.iter().enumerate().map(|(index, slot)| question_slot(index, slot, error, &slots)) }
            <div class="actions">
                <button type="submit" class="primary" id="save-questions" data-shortcut="save"
                        title={shortcuts::titled("Save", Action::Save)}>{"Save"}</button>
            </div>
        </form>
    }
}

/// One slot of the form: the stored question with Change and Delete, or the question and answer being set.
/// Every control changes the slot in `slots` as it is now.
fn question_slot(index: usize, slot: &Slot, error: Option<&IpcError>, slots: &UseStateHandle<Vec<Slot>>) -> Html {
    let number = index + 1;
    let question_error = field_error(error, &format!("question_{number}"));
    let answer_error = field_error(error, &format!("answer_{number}"));
    let update = |change: fn(&mut Slot, String)| {
        let slots = slots.clone();
        Callback::from(move |value: String| {
            let mut next = (*slots).clone();
            if let Some(slot) = next.get_mut(index) {
                change(slot, value);
            }
            slots.set(next);
        })
    };
    let typed = |change: fn(&mut Slot, String)| {
        update(change).reform(|event: InputEvent| event.target_unchecked_into::<HtmlInputElement>().value())
    };
    let on_change = update(|slot, _| {
        slot.editing = true;
        slot.cleared = false;
    })
    .reform(|_: MouseEvent| String::new());
    let on_delete = update(|slot, _| *slot = Slot { stored: slot.stored.clone(), cleared: true, ..Slot::default() })
        .reform(|_: MouseEvent| String::new());
    let on_pick = update(|slot, question| slot.question = question)
        .reform(|event: Event| event.target_unchecked_into::<HtmlSelectElement>().value());
    let on_custom = update(|slot, custom| {
        slot.custom = custom == "true";
        slot.question.clear();
    })
    .reform(|custom: bool| custom.to_string());
    let on_own = typed(|slot, question| slot.question = question);
    let on_answer = typed(|slot, answer| slot.answer = answer);
    let shown = slot.stored.is_some() && !slot.cleared;
    html! {
        <fieldset class="question-slot" id={format!("slot-{number}")}>
            <legend>{format!("Question {number}")}</legend>
            if !slot.editing {
                <div class="question-row">
                    <span class="question-text" id={format!("question-{number}-text")}>
                        { match (&slot.stored, slot.cleared) {
                            (Some(question), false) => question.clone(),
                            _ => "Not set".to_owned(),
                        } }
                    </span>
                    <button type="button" id={format!("change-question-{number}")} onclick={on_change}>
                        { if shown { "Change" } else { "Set" } }
                    </button>
                    if shown {
                        <button type="button" class="quiet-danger icon-button" id={format!("delete-question-{number}")}
                            aria-label={format!("Delete question {number}")} title="Delete" onclick={on_delete}>
                            {icons::trash()}
                        </button>
                    }
                </div>
            } else {
                <Checkbox id={format!("custom-{number}")} label="Create Your Own" checked={slot.custom}
                    onchange={on_custom} />
                <div class={classes!("field", question_error.is_some().then_some("invalid"))}>
                    <label for={format!("question-{number}")}>{"Question"}</label>
                    if slot.custom {
                        <input id={format!("question-{number}")} type="text" value={slot.question.clone()}
                            oninput={on_own} />
                    } else {
                        <select id={format!("question-{number}")} onchange={on_pick}>
                            <option value="" selected={slot.question.is_empty()}>{"Choose a question"}</option>
                            { for SUGGESTED_QUESTIONS.iter().map(|question| html! {
                                <option value={*question} selected={slot.question == *question}>{*question}</option>
                            }) }
                        </select>
                    }
                    if let Some(message) = question_error {
                        <p class="field-error" id={format!("question-{number}-error")}>{message}</p>
                    }
                </div>
                <div class={classes!("field", answer_error.is_some().then_some("invalid"))}>
                    <label for={format!("answer-{number}")}>{"Answer"}</label>
                    <input id={format!("answer-{number}")} type="text" autocomplete="off" value={slot.answer.clone()}
                        oninput={on_answer} />
                    if let Some(message) = answer_error {
                        <p class="field-error" id={format!("answer-{number}-error")}>{message}</p>
                    }
                </div>
            }
        </fieldset>
    }
}
