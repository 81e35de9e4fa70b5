//! One tab of a tab bar (the job seeker detail, Security, Administration): a button that says whether it
//! is the one shown.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TabButtonProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub selected: bool,
    /// The tooltip, e.g. the tab's shortcut.
    #[prop_or_default]
    pub title: Option<AttrValue>,
    pub on_select: Callback<()>,
}

#[component]
pub fn TabButton(props: &TabButtonProps) -> Html {
    let onclick = {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(()))
    };
    html! {
        <button type="button" role="tab" id={props.id.clone()} aria-selected={props.selected.to_string()}
            class={classes!("tab", props.selected.then_some("selected"))} title={props.title.clone()}
            {onclick}>{props.label.clone()}</button>
    }
}
