//! Labelled form controls with their error message below them (SPEC: errors next to the field that caused
//! them): [`Field`] (an input), [`TextAreaField`], [`SelectField`] and [`Checkbox`]. Each hands the page
//! the new value, not the DOM event.

use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The input's id; the error message's id is `{id}-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    #[prop_or(AttrValue::Static("text"))]
    pub input_type: AttrValue,
    #[prop_or(AttrValue::Static("off"))]
    pub autocomplete: AttrValue,
    #[prop_or_default]
    pub error: Option<String>,
    /// Takes the focus when the field appears (its form's first field).
    #[prop_or_default]
    pub autofocus: bool,
    #[prop_or_default]
    pub readonly: bool,
    pub oninput: Callback<String>,
}

#[component]
pub fn Field(props: &FieldProps) -> Html {
    let input = use_node_ref();
    {
        let (input, autofocus) = (input.clone(), props.autofocus);
        use_effect_with((), move |()| {
            if let Some(input) = input.cast::<HtmlInputElement>().filter(|_| autofocus) {
                let _ = input.focus();
            }
        });
    }
    let oninput = {
        let oninput = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            oninput.emit(event.target_unchecked_into::<HtmlInputElement>().value());
        })
    };
    let error_id = format!("{}-error", props.id);
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("field", invalid.then_some("invalid"))}>
            <label for={props.id.clone()}>{props.label.clone()}</label>
            <input
                ref={input}
                id={props.id.clone()}
                name={props.id.clone()}
                type={props.input_type.clone()}
                value={props.value.clone()}
                autocomplete={props.autocomplete.clone()}
                autofocus={props.autofocus}
                readonly={props.readonly}
                aria-invalid={invalid.to_string()}
                aria-describedby={invalid.then(|| error_id.clone())}
                {oninput}
            />
            if let Some(error) = &props.error {
                <p class="field-error" id={error_id}>{error}</p>
            }
        </div>
    }
}

/// The message below a control, with the id its control's `aria-describedby` or a test finds it by.
fn error_below(id: &str, error: &Option<String>) -> Html {
    match error {
        Some(message) => html! { <p class="field-error" id={format!("{id}-error")}>{message}</p> },
        None => html! {},
    }
}

#[derive(Properties, PartialEq)]
pub struct TextAreaFieldProps {
    /// The text area's id; the error message's id is `{id}-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub rows: u32,
    /// The text area's own class (the template editor's wide body).
    #[prop_or_default]
    pub class: Option<AttrValue>,
    #[prop_or_default]
    pub error: Option<String>,
    pub oninput: Callback<String>,
}

#[component]
pub fn TextAreaField(props: &TextAreaFieldProps) -> Html {
    let oninput = {
        let oninput = props.oninput.clone();
        Callback::from(move |event: InputEvent| {
            oninput.emit(event.target_unchecked_into::<HtmlTextAreaElement>().value());
        })
    };
    html! {
        <div class={classes!("field", props.error.is_some().then_some("invalid"))}>
            <label for={props.id.clone()}>{props.label.clone()}</label>
            <textarea id={props.id.clone()} class={props.class.clone()} rows={props.rows.to_string()}
                value={props.value.clone()} {oninput} />
            {error_below(&props.id, &props.error)}
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    /// The select's id; the error message's id is `{id}-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    /// Label and select side by side, as in a toolbar.
    #[prop_or_default]
    pub inline: bool,
    #[prop_or_default]
    pub error: Option<String>,
    #[prop_or_default]
    pub disabled: bool,
    /// The chosen option's value.
    pub onchange: Callback<String>,
    /// The `<option>`s.
    pub children: Html,
}

#[component]
pub fn SelectField(props: &SelectFieldProps) -> Html {
    let onchange = {
        let onchange = props.onchange.clone();
        Callback::from(move |event: Event| onchange.emit(event.target_unchecked_into::<HtmlSelectElement>().value()))
    };
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("field", props.inline.then_some("inline"), invalid.then_some("invalid"))}>
            <label for={props.id.clone()}>{props.label.clone()}</label>
            <select id={props.id.clone()} {onchange} disabled={props.disabled} aria-invalid={invalid.then_some("true")}>
                {props.children.clone()}
            </select>
            {error_below(&props.id, &props.error)}
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct CheckboxProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub checked: bool,
    /// Whether it is checked now.
    pub onchange: Callback<bool>,
}

#[component]
pub fn Checkbox(props: &CheckboxProps) -> Html {
    let onchange = {
        let onchange = props.onchange.clone();
        Callback::from(move |event: Event| onchange.emit(event.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    html! {
        <div class="field checkbox">
            <label for={props.id.clone()}>
                <input id={props.id.clone()} type="checkbox" checked={props.checked} {onchange} />
                {format!(" {}", props.label)}
            </label>
        </div>
    }
}
