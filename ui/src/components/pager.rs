//! The buttons that page through a list (Previous and Next on the job seeker list, Newer and Older on the
//! History tab), with whatever the page says between them (where the list stands).

use yew::prelude::*;

/// One of the two buttons: its element id, its label, and whether there is a page that way.
#[derive(Clone, PartialEq)]
pub struct PageButton {
    pub id: &'static str,
    pub label: &'static str,
    pub enabled: bool,
    pub onclick: Callback<MouseEvent>,
}

#[derive(Properties, PartialEq)]
pub struct PagerProps {
    pub back: PageButton,
    pub forward: PageButton,
    /// Shown between the buttons.
    #[prop_or_default]
    pub children: Html,
}

#[component]
pub fn Pager(props: &PagerProps) -> Html {
    let button = |button: &PageButton| {
        html! {
            <button type="button" id={button.id} disabled={!button.enabled} onclick={button.onclick.clone()}>
                {button.label}
            </button>
        }
    };
    html! {
        <div class="paging">
            {button(&props.back)}
            {props.children.clone()}
            {button(&props.forward)}
        </div>
    }
}
