//! The requisition a job seeker applies to, when adding one by hand or importing a file: the open
//! requisitions, loaded once per mount.

use super::field::SelectField;
use crate::hooks::command::use_command_with;
use hiredesk_wire::RequisitionChoicesRequest;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct RequisitionPickerProps {
    pub id: AttrValue,
    /// In a toolbar (Import) rather than above a form (Add Job Seeker).
    #[prop_or_default]
    pub inline: bool,
    pub selected: Option<i32>,
    #[prop_or_default]
    pub error: Option<String>,
    pub on_change: Callback<Option<i32>>,
}

#[component]
pub fn RequisitionPicker(props: &RequisitionPickerProps) -> Html {
    let requisitions = use_command_with(RequisitionChoicesRequest {});
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |value: String| on_change.emit(value.parse().ok()))
    };
    html! {
        <SelectField id={props.id.clone()} label="Requisition" inline={props.inline} error={props.error.clone()}
            {onchange}>
            <option value="" selected={props.selected.is_none()}>{"Choose a requisition"}</option>
            { for requisitions.answer().into_iter().flatten().filter(|choice| choice.is_open).map(|choice| html! {
                <option value={choice.id.to_string()} selected={props.selected == Some(choice.id)}>
                    {&choice.title}
                </option>
            }) }
        </SelectField>
    }
}
