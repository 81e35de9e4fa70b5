//! The row of buttons and filters above a list or a tab (`div.toolbar`): search and filters on the job
//! seeker list, Export and Print on History and Notes, Refresh on Communication, and so on.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Classes beside `toolbar` (`no-print` in the print window).
    #[prop_or_default]
    pub class: Classes,
    /// `search` where the toolbar filters a list.
    #[prop_or_default]
    pub role: Option<AttrValue>,
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Toolbar(props: &ToolbarProps) -> Html {
    html! {
        <div class={classes!("toolbar", props.class.clone())} id={props.id.clone()} role={props.role.clone()}>
            {props.children.clone()}
        </div>
    }
}
