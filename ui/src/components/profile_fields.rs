//! The job seeker's fields as a grid of labelled inputs, each with its message; used by the Profile tab and
//! by Add Job Seeker.

use super::field::Field;
use super::form::field_error;
use hiredesk_wire::{IpcError, JobSeekerProfile};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProfileFieldsProps {
    pub profile: JobSeekerProfile,
    pub error: Option<IpcError>,
    pub on_change: Callback<JobSeekerProfile>,
}

/// (input id, request field, label, autocomplete)
const FIELDS: [(&str, &str, &str, &str); 9] = [
    ("first-name", "first_name", "First Name", "off"),
    ("last-name", "last_name", "Last Name", "off"),
    ("email", "email", "Email", "off"),
    ("phone", "phone", "Phone", "off"),
    ("address-line1", "address_line1", "Address Line 1", "off"),
    ("address-line2", "address_line2", "Address Line 2", "off"),
    ("city", "city", "City", "off"),
    ("state", "state", "State", "off"),
    ("postal-code", "postal_code", "ZIP Code", "off"),
];

#[component]
pub fn ProfileFields(props: &ProfileFieldsProps) -> Html {
    html! {
        <div class="field-grid">
            { for FIELDS.iter().map(|(id, field, label, autocomplete)| {
                let oninput = {
                    let (profile, on_change, field) = (props.profile.clone(), props.on_change.clone(), *field);
                    Callback::from(move |value: String| {
                        let mut next = profile.clone();
                        if let Some(slot) = next.field_mut(field) {
                            *slot = value;
                        }
                        on_change.emit(next);
                    })
                };
                html! {
                    <Field id={*id} label={*label} value={props.profile.field(field).unwrap_or_default().to_owned()}
                        autocomplete={*autocomplete} error={field_error(props.error.as_ref(), field)} {oninput} />
                }
            }) }
        </div>
    }
}

/// A setter for a profile draft kept in state.
pub fn set_draft(draft: &UseStateHandle<JobSeekerProfile>) -> Callback<JobSeekerProfile> {
    let draft = draft.clone();
    Callback::from(move |next: JobSeekerProfile| draft.set(next))
}
